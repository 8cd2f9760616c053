/**
 * The reliability soak, short (the long one is `npm run soak`): two dozen real texts (cut from the
 * seed corpus) ingested while the CLI is killed at random points, then finished; a reindex under
 * a search load; then the same texts in queue mode, two workers, a private redis-server killed and
 * restarted empty mid-batch. Nothing may be lost, duplicated or left unsearchable, no search may
 * fail or come back short, and the queue batch must count each document it stored once.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportLines, runSoak } from '../bench/soak/run.js';
import { SEED, tempDir } from './helpers/cli.js';

/** Files of real text: windows of the seed's paragraphs, each under a title of its own. */
function inputFolder(count: number): string {
  const paragraphs = readFileSync(SEED, 'utf8').split(/\n+/).filter((p) => p.trim().length > 20);
  const dir = join(tempDir('wenshi-soak-in-'), 'in');
  mkdirSync(dir);
  for (let i = 0; i < count; i++) {
    const window = Array.from({ length: 6 }, (_, k) => paragraphs[(i * 5 + k) % paragraphs.length]!);
    writeFileSync(join(dir, `${String(i).padStart(2, '0')}.txt`), [`关于第${i + 1}批政协协商工作的材料`, ...window].join('\n\n'));
  }
  return dir;
}

describe('soak (short)', () => {
  it('loses, doubles and hides nothing through kills and a reindex under searches', async () => {
    const report = await runSoak({ input: inputFolder(24), kills: 3, queries: ['协商', '委员', '政协'], queueExtractDelayMs: 150 });
    expect(report.expected).toBeGreaterThan(10);
    expect(report.kills, reportLines(report).join('\n')).toBeGreaterThanOrEqual(1);
    expect(report.searches).toBeGreaterThan(0);
    expect(report, reportLines(report).join('\n')).toMatchObject({ lost: 0, duplicated: 0, unsearchable: 0, failedSearches: 0, stored: report.expected, searchable: report.expected });
    // Queue mode through a restart of its own redis-server, landed while the batch ran.
    const q = report.queue;
    expect(q.restarts, reportLines(report).join('\n')).toBe(1);
    expect(q, reportLines(report).join('\n')).toMatchObject({ lost: 0, duplicated: 0, unsearchable: 0, failedSearches: 0, stored: report.expected, searchable: report.expected, reported: report.expected });
  }, 300_000);
});
