/**
 * The content stages in order, for one source: extract → normalize → structure → classify → analyze.
 * Pure with respect to storage: the runners (embedded or queue) decide where bytes come from and
 * where results go.
 * @module
 */
import { basename } from 'node:path';
import { analyze } from './analyze/index.js';
import { classify } from './classify/index.js';
import { throwPoint } from './crash-point.js';
import { bandKeys, shingleSet } from './dedup/index.js';
import { PipelineError, type Stage } from './errors.js';
import type { ZipLimits } from './extract/zip-limits.js';
import type { BatchOcrOptions, OcrProgress } from './extract/ocr.js';
import { normalize } from './normalize/index.js';
import { segmentsDocuments } from './segment/index.js';
import { structure } from './structure/index.js';
import { extractEntities, periodCovered } from './entities/index.js';
import type { AnalyzedDocument, DocumentRecord, Extraction, Level, ProcessedSource, SourceInput } from './types.js';

export interface ProcessOptions {
  /**
   * Largest file accepted, in bytes.
   * @defaultValue 50 MiB
   */
  maxBytes?: number;
  /** Force every document's level (e.g. `central` for reference documents). */
  level?: Level;
  /** OCR language(s), resolution and layout mode for scanned pages and page images. */
  ocr?: BatchOcrOptions;
  /**
   * Heap an extraction of DOCX, PDF or HTML may use, in MiB; beyond it the file fails with TOO_LARGE.
   * @defaultValue 256 (`WENSHI_EXTRACT_MEMORY_MB`)
   */
  extractMemoryMb?: number;
  /** Limits for ZIP-based formats over their defaults (tests lift them to reach the memory budget). */
  zip?: Partial<ZipLimits>;
  /** Told as OCR reads the pages of a scan (never carried by a queue job: it is this process's). */
  onOcrPage?: (progress: OcrProgress) => void;
}

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

/** The options that were set, and only those (what a queue job carries, what the runners pass on). */
export function setOptions(opts: ProcessOptions): ProcessOptions {
  return { ...(opts.maxBytes ? { maxBytes: opts.maxBytes } : {}), ...(opts.level ? { level: opts.level } : {}), ...(opts.ocr ? { ocr: opts.ocr } : {}) };
}

/** Why a stage failed: its own error, or an unexpected one tagged with the stage it came from. */
function stageError(name: Stage, err: unknown): PipelineError {
  if (err instanceof PipelineError) return err;
  // A library choking on the bytes means a damaged file; anywhere later it is our bug.
  const code = name === 'extract' ? 'CORRUPT_FILE' : 'INTERNAL';
  return new PipelineError(code, `${name} failed: ${err instanceof Error ? err.message : String(err)}`, name, { cause: err });
}

/** Runs one stage that awaits (extraction), tagging its errors. */
async function stage<T>(name: Stage, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw stageError(name, err);
  }
}

/** Runs one stage of pure computation, tagging its errors. */
function runStage<T>(name: Stage, run: () => T): T {
  try {
    return run();
  } catch (err) {
    throw stageError(name, err);
  }
}

/** Findings, near-duplicate keys and, for 文史资料, entities and the years the text covers. */
export function analyzeDocument(d: DocumentRecord): AnalyzedDocument {
  const entities = d.meta.type === 'wenshi' ? extractEntities(d.text) : [];
  const meta = entities.length ? { ...d.meta, period: periodCovered(d.text, entities) } : d.meta;
  const shingles = shingleSet(d.text);
  return { ...d, meta, analysis: analyze(d), dupBands: bandKeys(shingles), shingles, entities };
}

/** `WENSHI_EXTRACT_MEMORY_MB`, for an operator whose real files need more than the default. */
function memoryFromEnv(fallback: number): number {
  const value = process.env.WENSHI_EXTRACT_MEMORY_MB;
  return value ? Number(value) : fallback;
}

/** The extract stage: in a memory-capped child for the formats whose parsers can blow up (see sandbox.ts). */
export function extractSource(input: SourceInput, opts: ProcessOptions = {}): Promise<Extraction> {
  return stage('extract', async () => {
    // Imported on first use: a content thread runs only the stages after this one, and loading the
    // parsers (cheerio with undici, mammoth, word-extractor …) took ~0.3 s of each thread's start.
    const { extractBounded, DEFAULT_EXTRACT_MEMORY_MB } = await import('./extract/sandbox.js');
    return extractBounded(input, {
      maxBytes: opts.maxBytes ?? DEFAULT_MAX_BYTES,
      memoryMb: opts.extractMemoryMb ?? memoryFromEnv(DEFAULT_EXTRACT_MEMORY_MB),
      ...(opts.ocr || opts.onOcrPage ? { ocr: { ...opts.ocr, ...(opts.onOcrPage ? { onPage: opts.onOcrPage } : {}) } } : {}),
      ...(opts.zip ? { zip: opts.zip } : {}),
    });
  });
}

/**
 * The stages after extraction: pure computation on the text, so a runner may run them on another
 * thread (see content-pool.ts). `path` names the source for classify.
 */
export function processExtraction(extraction: Extraction, path: string, level?: Level): ProcessedSource {
  segmentsDocuments();
  const normalized = runStage('normalize', () => normalize(extraction));
  const drafts = runStage('structure', () => structure(normalized));
  if (drafts.length === 0 || drafts.every((d) => !d.text.trim())) {
    throw new PipelineError('NO_TEXT', 'no text left after cleaning: the file holds only page furniture or markup', 'structure');
  }
  const records = runStage('classify', () => drafts.map((d) => classify(d, { ...(level ? { level } : {}), sourceName: basename(path) })));
  const documents = runStage('analyze', () => {
    throwPoint('analyze', path);
    return records.map(analyzeDocument);
  });
  const { blocks: _blocks, ...meta } = extraction;
  return { extraction: meta, documents };
}

export async function processSource(input: SourceInput, opts: ProcessOptions = {}): Promise<ProcessedSource> {
  return processExtraction(await extractSource(input, opts), input.path, opts.level);
}
