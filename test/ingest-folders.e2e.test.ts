/**
 * What `wenshi ingest <folder>` does with what is not a plain readable file, in both modes: the
 * data folder inside the folder is never an input, a link to nothing is one recorded failure that
 * `status` lists and `retry` reads again, a FIFO is skipped with its reason, and the summary is
 * always printed. (Run as root, so a link to nothing stands in for an unreadable file.)
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync as copy, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestSummary } from '../workers/summary.js';
import { SEED, tempDir, wenshiJson } from './helpers/cli.js';
import { INGEST_MODES } from './helpers/modes.js';

interface Status {
  failed: { path: string; code: string; stage: string }[];
}

const LATER = '关于加强基层协商工作的通知\n\n一、各地要建立协商议事制度，每年至少召开两次协商会议。\n二、各级政协要加强对基层协商的指导。\n';

describe.each(INGEST_MODES)('ingesting a folder with odd entries ($name mode)', (mode) => {
  let root: string;
  let data: string;
  let first: { code: number; json: IngestSummary };

  beforeAll(async () => {
    await mode.setup?.();
    root = tempDir('wenshi-folder-');
    data = join(root, 'data');
    copy(SEED, join(root, 'seed.txt'));
    symlinkSync(join(root, 'later.txt'), join(root, 'dangling.txt'));
    execFileSync('mkfifo', [join(root, 'pipe')]);
    first = await wenshiJson<IngestSummary>(['ingest', root, '--data', data], mode.env());
  }, 180_000);
  afterAll(async () => mode.teardown?.(), 60_000);

  it('ingests the rest, records the link to nothing and says what it skipped', async () => {
    expect(first.code).toBe(1);
    expect(first.json).toMatchObject({ sources: 1, documents: 8 });
    expect(first.json.failed).toEqual([expect.objectContaining({ path: join(root, 'dangling.txt'), code: 'NOT_FOUND', stage: 'read' })]);
    expect(first.json.skipped).toEqual([
      { path: data, reason: 'the archive’s own data folder' },
      { path: join(root, 'pipe'), reason: 'a named pipe (FIFO)' },
    ]);
    const status = await wenshiJson<Status>(['status', '--data', data], mode.env());
    expect(status.json.failed).toEqual([expect.objectContaining({ path: join(root, 'dangling.txt'), code: 'NOT_FOUND', stage: 'read' })]);
  });

  it('reads the link again on retry once it points somewhere', async () => {
    writeFileSync(join(root, 'later.txt'), LATER);
    const retry = await wenshiJson<IngestSummary>(['retry', '--data', data], mode.env());
    expect(retry.code).toBe(0);
    expect(retry.json).toMatchObject({ sources: 1, failed: [] });
    expect((await wenshiJson<Status>(['status', '--data', data], mode.env())).json.failed).toEqual([]);
  });

  it('never takes the archive’s own files for inputs on a second run', async () => {
    const again = await wenshiJson<IngestSummary>(['ingest', root, '--data', data], mode.env());
    expect(again.code).toBe(0);
    // seed.txt, later.txt and the link to it: nothing new, nothing from data/.
    expect(again.json).toMatchObject({ sources: 0, unchanged: 3, failed: [] });
  });
});
