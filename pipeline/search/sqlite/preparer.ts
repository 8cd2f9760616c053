/**
 * Segmentation (jieba search-mode words) on a thread of its own, for bulk loads: the main thread
 * folds each batch and sends the thread its text, then makes the batch's bigrams and writes it
 * into SQLite while the next is segmented, so the two halves of indexing run side by side on two
 * cores. The thread starts on first use; if it cannot start or dies, batches are prepared on the
 * calling thread instead.
 * @module
 */
import { Worker } from 'node:worker_threads';
import { entryBeside } from '../../package-files.js';
import type { IndexDocument } from '../types.js';
import { foldDoc, prepareFolded, withWords, type DocWords, type FoldedDoc, type PreparedDoc, type SegmentInput } from './write.js';

export interface PrepareRequest {
  id: number;
  inputs: SegmentInput[];
}

export type PrepareReply = { id: number; words: DocWords[] } | { id: number; error: string };

interface Waiting {
  resolve: (prepared: PreparedDoc[]) => void;
  reject: (err: Error) => void;
  folded: FoldedDoc[];
}

export class Preparer {
  #thread: Worker | null = null;
  #failed = false;
  #next = 0;
  readonly #waiting = new Map<number, Waiting>();

  /** True while a segmentation thread serves this preparer. */
  get threaded(): boolean {
    return this.#thread !== null;
  }

  /** The documents' FTS5 column text, their words made on the segmentation thread. */
  prepare(docs: readonly IndexDocument[]): Promise<PreparedDoc[]> {
    const thread = this.#start();
    const folded = docs.map(foldDoc);
    if (!thread) return Promise.resolve(folded.map(prepareFolded));
    return new Promise((resolve, reject) => {
      const id = this.#next++;
      // Kept alive while it owes a batch; idle, it must not keep the process alive.
      if (this.#waiting.size === 0) thread.ref();
      this.#waiting.set(id, { resolve, reject, folded });
      thread.postMessage({ id, inputs: folded.map((f) => f.input) } satisfies PrepareRequest);
    });
  }

  /**
   * Ends the thread when it owes nothing; the next prepare starts another. Work after a bulk load
   * (the top lists) then runs without the thread's heap and jieba's dictionary beside it.
   */
  async stop(): Promise<void> {
    const thread = this.#thread;
    if (!thread || this.#waiting.size > 0) return;
    // Unset first: its exit is then no failure (see #abandon).
    this.#thread = null;
    await thread.terminate();
  }

  async close(): Promise<void> {
    const thread = this.#thread;
    this.#thread = null;
    this.#failed = true;
    for (const waiting of this.#waiting.values()) waiting.reject(new Error('the search engine was closed while indexing'));
    this.#waiting.clear();
    if (thread) await thread.terminate();
  }

  #start(): Worker | null {
    if (this.#thread || this.#failed) return this.#thread;
    try {
      const thread = new Worker(entryBeside(import.meta.url, 'prepare-thread'));
      thread.unref();
      thread.on('message', (reply: PrepareReply) => this.#settle(reply));
      thread.on('error', (err) => this.#abandon(err));
      thread.on('exit', () => this.#abandon(new Error('segmentation thread exited')));
      this.#thread = thread;
    } catch {
      this.#failed = true;
    }
    return this.#thread;
  }

  #settle(reply: PrepareReply): void {
    const waiting = this.#waiting.get(reply.id);
    if (!waiting) return;
    this.#waiting.delete(reply.id);
    if (this.#waiting.size === 0) this.#thread?.unref();
    if ('error' in reply) waiting.reject(new Error(reply.error));
    else waiting.resolve(waiting.folded.map((f, i) => withWords(f, reply.words[i]!)));
  }

  /** The thread is gone: what it still owed is prepared here, and so is everything after. */
  #abandon(reason: Error): void {
    if (!this.#thread) return;
    this.#thread = null;
    this.#failed = true;
    for (const [id, waiting] of this.#waiting) {
      this.#waiting.delete(id);
      try {
        waiting.resolve(waiting.folded.map(prepareFolded));
      } catch (err) {
        waiting.reject(err instanceof Error ? err : reason);
      }
    }
  }
}
