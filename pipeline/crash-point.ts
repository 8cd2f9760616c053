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

/**
 * The points a test may crash at. `extract-job` is a queue worker starting an extract job; with
 * `extract-job:<text>`, only a job whose path contains the text (a poison file).
 */
export type CrashPoint = 'after-store' | 'extract-job';

/**
 * The points a test may hold a process at. `follow-batch`: a queue-mode `ingest` that has queued
 * its batch, before it reads any outcome (so a test can make Redis lose what the workers settled).
 */
export type HoldPoint = 'reindex-batch' | 'follow-batch';

export function crashPoint(point: CrashPoint, subject = ''): void {
  const at = process.env.WENSHI_TEST_CRASH_AT;
  if (at === point || (at?.startsWith(`${point}:`) && subject.includes(at.slice(point.length + 1)))) process.kill(process.pid, 'SIGKILL');
}

export async function holdPoint(point: HoldPoint): Promise<void> {
  const hold = process.env.WENSHI_TEST_HOLD_AT;
  if (!hold?.startsWith(`${point}:`)) return;
  const file = hold.slice(point.length + 1);
  writeFileSync(`${file}.held`, '');
  while (!existsSync(file)) await sleep(20);
}
