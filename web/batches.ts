/**
 * Upload and retry batches started from the web page, with each file's state as the runner
 * (in-process, or the queue in queue mode) settles it, so the page can follow them. Kept in memory:
 * the archive holds the durable outcome of every source.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { retryCanHelp, type FailureInfo } from '../pipeline/errors.js';
import type { OcrProgress } from '../pipeline/extract/ocr.js';
import type { FileOutcome } from '../pipeline/ingest.js';
import { failureZh } from './messages.js';

export type FileState = 'refused' | 'queued' | 'stored' | 'unchanged' | 'failed';

export interface BatchFile {
  name: string;
  size: number;
  /** Where the server keeps it (uploads) or found it (retries); never sent to the page. */
  path: string | null;
  state: FileState;
  /** Document ids the file holds, once stored or found unchanged. */
  documents: string[];
  /** Documents this file added to the archive. */
  added: string[];
  error: FailureInfo | { code: 'REFUSED'; message: string; stage: 'upload' } | null;
  /** While OCR reads a scan: pages read, pages in all, and when the first page started (ms). */
  ocr?: { done: number; total: number; startedAt: number; etaSeconds: number | null };
}

export interface WebBatch {
  id: string;
  kind: 'upload' | 'retry';
  startedAt: number;
  finishedAt: number | null;
  files: BatchFile[];
  /** A fault of the runner itself (e.g. Redis unreachable), not of any one file: its code and English message. */
  error: { code: string; message: string } | null;
}

/** Batches remembered for the status page. */
const KEEP = 20;

export class BatchBook {
  readonly #batches = new Map<string, WebBatch>();
  readonly #running = new Set<Promise<void>>();

  /** Keeps a batch's run so closing the server can wait for it. */
  track(run: Promise<void>): void {
    this.#running.add(run);
    void run.finally(() => this.#running.delete(run));
  }

  /** Settles when every tracked run has. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.#running]);
  }

  create(kind: WebBatch['kind'], files: Omit<BatchFile, 'documents' | 'added'>[]): WebBatch {
    const batch: WebBatch = {
      id: `w${Date.now().toString(36)}${randomBytes(3).toString('hex')}`,
      kind,
      startedAt: Date.now(),
      finishedAt: null,
      files: files.map((f) => ({ ...f, documents: [], added: [] })),
      error: null,
    };
    this.#batches.set(batch.id, batch);
    if (this.#batches.size > KEEP) this.#batches.delete(this.#batches.keys().next().value!);
    return batch;
  }

  get(id: string): WebBatch | undefined {
    return this.#batches.get(id);
  }

  /** Newest first. */
  recent(): WebBatch[] {
    return [...this.#batches.values()].reverse();
  }
}

/** Records a file's outcome on every file of the batch saved at that path. */
export function settle(batch: WebBatch, outcome: FileOutcome): void {
  for (const f of batch.files) {
    if (f.path !== outcome.path) continue;
    f.state = outcome.status;
    if (outcome.status === 'failed') f.error = outcome.failure;
    else {
      f.documents = outcome.documents;
      f.added = outcome.status === 'stored' ? outcome.added : [];
      f.error = null;
    }
  }
}

/**
 * Notes OCR's pages on the batch's file at that path, with an ETA from the pace so far. A queue
 * worker gives its own times of the first and this report (`now`, `startedAt`), so its clock alone is used.
 */
export function noteOcrPage(batch: WebBatch, path: string, progress: OcrProgress, now = Date.now(), startedAtGiven?: number): void {
  for (const f of batch.files) {
    if (f.path !== path) continue;
    const startedAt = startedAtGiven ?? f.ocr?.startedAt ?? now;
    const elapsed = (now - startedAt) / 1000;
    const etaSeconds = progress.done > 0 ? Math.round((elapsed / progress.done) * (progress.total - progress.done)) : null;
    f.ocr = { done: progress.done, total: progress.total, startedAt, etaSeconds };
  }
}

/**
 * What the page sees of a batch: no server paths, and each document by title as well as id
 * (`titleOf` gives null for one no longer archived).
 */
export function publicBatch(batch: WebBatch, titleOf: (id: string) => string | null) {
  return {
    ...batch,
    error: batch.error ? { ...batch.error, reason: failureZh(batch.error.code) } : null,
    files: batch.files.map(({ path: _path, ...f }) => ({
      ...f,
      error: f.error ? { ...f.error, reason: failureZh(f.error.code), retryable: retryCanHelp(f.error.code) } : null,
      titles: Object.fromEntries(f.documents.map((id) => [id, titleOf(id)])),
    })),
  };
}
