/**
 * Content threads: the content stages of each source (see content.ts) run on a pool of worker
 * threads, so the thread that reads files and writes the archive and the index has the other
 * cores' help. Each thread holds its next source as well as the one it processes (PER_THREAD): it
 * starts that one as soon as it is done, not when the writing thread, busy in a long write, gets
 * round to its reply. A thread that crashes or runs out of memory fails the source it was
 * processing, with a clear error, and is replaced; the source it held next goes to another thread.
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

/**
 * Sources a thread holds at once: the one it processes and the next. With one, a full-scale ingest
 * kept each of the two threads about 65 % busy, each waiting for the other (the content thread for
 * its next source until the writing thread's event loop turned).
 */
const PER_THREAD = 2;

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
  /** Each thread's sources, in the order posted: it processes the first. */
  readonly #held = new Map<Worker, Job[]>();
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
    await Promise.all([...this.#held.keys()].map((t) => t.terminate()));
  }

  /** The thread holding the fewest sources, if one has room; a new one while the pool is not full. */
  #freest(): Worker | undefined {
    let best: Worker | undefined;
    for (const [thread, jobs] of this.#held) if (jobs.length < PER_THREAD && (!best || jobs.length < this.#held.get(best)!.length)) best = thread;
    if (best && this.#held.get(best)!.length === 0) return best;
    return this.#held.size < this.size ? this.#start() : best;
  }

  #dispatch(): void {
    while (this.#queue.length > 0 && !this.#closed) {
      const thread = this.#freest();
      if (!thread) return;
      const job = this.#queue.shift()!;
      this.#held.get(thread)!.push(job);
      thread.ref();
      thread.postMessage({ id: job.id, request: job.request } satisfies ContentJob);
    }
  }

  #start(): Worker {
    const thread = new Worker(entryBeside(import.meta.url, 'content-thread'));
    const jobs: Job[] = [];
    this.#held.set(thread, jobs);
    thread.on('message', (reply: ContentReply) => {
      if (jobs[0]?.id !== reply.id) return;
      const job = jobs.shift()!;
      // Idle, it must not keep the process alive.
      if (jobs.length === 0) thread.unref();
      if ('result' in reply) job.resolve(fromWire(reply.result));
      else job.reject(new PipelineError(reply.failure.code, reply.failure.message, reply.failure.stage));
      this.#dispatch();
    });
    let error: Error | null = null;
    thread.on('error', (err) => {
      error = err;
    });
    // However it ends (a crash, out of memory, terminated), it takes no more sources: the one it was
    // processing fails, the ones it held next go back to the front of the queue, in order.
    thread.on('exit', (code) => {
      this.#held.delete(thread);
      const [current, ...waiting] = jobs.splice(0);
      current?.reject(threadEnded(error, code));
      if (this.#closed) for (const job of waiting) job.reject(new Error('the content pool was closed'));
      else this.#queue.unshift(...waiting);
      this.#dispatch();
    });
    return thread;
  }
}
