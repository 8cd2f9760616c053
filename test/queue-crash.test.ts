/**
 * Queue mode when things break: a worker killed with SIGKILL in the middle of a job, and Redis
 * itself killed and restarted empty in the middle of a batch. Either way the batch completes with
 * every document archived exactly once.
 */
import { appendFileSync, copyFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { archiveFile } from '../pipeline/store/archive-file.js';
import type { IngestSummary } from '../workers/summary.js';
import { tempDir, wenshi, wenshiJson } from './helpers/cli.js';
import { writeCorpus } from './helpers/corpus.js';
import { clearPrefix, privateRedis, REDIS_URL, startWorkers, uniquePrefix, type PrivateRedis, type WorkerProcess } from './helpers/redis.js';

/** Short locks so a dead worker's job is taken over within about a second. */
const FAST_RECOVERY = { WENSHI_QUEUE_LOCK_MS: '1000', WENSHI_QUEUE_STALLED_MS: '500', WENSHI_QUEUE_RECONCILE_MS: '1500' };

/** One job per worker at a time, so the batch is surely still running when the test breaks something. */
const ONE_AT_A_TIME = ['--concurrency', '1'];

/** Sources, provenance rows and distinct documents in an archive, read without taking any lock. */
function census(data: string): { sources: number; ok: number; provenance: number; documents: number } {
  if (!existsSync(archiveFile(data))) return { sources: 0, ok: 0, provenance: 0, documents: 0 };
  const db = new Database(archiveFile(data), { readonly: true });
  try {
    // A worker creates the file a moment before its tables: until then the archive is empty.
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'documents'").get()) return { sources: 0, ok: 0, provenance: 0, documents: 0 };
    const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      sources: one('SELECT count(*) AS n FROM sources'),
      ok: one("SELECT count(*) AS n FROM sources WHERE status = 'ok'"),
      provenance: one('SELECT count(*) AS n FROM provenance'),
      documents: one('SELECT count(DISTINCT id) AS n FROM documents'),
    };
  } finally {
    db.close();
  }
}

/** The counts of the one batch under a prefix, as Redis holds them. */
async function batchInfo(prefix: string): Promise<{ settled: number } | null> {
  const redis = new Redis(REDIS_URL);
  try {
    const [key] = (await redis.keys(`${prefix}:batch:*`)).filter((k) => !k.slice(prefix.length).includes(':', 7));
    return key ? { settled: Number(await redis.hget(key, 'settled')) } : null;
  } finally {
    redis.disconnect();
  }
}

