/**
 * The extract stage: one file's bytes → text blocks, by the extractor its content calls for.
 * @module
 */
import { PipelineError } from '../errors.js';
import type { Extraction, SourceInput } from '../types.js';
import type { OcrOptions } from './ocr.js';
import { extensionOf, pickExtractor } from './registry.js';
import { humanBytes as size } from './sizes.js';
import type { ZipLimits } from './zip-limits.js';

export { EXTRACTORS, pickExtractor } from './registry.js';
export type { Extractor, ExtractorOptions } from './extractor.js';
export { sniff, SPECIFICITY, type ContentKind, type Sniffed } from './sniff.js';

export interface ExtractOptions {
  /**
   * Largest file accepted, in bytes; bigger files fail with TOO_LARGE before any parsing.
   * @defaultValue 50 MiB
   */
  maxBytes?: number;
  /** How scanned pages and page images are read (language, resolution, layout mode). */
  ocr?: OcrOptions;
  /** Guards for ZIP-based formats (DOCX): see {@link ZipLimits} for each limit and its default. */
  zip?: Partial<ZipLimits>;
  /**
   * The memory budget, in MiB: `extractBounded` runs the extraction in a child process capped at it
   * (default 256), and a ZIP entry that unpacks to more than half of it fails before it is inflated,
   * as does a DOCX whose markup mammoth's tree of it would not fit in (docx-budget.ts).
   */
  memoryMb?: number;
}

const DEFAULTS = { maxBytes: 50 * 1024 * 1024 };

/** Extracts text blocks from one source; every bad input ends in a PipelineError of the extract stage. */
export async function extract(input: SourceInput, opts: ExtractOptions = {}): Promise<Extraction> {
  const { maxBytes } = { ...DEFAULTS, ...opts };
  if (!(Number.isFinite(maxBytes) && maxBytes > 0)) throw new RangeError(`maxBytes must be a positive number, got ${maxBytes}`);
  const { bytes, path } = input;
  if (bytes.length === 0) throw new PipelineError('EMPTY_FILE', 'the file is empty (0 bytes)', 'extract');
  if (bytes.length > maxBytes) {
    throw new PipelineError(
      'TOO_LARGE',
      `the file is ${size(bytes.length)} (${bytes.length} bytes), over the ${size(maxBytes)} limit (maxBytes)`,
      'extract',
    );
  }
  return pickExtractor(bytes, path).extract(bytes, { ext: extensionOf(path), ...(opts.ocr ? { ocr: opts.ocr } : {}), ...(opts.zip ? { zip: opts.zip } : {}), ...(opts.memoryMb ? { memoryMb: opts.memoryMb } : {}) });
}
