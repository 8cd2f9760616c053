/**
 * Content threads: the content stages of each source (see content.ts) run on a pool of worker
 * threads, one source per thread at a time, so the thread that reads files and writes the archive
 * and the index has the other cores' help. A thread that crashes or runs out of memory fails the
 * source it held, with a clear error, and is replaced for the next one.
 * @module
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { runContent, type ContentRequest, type ContentResult } from './content.js';
import { fromWire, type ContentWire } from './content-wire.js';
import { PipelineError, type FailureInfo } from './errors.js';
import { entryBeside } from './package-files.js';

export interface ContentJob {
  id: number;
  request: ContentRequest;
}

export type ContentReply = { id: number; result: ContentWire } | { id: number; failure: FailureInfo };

/** Runs the content stages of a source: on a content thread, or on this one. */
export type ContentRunner = (request: ContentRequest) => Promise<ContentResult>;

/** The content stages on the calling thread (`WENSHI_INGEST_THREADS=0`, for debugging). */
export const inProcess: ContentRunner = async (request) => runContent(request);

/**
 * Content threads for a run with `concurrency` files at once: one per core but the one the writing
 * thread keeps busy (it reads, extracts and writes: more than half of an ingest's CPU time once the
 * content stages are gone), at least one, no more than files in flight. Each thread holds its own
 * jieba dictionaries (~100 MB resident). `WENSHI_INGEST_THREADS` overrides (0: none, the stages
 * run on the calling thread).
 */
export function contentThreads(concurrency: number): number {
  const value = process.env.WENSHI_INGEST_THREADS;
  if (value !== undefined && value !== '') {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`WENSHI_INGEST_THREADS must be a whole number ≥ 0, not ${value}`);
    return n;
  }
  return Math.min(Math.max(1, availableParallelism() - 1), concurrency);
}

interface Job {
  id: number;
  request: ContentRequest;
  resolve: (result: ContentResult) => void;
  reject: (err: Error) => void;
}

/** Why a thread that ended mid-source failed it: out of memory, or a crash. */
function threadEnded(err: Error | null, exitCode: number | null): PipelineError {
  if ((err as NodeJS.ErrnoException | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new PipelineError('TOO_LARGE', 'processing the text ran out of memory on its content thread; the thread was replaced', 'analyze');
  }
  const why = err ? err.message : `exit code ${exitCode}`;
  return new PipelineError('INTERNAL', `the content thread ended (${why}) while processing the file; it was replaced`, 'analyze');
}

export class ContentPool {
  readonly #idle: Worker[] = [];
  readonly #busy = new Map<Worker, Job>();
  readonly #queue: Job[] = [];
  #next = 0;
  #closed = false;

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError('a content pool needs at least one thread');
  }

  /** The content stages of one source, on the next free thread. */
  readonly run: ContentRunner = (request) => new Promise((resolve, reject) => {
    if (this.#closed) throw new Error('the content pool is closed');
    this.#queue.push({ id: this.#next++, request, resolve, reject });
    this.#dispatch();
  });

  /** Ends the threads; sources still queued or in processing fail. */
  async close(): Promise<void> {
    this.#closed = true;
    const gone = new Error('the content pool was closed');
    for (const job of this.#queue.splice(0)) job.reject(gone);
    const threads = [...this.#idle.splice(0), ...this.#busy.keys()];
    await Promise.all(threads.map((t) => t.terminate()));
  }

  #dispatch(): void {
    while (this.#queue.length > 0 && !this.#closed) {
      const thread = this.#idle.pop() ?? (this.#idle.length + this.#busy.size < this.size ? this.#start() : undefined);
      if (!thread) return;
      const job = this.#queue.shift()!;
      this.#busy.set(thread, job);
      thread.ref();
      thread.postMessage({ id: job.id, request: job.request } satisfies ContentJob);
    }
  }

  #start(): Worker {
    const thread = new Worker(entryBeside(import.meta.url, 'content-thread'));
    thread.on('message', (reply: ContentReply) => {
      const job = this.#busy.get(thread);
      if (!job || job.id !== reply.id) return;
      this.#busy.delete(thread);
      // Idle, it must not keep the process alive.
      thread.unref();
      this.#idle.push(thread);
      if ('result' in reply) job.resolve(fromWire(reply.result));
      else job.reject(new PipelineError(reply.failure.code, reply.failure.message, reply.failure.stage));
      this.#dispatch();
    });
    let error: Error | null = null;
    thread.on('error', (err) => {
      error = err;
    });
    // However it ends (a crash, out of memory, terminated), it takes no more sources; the one it held fails.
    thread.on('exit', (code) => {
      const at = this.#idle.indexOf(thread);
      if (at >= 0) this.#idle.splice(at, 1);
      const job = this.#busy.get(thread);
      this.#busy.delete(thread);
      job?.reject(threadEnded(error, code));
      this.#dispatch();
    });
    return thread;
  }
}
