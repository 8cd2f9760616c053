/**
 * What queue jobs carry (ids and hashes, never text) and how their ids derive from content, so the
 * same file queued twice, even by two processes at once, is one job.
 * @module
 */
import type { FailureInfo } from '../../pipeline/errors.js';
import type { ProcessOptions } from '../../pipeline/flow.js';
import type { FileOutcome } from '../../pipeline/ingest.js';
import type { ProcessedSource } from '../../pipeline/types.js';
import { sha256 } from '../../pipeline/store/blobs.js';

/** The queues, in pipeline order: `extract` runs anywhere, `store` where the archive lives. */
export const STAGES = ['extract', 'store'] as const;
export type QueueStage = (typeof STAGES)[number];

/** One source on its way into one archive. */
export interface SourceRef {
  sha256: string;
  /** The path it was found at, as the enqueueing machine saw it. */
  path: string;
  size: number;
  /** The data folder (archive and content-addressed store), mounted at the same path on every machine. */
  data: string;
  /** The batch that queued it; other batches waiting for the same bytes are found by its source key. */
  batch: string;
}

export interface ExtractJob extends SourceRef {
  options: Pick<ProcessOptions, 'maxBytes' | 'level' | 'ocr'>;
}

/**
 * Either the hash of the processed source (an {@link Intermediate} in the content-addressed store,
 * deleted once stored) or why it failed.
 */
export type StoreJob = SourceRef & ({ processed: string } | { failure: FailureInfo; attempts: number });

/**
 * What an extract-only worker leaves in the content store for the store stage. Named by its source
 * too, so two sources that happen to process to the same JSON never share (and delete) one file.
 */
export interface Intermediate {
  source: string;
  processed: ProcessedSource;
}

/**
 * The intermediate of a processed source, without its documents' shingle sets: a typed array in
 * JSON is an object of numbered keys, many times the text, and the store step makes them again.
 */
export function intermediate(source: string, processed: ProcessedSource): Intermediate {
  return { source, processed: { ...processed, documents: processed.documents.map(({ shingles: _, ...doc }) => doc) } };
}

/** A file's outcome without its path: one source may have been found at several. */
export type SourceOutcome = FileOutcome extends infer O ? (O extends FileOutcome ? Omit<O, 'path'> : never) : never;

/** Short, stable tag of a data folder, so the same bytes bound for two archives are two pieces of work. */
function archiveTag(data: string): string {
  return sha256(data).slice(0, 8);
}

/** Names the work on one source for one archive: `<sha>-<archive tag>`; also the suffix of its Redis keys. */
export function sourceKey(ref: Pick<SourceRef, 'sha256' | 'data'>): string {
  return `${ref.sha256}-${archiveTag(ref.data)}`;
}

/** BullMQ job ids may not contain `:` nor be all digits; the stage letter keeps them distinct per queue. */
export function jobId(stage: QueueStage, ref: Pick<SourceRef, 'sha256' | 'data'>): string {
  return `${stage === 'extract' ? 'x' : 's'}-${sourceKey(ref)}`;
}

/** Gives an outcome the path of one file that holds the source. */
export function atPath(outcome: SourceOutcome, path: string): FileOutcome {
  return { ...outcome, path } as FileOutcome;
}
