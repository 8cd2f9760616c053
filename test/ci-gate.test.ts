/**
 * CI honesty: a test file whose tool is missing skips it on a developer's machine, but fails the
 * run under CI=true (here with a tool that exists nowhere), so a CI that lost tesseract goes red.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

function probe(ci: boolean): { code: number | null; out: string } {
  const env = { ...process.env };
  delete env.CI;
  if (ci) env.CI = 'true';
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', 'test/helpers/ci-gate.vitest.config.ts'],
    { cwd: ROOT, env, encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}

describe('skips for a missing tool', () => {
  it('skip on a developer machine', () => {
    const r = probe(false);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/1 skipped/);
  });

  it('fail the run under CI=true, naming the tool and its package', () => {
    const r = probe(true);
    expect(r.code).toBe(1);
    expect(r.out).toContain('no-such-tool-wenshi is missing under CI=true');
    expect(r.out).toContain('apt-get install no-such-tool-wenshi');
  });
});
