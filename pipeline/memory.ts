/**
 * A soft ceiling on the resident memory of a whole-archive pass (ingest of a large batch,
 * `reindex`). V8 lets its old space grow to four or five times what is live before a full
 * collection: reindexing the 62.6 MB scale corpus kept 45–70 MB live yet grew the heap to 300 MB
 * between collections (`--trace-gc`), and the process to 840 MB. Called between units of work,
 * {@link relieveMemory} runs a full collection when the process has passed the ceiling, so what
 * is held is what is live. A collection of a heap this size takes tens of milliseconds (one per
 * batch of a reindex at most).
 * @module
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Resident bytes past which a full collection runs (the bound is 400 MB; jieba and SQLite hold ~200 MB of it natively). */
export const SOFT_CEILING_BYTES = 300 * 1024 * 1024;

let collector: (() => void) | null = null;

/** V8's `gc()`, made reachable without `--expose-gc` on the command line. */
function gc(): () => void {
  if (!collector) {
    setFlagsFromString('--expose-gc');
    collector = runInNewContext('gc') as () => void;
  }
  return collector;
}

/**
 * Heap grown since the last collection before another is worth running: when the process is past
 * the ceiling for memory outside the heap (jieba's dictionaries, SQLite), collecting on every call
 * would only cost time.
 */
const SLACK_BYTES = 32 * 1024 * 1024;

let liveAfterLast = 0;

/**
 * Heap grown since resident memory was last read under the ceiling before it is read again: past
 * the slack, every call read it, though it grows with the heap: a 10 % scale ingest read it 311
 * times, 0.79 s in all (~2.5 ms a read in a process that size, mostly on the content thread); now 4.
 */
const RECHECK_BYTES = 8 * 1024 * 1024;

let heapAtRead = 0;

/** The heap's used bytes, as `process.memoryUsage().heapUsed`, which reads the resident size too. */
const heapUsed = (): number => getHeapStatistics().used_heap_size;

/**
 * Runs a full collection if resident memory is past the ceiling and the heap has grown by
 * SLACK_BYTES since the last one. V8 gives the freed pages back to the system a moment later, on
 * its own threads. The heap is asked first: the resident size is read from /proc, 0.2–1.7 ms a
 * call in an ingest of 10 % of the scale corpus (a call a file on each thread), the heap's ~15 µs.
 */
export function relieveMemory(): boolean {
  const heap = heapUsed();
  if (heap - liveAfterLast < SLACK_BYTES || heap - heapAtRead < RECHECK_BYTES) return false;
  if (process.memoryUsage.rss() < SOFT_CEILING_BYTES) {
    heapAtRead = heap;
    return false;
  }
  gc()();
  liveAfterLast = heapUsed();
  heapAtRead = 0;
  return true;
}
