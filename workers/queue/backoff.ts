/**
 * Retry delays for transient faults: exponential, capped, with jitter so that many jobs failing
 * together (a Redis blip, a busy archive) do not all come back at the same instant.
 * @module
 */

/** The backoff type name jobs carry; BullMQ hands it to the custom strategy below. */
export const BACKOFF_TYPE = 'wenshi-jitter';

/** Longest wait between two tries. */
const CAP_MS = 5 * 60_000;

/**
 * Delay before try `attemptsMade + 1`: base·2^(attemptsMade−1), capped, then a random point in its
 * upper half ("equal jitter": never much shorter than planned, never in lockstep).
 */
export function retryDelay(attemptsMade: number, baseMs: number, random: () => number = Math.random): number {
  const planned = Math.min(CAP_MS, baseMs * 2 ** Math.max(0, attemptsMade - 1));
  return Math.round(planned / 2 + random() * (planned / 2));
}

/** A BullMQ `settings.backoffStrategy` with the given base delay. */
export function backoffStrategy(baseMs: number): (attemptsMade: number) => number {
  return (attemptsMade) => retryDelay(attemptsMade, baseMs);
}