async function until(what: string, test: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
  for (const start = Date.now(); !(await test()); await sleep(50)) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting until ${what}`);
  }
}

describe('a worker killed in the middle of a job', () => {
  const prefix = uniquePrefix('kill');
  const env = { REDIS_URL, WENSHI_QUEUE_PREFIX: prefix, ...FAST_RECOVERY };
  let workers: WorkerProcess[] = [];
  const redis = new Redis(REDIS_URL);
  const extract = new Queue('extract', { connection: redis, prefix });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await extract.close();
    redis.disconnect();
    await clearPrefix(prefix);
  });

  it('has its job taken over by another worker; the batch completes with nothing missing or doubled', async () => {
    const input = join(tempDir(), 'in');
    const data = tempDir();
    writeCorpus(input, 8);
    workers = await startWorkers(2, { ...env, WENSHI_TEST_EXTRACT_DELAY_MS: '600' }, 'w', ONE_AT_A_TIME);
    const ingest = wenshiJson<IngestSummary>(['ingest', input, '--data', data], env);

    let victimJob = '';
    await until('worker w1 is in the middle of a job', async () => {
      const active = await extract.getActive();
      victimJob = active.find((j) => j.processedBy === 'w1')?.id ?? '';
      return victimJob !== '';
    });
    workers[0]!.child.kill('SIGKILL');

    const { code, json } = await ingest;
    expect(code).toBe(0);
    expect(json).toMatchObject({ sources: 8, documents: 8, failed: [] });
    expect(census(data)).toEqual({ sources: 8, ok: 8, provenance: 8, documents: 8 });
    const retaken = await extract.getJob(victimJob);
    expect(retaken?.processedBy).toBe('w2');
    expect(retaken?.attemptsStarted).toBe(2);
  }, 90_000);
});

describe('Redis restarted in the middle of a batch', () => {
  const prefix = uniquePrefix('restart');
  let server: PrivateRedis;
  let workers: WorkerProcess[] = [];

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await server?.kill();
  });

  it('workers reconnect, the lost jobs are queued again, and the batch completes', async () => {
    server = await privateRedis();
    const env = { REDIS_URL: server.url, WENSHI_QUEUE_PREFIX: prefix, ...FAST_RECOVERY };
    const input = join(tempDir(), 'in');
    const data = tempDir();
    writeCorpus(input, 16);
    workers = await startWorkers(2, { ...env, WENSHI_TEST_EXTRACT_DELAY_MS: '300' }, 'w', ONE_AT_A_TIME);
    const ingest = wenshi(['ingest', input, '--data', data, '--json'], env);

    await until('a few files are archived', () => census(data).ok >= 3);
    await server.kill();
    await sleep(500);
    await server.start();

    const { code, stdout, stderr } = await ingest;
    const json = JSON.parse(stdout) as IngestSummary;
    expect(code).toBe(0);
    expect(stderr).toMatch(/files queued again/);
    // Files stored before the restart whose outcomes Redis lost are still this batch's: counted once each.
    expect(json).toMatchObject({ sources: 16, documents: 16, unchanged: 0, failed: [] });
    expect(census(data)).toEqual({ sources: 16, ok: 16, provenance: 16, documents: 16 });
    expect(workers.every((w) => w.child.exitCode === null)).toBe(true);
    expect(await Promise.all(workers.map((w) => w.stop()))).toEqual([0, 0]);
  }, 90_000);
});

describe('Redis losing a batch whose files the workers had already stored', () => {
  const prefix = uniquePrefix('lost');
  const env = { REDIS_URL, WENSHI_QUEUE_PREFIX: prefix, ...FAST_RECOVERY };
  let workers: WorkerProcess[] = [];

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await clearPrefix(prefix);
  });

  it('counts every document stored in the batch once: the re-queued jobs report what this batch stored, not "unchanged"', async () => {
    const input = join(tempDir(), 'in');
    const data = tempDir();
    const hold = join(tempDir(), 'follow');
    writeCorpus(input, 6);
    // Two files with the same bytes: one source, stored once, counted once.
    copyFileSync(join(input, readdirSync(input)[0]!), join(input, 'copy.txt'));
    workers = await startWorkers(1, env, 'l');
    // The follower waits, its batch queued, while the worker stores every file and settles it in Redis…
    const ingest = wenshi(['ingest', input, '--data', data, '--json'], { ...env, WENSHI_TEST_HOLD_AT: `follow-batch:${hold}` });
    await until('the follower holds', () => existsSync(`${hold}.held`));
    await until('every source is stored', () => census(data).ok === 6);
    await until('every file is settled in Redis', async () => (await batchInfo(prefix))?.settled === 7);
    // …then Redis loses all of it, before the follower read a single outcome.
    await clearPrefix(prefix);
    writeFileSync(hold, '');

    const { code, stdout, stderr } = await ingest;
    expect(stderr).toMatch(/files queued again/);
    const json = JSON.parse(stdout) as IngestSummary;
    expect(code).toBe(0);
    expect(json).toMatchObject({ sources: 6, documents: 6, unchanged: 1, failed: [] });
    expect(census(data)).toEqual({ sources: 6, ok: 6, provenance: 6, documents: 6 });
  }, 90_000);
});

describe('a worker stopped in the middle of a long job', () => {
  const prefix = uniquePrefix('stop');
  const env = { REDIS_URL, WENSHI_QUEUE_PREFIX: prefix, ...FAST_RECOVERY };
  const redis = new Redis(REDIS_URL);
  const extract = new Queue('extract', { connection: redis, prefix });
  const started: WorkerProcess[] = [];

  afterAll(async () => {
    await Promise.all(started.map((w) => w.stop()));
    await extract.close();
    redis.disconnect();
    await clearPrefix(prefix);
  });

  it('exits 0 after its grace time and gives the job back, for another worker to finish', async () => {
    const input = join(tempDir(), 'in');
    const data = tempDir();
    writeCorpus(input, 1);
    const [slow] = await startWorkers(1, { ...env, WENSHI_TEST_EXTRACT_DELAY_MS: '60000', WENSHI_WORKER_GRACE_MS: '300' }, 'slow');
    started.push(slow!);
    const queued = await wenshiJson<{ batch: string; files: number }>(['ingest', input, '--data', data, '--detach'], env);
    expect(queued.json.files).toBe(1);
    let job = '';
    await until('the slow worker holds the job', async () => {
      job = (await extract.getActive()).find((j) => j.processedBy === 'slow1')?.id ?? '';
      return job !== '';
    });

    expect(await slow!.stop()).toBe(0);
    expect(slow!.log()).toMatch(/giving active jobs back/);
    expect(await extract.getJobState(job)).toBe('waiting');

    const [fast] = await startWorkers(1, env, 'fast');
    started.push(fast!);
    await until('the file is archived', () => census(data).ok === 1, 60_000).catch(async (err) => {
      throw new Error(`${err}\njob state: ${await extract.getJobState(job)}\nslow: ${slow!.log()}\nfast: ${fast!.log()}`);
    });
    expect((await extract.getJob(job))?.processedBy).toBe('fast1');
    expect(await fast!.stop()).toBe(0);
  }, 90_000);
});

describe('a poison job that kills each worker taking it', () => {
  const prefix = uniquePrefix('poison');
  const env = { REDIS_URL, WENSHI_QUEUE_PREFIX: prefix, ...FAST_RECOVERY };
  let workers: WorkerProcess[] = [];

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await clearPrefix(prefix);
  });

  it('is failed after its second kill and recorded on its source; the batch finishes without it', async () => {
    const input = join(tempDir(), 'in');
    const data = tempDir();
    writeCorpus(input, 3);
    copyFileSync(join(input, readdirSync(input)[0]!), join(input, 'poison.txt'));
    appendFileSync(join(input, 'poison.txt'), '\n（毒文件）\n');
    // The hook kills a worker the moment it starts the poison file's job, as a parser crash would.
    workers = await startWorkers(3, { ...env, WENSHI_TEST_CRASH_AT: 'extract-job:poison' }, 'p', ONE_AT_A_TIME);
    const { code, json } = await wenshiJson<IngestSummary>(['ingest', input, '--data', data], env);
    expect(code).toBe(1);
    expect(json).toMatchObject({ sources: 3, documents: 3 });
    expect(json.failed).toEqual([expect.objectContaining({ path: join(input, 'poison.txt'), stage: 'extract', code: 'TRANSIENT' })]);
    // Two workers died on it; the third lives.
    const dead = await Promise.all(workers.map((w) => Promise.race([w.exited.then(() => true), sleep(100).then(() => false)])));
    expect(dead.filter(Boolean)).toHaveLength(2);
    const status = await wenshiJson<{ failed: { path: string; code: string }[] }>(['status', '--data', data], env);
    expect(status.json.failed).toEqual([expect.objectContaining({ path: join(input, 'poison.txt') })]);
  }, 120_000);
});
