/**
 * Test-only hooks, unset in real use. With `WENSHI_TEST_CRASH_AT=<point>` set, the process kills
 * itself with SIGKILL (as `kill -9` would: no cleanup, no summary) when it reaches that point;
 * with `WENSHI_TEST_HOLD_AT=<point>:<file>`, it stops there until `<file>` exists, having written
 * `<file>.held` to say it got there. Tests crash or act between two steps exactly instead of
 * racing a timer.
 * @module
 */
import { existsSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { isMainThread } from 'node:worker_threads';

/**
 * The points a test may crash at. `extract-job` is a queue worker starting an extract job; with
 * `extract-job:<text>`, only a job whose path contains the text (a poison file). `content`: a
 * content thread taking a source; there the thread ends, not the process.
 */
export type CrashPoint = 'after-store' | 'extract-job' | 'content';

/** The points a test may make throw (`WENSHI_TEST_THROW_AT=<point>:<text>`, for a path containing the text). */
export type ThrowPoint = 'analyze';

/**
 * The points a test may hold a process at. `follow-batch`: a queue-mode `ingest` that has queued
 * its batch, before it reads any outcome (so a test can make Redis lose what the workers settled).
 * `settle-source`: a queue worker that has read which files wait for a source, before it settles them;
 * `source-settled`: one that has settled every file it found waiting, before its job ends.
 */
export type HoldPoint = 'reindex-batch' | 'follow-batch' | 'settle-source' | 'source-settled';

/** Whether the test hook `value` names this point (for every subject, or one containing its text). */
function names(value: string | undefined, point: string, subject: string): boolean {
  return value === point || (value?.startsWith(`${point}:`) === true && subject.includes(value.slice(point.length + 1)));
}

export function crashPoint(point: CrashPoint, subject = ''): void {
  if (!names(process.env.WENSHI_TEST_CRASH_AT, point, subject)) return;
  // In a worker thread, process.exit ends the thread at once, as a crash of the thread would.
  if (isMainThread) process.kill(process.pid, 'SIGKILL');
  else process.exit(70);
}

export function throwPoint(point: ThrowPoint, subject: string): void {
  if (names(process.env.WENSHI_TEST_THROW_AT, point, subject)) throw new Error(`test hook: ${point} fails for ${subject}`);
}

export async function holdPoint(point: HoldPoint): Promise<void> {
  const hold = process.env.WENSHI_TEST_HOLD_AT;
  if (!hold?.startsWith(`${point}:`)) return;
  const file = hold.slice(point.length + 1);
  writeFileSync(`${file}.held`, '');
  while (!existsSync(file)) await sleep(20);
}
