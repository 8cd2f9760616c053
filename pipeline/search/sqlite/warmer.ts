/**
 * Warming the top lists on both cores: after a load, nothing else runs, and the lists of the most
 * frequent words (toplists.ts) were made one after the other on the writing thread, the tail of
 * every ingest (full scale corpus: 7.1 of the writing thread's 33 CPU s). Its three parts, the scan
 * of the body words' vocabulary (in ranges of terms), the counts of their phrases (ranking.ts) and
 * the lists, are each shared between this
 * thread and a warming thread (warm-thread.ts) reading the file through its own read-only
 * connection, each taking the next task when it is done; the thread hands its results back, and
 * only this thread writes. The match plans are made here, where the words' dictionary is loaded.
 * If the thread cannot start or fails, the tasks it held are done here.
 * @module
 */
import { Worker } from 'node:worker_threads';
import { entryBeside } from '../../package-files.js';
import type { ResolvedQuery } from '../options.js';
import type { MatchPlan } from './match.js';
import type { MadeList, Stamp, TermRange } from './toplists.js';

/** A top list to make. */
export interface WarmItem {
  index: number;
  query: ResolvedQuery;
  plan: MatchPlan;
}

/** A piece of the vocabulary to scan for body words in at least `minUnits` units. */
export interface ScanItem {
  index: number;
  range: TermRange;
  minUnits: number;
}

/** Phrases whose rows to count for native ranking (ranking.ts). */
export interface CountItem {
  index: number;
  phrases: string[];
}

export type WarmRequest = { open: { path: string; gen: number } } | WarmItem | ScanItem | CountItem;

export type WarmReply =
  | { index: number; kept: boolean; lists: MadeList[] }
  | { index: number; terms: [string, number][] }
  | { index: number; counted: { stamp: Stamp; counts: [string, number][] } | null }
  | { index: number; error: string };

/** Tasks the thread is sent ahead of the one it works on, so it never waits for this thread to hand it the next. */
const AHEAD = 2;
/** Units (clauses and findings) an index holds from which warming starts the thread: below, it would cost about what it saves. */
export const THREAD_MIN_UNITS = 10_000;

/** The warming thread, over the search file at `path` (generation `gen`). */
export class WarmThread {
  #worker: Worker | null;
  #onReply: ((reply: WarmReply) => void) | null = null;
  #onLost: (() => void) | null = null;

  private constructor(worker: Worker, at: { path: string; gen: number }) {
    this.#worker = worker;
    worker.on('message', (reply: WarmReply) => this.#onReply?.(reply));
    worker.on('error', () => this.lose());
    worker.on('exit', () => this.lose());
    worker.postMessage({ open: at } satisfies WarmRequest);
  }

  /** The thread, or null when it cannot start. */
  static start(at: { path: string; gen: number }): WarmThread | null {
    try {
      return new WarmThread(new Worker(entryBeside(import.meta.url, 'warm-thread')), at);
    } catch {
      return null;
    }
  }

  get alive(): boolean {
    return this.#worker !== null;
  }

  send(request: WarmRequest): void {
    this.#worker?.postMessage(request);
  }

  /** Who hears its replies, and of its loss, now. */
  listen(onReply: ((reply: WarmReply) => void) | null, onLost: (() => void) | null): void {
    this.#onReply = onReply;
    this.#onLost = onLost;
  }

  /** Ends the thread; what it held is done elsewhere (its listener's part). */
  lose(): void {
    const worker = this.#worker;
    if (!worker) return;
    this.#worker = null;
    void worker.terminate();
    this.#onLost?.();
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    await worker?.terminate();
  }
}

/**
 * Does each task here (`here`) or on the thread (its reply read by `fromReply`), this thread taking
 * from the front of the queue and the thread from the back; the results in the tasks' order. A task
 * the thread fails on is done here, and the thread is used no more.
 */
export async function shareTasks<T extends { index: number }, R>(
  tasks: readonly T[],
  thread: WarmThread | null,
  here: (task: T) => R,
  fromReply: (reply: Exclude<WarmReply, { error: string }>) => R,
  request: (task: T) => WarmRequest,
): Promise<R[]> {
  const results = new Array<R>(tasks.length);
  const queue = [...tasks];
  const inFlight = new Map<number, T>();
  let wake: (() => void) | null = null;
  const feed = () => {
    while (thread?.alive && inFlight.size < AHEAD && queue.length > 0) {
      const task = queue.pop()!;
      inFlight.set(task.index, task);
      thread.send(request(task));
    }
  };
  const at = new Map(tasks.map((task, i) => [task.index, i]));
  thread?.listen((reply) => {
    const task = inFlight.get(reply.index);
    if (!task) return;
    inFlight.delete(reply.index);
    if ('error' in reply) {
      queue.push(task);
      thread.lose();
      return;
    }
    results[at.get(task.index)!] = fromReply(reply);
    feed();
    wake?.();
  }, () => {
    queue.push(...inFlight.values());
    inFlight.clear();
    wake?.();
  });
  feed();
  try {
    while (queue.length > 0 || inFlight.size > 0) {
      const task = queue.shift();
      if (task) {
        results[at.get(task.index)!] = here(task);
        // Lets the thread's replies in, and hands it its next task.
        await new Promise<void>((resolve) => setImmediate(resolve));
        continue;
      }
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
  } finally {
    thread?.listen(null, null);
  }
  return results;
}

/** A stamp as it crossed threads: its Buffer arrives as a plain Uint8Array. */
export function revivedStamp({ gen, structure: s }: Stamp): Stamp {
  return { gen, structure: Buffer.from(s.buffer, s.byteOffset, s.byteLength) };
}

/** A list as it crossed threads. */
export function revived(list: MadeList): MadeList {
  return { ...list, stamp: revivedStamp(list.stamp) };
}
