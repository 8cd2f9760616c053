/**
 * Queue mode at its edges, with real processes and the local Redis: an `ingest` with no live worker
 * says so and how to start one (then finishes once one starts), `status` shows live workers, and
 * `wenshi worker --data DIR` takes the data folder like every other command: it checks it, and
 * makes searchable what the archive there stored but never indexed; a file that waits for bytes
 * another batch's job is already working on is listed under its own path.
 */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import type { IngestSummary } from '../workers/summary.js';
import { BIN, ROOT, SEED, tempDir, wenshi, wenshiJson } from './helpers/cli.js';
import { clearPrefix, REDIS_URL, startWorker, uniquePrefix, type WorkerProcess } from './helpers/redis.js';

const prefix = uniquePrefix('edges');
const QUEUE = { REDIS_URL, WENSHI_QUEUE_PREFIX: prefix, WENSHI_QUEUE_NO_WORKER_MS: '500' };
const workers: WorkerProcess[] = [];

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await clearPrefix(prefix);
}, 60_000);

describe('queue edges', () => {
  it('says when no worker is alive and how to start one, then finishes once one is', async () => {
    const data = tempDir();
    const child = spawn(process.execPath, [BIN, 'ingest', SEED, '--data', data, '--json'], {
      cwd: ROOT, env: { ...process.env, ...QUEUE }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    while (!stderr.includes('no live worker') && child.exitCode === null) await sleep(100);
    expect(stderr).toContain('no live worker runs the extract and store stages');
    expect(stderr).toContain(`wenshi worker --data ${data}`);

    const status = await wenshiJson<{ queue: { workers: Record<string, number> } }>(['status', '--data', data], QUEUE);
    expect(status.json.queue.workers).toEqual({ extract: 0, store: 0 });
    workers.push(await startWorker('edge1', QUEUE, ['--data', data]));
    expect(await exited).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ sources: 1, documents: 8, failed: [] });
    const after = await wenshiJson<{ queue: { workers: Record<string, number> } }>(['status', '--data', data], QUEUE);
    expect(after.json.queue.workers).toEqual({ extract: 1, store: 1 });
  });

  it('refuses --data without an archive for the store stage, saying where it looked', async () => {
    const missing = `${tempDir()}/nothing-here`;
    const r = await wenshi(['worker', '--data', missing], QUEUE);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`no archive at ${missing}`);
  });

  it('catches up the index of its --data folder at start', async () => {
    const data = tempDir();
    // Stored, then killed before indexing (embedded mode, the crash hook): the archive has it, search does not.
    await wenshi(['ingest', SEED, '--data', data], { REDIS_URL: undefined, WENSHI_TEST_CRASH_AT: 'after-store' });
    const search = () => wenshiJson<{ total: number }>(['search', '协商民主', '--data', data], { REDIS_URL: undefined });
    expect((await search()).json.total).toBe(0);
    const worker = await startWorker('edge2', QUEUE, ['--data', data]);
    workers.push(worker);
    expect(worker.log()).toContain(`indexed 1 source(s) of ${data} stored earlier but not searchable`);
    expect((await search()).json.total).toBeGreaterThan(0);
    expect((await wenshiJson<IngestSummary>(['ingest', SEED, '--data', data], { REDIS_URL: undefined })).json).toMatchObject({ unchanged: 1, caughtUp: 0 });
  });
});

describe('a file that starts waiting for a source whose job is settling', () => {
  const own = uniquePrefix('late');
  const env = { REDIS_URL, WENSHI_QUEUE_PREFIX: own };
  afterAll(() => clearPrefix(own), 60_000);

  // `settle-source`: the job has read who waits (its own file only); `source-settled`: it has settled every waiter it found.
  it.each(['settle-source', 'source-settled'])('is settled and listed in `wenshi status` under its own path (worker held at %s)', async (point) => {
    const data = tempDir();
    const gate = join(tempDir(), 'gate');
    const input = tempDir();
    const [a, b] = [join(input, 'empty.txt'), join(input, 'empty.doc')];
    for (const path of [a, b]) writeFileSync(path, '');
    // One worker per case, stopped after it: a worker left from another case would not hold.
    const worker = await startWorker(`late-${point}`, { ...env, WENSHI_TEST_HOLD_AT: `${point}:${gate}` });
    onTestFinished(async () => void (await worker.stop()));
    expect((await wenshi(['ingest', a, '--data', data, '--detach'], env)).code).toBe(0);
    while (!existsSync(`${gate}.held`)) await sleep(50);
    // The second batch finds the work under way: it queues nothing, and nobody follows it (--detach).
    expect((await wenshi(['ingest', b, '--data', data, '--detach'], env)).code).toBe(0);
    writeFileSync(gate, '');
    const status = async () => (await wenshiJson<{ failed: { path: string; code: string }[]; queue: { batch: { settled: number; total: number } } }>(['status', '--data', data], env)).json;
    let now = await status();
    for (let waited = 0; (now.failed.length < 2 || now.queue.batch.settled < now.queue.batch.total) && waited < 15_000; waited += 250) {
      await sleep(250);
      now = await status();
    }
    expect(now.failed.map((f) => f.path).sort()).toEqual([a, b].sort());
    expect(now.failed.every((f) => f.code === 'EMPTY_FILE')).toBe(true);
    // The second batch (the latest) ended: its file did not wait for good.
    expect(now.queue.batch).toMatchObject({ settled: 1, total: 1 });
  }, 120_000);
});
