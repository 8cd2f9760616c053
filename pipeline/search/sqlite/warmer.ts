/**
 * Warming the top lists on both cores: after a load, nothing else runs, and the lists of the most
 * frequent words (toplists.ts) were made one after the other on the writing thread, the tail of
 * every ingest (0.9 CPU s of a 10 % scale ingest's 8). The queries are shared between this thread
 * and a warming thread (warm-thread.ts) reading the file through its own read-only connection,
 * each taking the next when it is done; the thread hands its lists back, and only this thread
 * writes them. The match plans are made here, where the words' dictionary is loaded. If the thread
 * cannot start or fails, the queries it held are warmed here.
 * @module
 */
import { Worker } from 'node:worker_threads';
import { entryBeside } from '../../package-files.js';
import type { ResolvedQuery } from '../options.js';
import type { MatchPlan } from './match.js';
import type { MadeList } from './toplists.js';

export interface WarmItem {
  index: number;
  query: ResolvedQuery;
  plan: MatchPlan;
}

export type WarmRequest = { open: { path: string; gen: number } } | WarmItem;

export type WarmReply = { index: number; kept: boolean; lists: MadeList[] } | { index: number; error: string };

/** Queries the thread is sent ahead of the one it works on, so it never waits for this thread to hand it the next. */
const AHEAD = 2;
/** Fewer queries than this are warmed here: starting the thread would cost about as much. */
export const THREAD_MIN_ITEMS = 8;

/** A list as it crossed threads: its stamp's Buffer arrives as a plain Uint8Array. */
function revived(list: MadeList): MadeList {
  const s = list.stamp.structure;
  return { ...list, stamp: { gen: list.stamp.gen, structure: Buffer.from(s.buffer, s.byteOffset, s.byteLength) } };
}

function startThread(): Worker | null {
  try {
    return new Worker(entryBeside(import.meta.url, 'warm-thread'));
  } catch {
    return null;
  }
}

/**
 * Warms each item, here (`warmHere`) or on a warming thread over the file at `path` (generation
 * `gen`), whose lists `adopt` takes; returns which items have a list now, in their order.
 */
export async function warmItems(
  items: readonly WarmItem[],
  at: { path: string; gen: number },
  warmHere: (item: WarmItem) => boolean,
  adopt: (lists: MadeList[]) => void,
): Promise<boolean[]> {
  const kept = items.map(() => false);
  const queue = [...items];
  let thread = items.length >= THREAD_MIN_ITEMS ? startThread() : null;
  const inFlight = new Map<number, WarmItem>();
  let wake: (() => void) | null = null;
  const feed = () => {
    while (thread && inFlight.size < AHEAD && queue.length > 0) {
      // From the back: this thread takes from the front.
      const item = queue.pop()!;
      inFlight.set(item.index, item);
      thread.postMessage(item satisfies WarmRequest);
    }
  };
  // What the thread held is warmed here; it is not used again.
  const lose = () => {
    if (!thread) return;
    const gone = thread;
    thread = null;
    void gone.terminate();
    queue.push(...inFlight.values());
    inFlight.clear();
    wake?.();
  };
  if (thread) {
    thread.on('message', (reply: WarmReply) => {
      const item = inFlight.get(reply.index);
      if (!item) return;
      inFlight.delete(reply.index);
      if ('error' in reply) {
        queue.push(item);
        lose();
        return;
      }
      kept[reply.index] = reply.kept;
      adopt(reply.lists.map(revived));
      feed();
      wake?.();
    });
    thread.on('error', lose);
    thread.on('exit', lose);
    thread.postMessage({ open: at } satisfies WarmRequest);
    feed();
  }
  try {
    while (queue.length > 0 || inFlight.size > 0) {
      const item = queue.shift();
      if (item) {
        kept[item.index] = warmHere(item);
        // Lets the thread's replies in, and hands it its next query.
        await new Promise<void>((resolve) => setImmediate(resolve));
        continue;
      }
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
  } finally {
    const done = thread;
    thread = null;
    await done?.terminate();
  }
  return kept;
}
