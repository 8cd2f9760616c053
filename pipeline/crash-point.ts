/**
 * Test-only crash injection: with `WENSHI_TEST_CRASH_AT=<point>` set, the process kills itself with
 * SIGKILL (as `kill -9` would: no cleanup, no summary) when it reaches that point, so tests can
 * crash between two steps exactly instead of racing a timer. Unset in real use.
 * @module
 */

/** The points a test may crash at. */
export type CrashPoint = 'after-store';

export function crashPoint(point: CrashPoint): void {
  if (process.env.WENSHI_TEST_CRASH_AT === point) process.kill(process.pid, 'SIGKILL');
}
