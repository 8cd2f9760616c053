/**
 * The shape every format extractor has: what it accepts (declared as data and checked by
 * content) and how it turns bytes into blocks.
 * @module
 */
import type { Extraction, Format } from '../types.js';
import type { OcrOptions } from './ocr.js';
import type { ZipLimits } from './zip-limits.js';

/** Per-call facts an extractor may need besides the bytes. */
export interface ExtractorOptions {
  /** The file's extension, lower-case and without the dot (`''` when it has none). */
  ext: string;
  /** How scanned pages and page images are read. */
  ocr?: OcrOptions;
  /** Limits for ZIP-based formats, over their defaults. */
  zip?: Partial<ZipLimits>;
  /**
   * The memory budget of the process extracting, in MiB: a ZIP entry that unpacks to more than half
   * of it cannot be read within it (its bytes and the text decoded from them are held at once), so it
   * fails before it is inflated.
   */
  memoryMb?: number;
}

export interface Extractor {
  format: Format;
  /** Media types this extractor produces; the first is the one recorded on the extraction. */
  mediaTypes: readonly string[];
  /** Extensions it claims, lower-case without the dot; used only when the content says nothing. */
  extensions: readonly string[];
  /**
   * How well this extractor fits the file: a score from `SPECIFICITY`, or -1 for "not mine".
   * `head` is the file's bytes (not copied); matchers read its start, and a ZIP's directory at its end.
   */
  match(head: Buffer, ext: string): number;
  extract(bytes: Buffer, opts: ExtractorOptions): Promise<Extraction>;
}
