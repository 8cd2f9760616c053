/**
 * Queue mode through the real CLI against the real Redis: work shared by two worker processes,
 * processed once, archived exactly as embedded mode does; permanent and transient failures visible
 * in `wenshi status` and fixed by `wenshi retry`; two ingests of one folder at once.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive, type DocumentSummary } from '../pipeline/store/archive.js';
import { BlobStore, sha256 } from '../pipeline/store/blobs.js';
import { retryDelay } from '../workers/queue/backoff.js';
import { jobId } from '../workers/queue/jobs.js';
import type { IngestSummary } from '../workers/summary.js';
import { tempDir, wenshi, wenshiJson } from './helpers/cli.js';
import { generatedDocument, writeCorpus } from './helpers/corpus.js';
import { clearPrefix, REDIS_URL, startWorker, uniquePrefix, type WorkerProcess } from './helpers/redis.js';

const prefix = uniquePrefix('queue');
const env = { REDIS_URL, WENSHI_QUEUE_PREFIX: prefix, WENSHI_QUEUE_BACKOFF_MS: '50', WENSHI_QUEUE_RECONCILE_MS: '2000' };

interface StatusJson {
  documents: number;
  failed: { path: string; stage: string; code: string; error: string; attempts: number }[];
  queue: { stages: Record<string, { completed: number; failed: number }>; batch: { total: number; settled: number; filesPerSecond: number } };
}

let workers: WorkerProcess[] = [];
let redis: Redis;

beforeAll(async () => {
  redis = new Redis(REDIS_URL);
  // A short pause per extract job, so one worker cannot drain the queue before the other starts.
  // w1 only extracts (as on a machine without the archive) and hands its results to the store queue;
  // w2 runs both stages and stores what it extracts itself.
  const slow = { ...env, WENSHI_TEST_EXTRACT_DELAY_MS: '60' };
  workers = await Promise.all([startWorker('w1', slow, ['--stages', 'extract']), startWorker('w2', slow)]);
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await clearPrefix(prefix);
  redis.disconnect();
});

async function extractJobs() {
  const queue = new Queue('extract', { connection: redis, prefix });
  try {
    return await queue.getJobs(['completed'], 0, -1);
  } finally {
    await queue.close();
  }
}

function archiveOf(data: string): Archive {
  return new Archive(data);
}

describe('job ids and backoff', () => {
  it('names jobs by content and archive, in a form BullMQ accepts', () => {
    const ref = { sha256: sha256('政协'), data: '/srv/wenshi' };
    expect(jobId('extract', ref)).toMatch(/^x-[0-9a-f]{64}-[0-9a-f]{8}$/);
    expect(jobId('store', ref)).toMatch(/^s-[0-9a-f]{64}-[0-9a-f]{8}$/);
    expect(jobId('extract', { ...ref })).toBe(jobId('extract', ref));
    expect(jobId('extract', { ...ref, data: '/srv/other' })).not.toBe(jobId('extract', ref));
  });

  it('doubles per attempt, jitters within the upper half, and is capped', () => {
    expect([1, 2, 3].map((n) => retryDelay(n, 1000, () => 1))).toEqual([1000, 2000, 4000]);
    expect([1, 2, 3].map((n) => retryDelay(n, 1000, () => 0))).toEqual([500, 1000, 2000]);
    expect(retryDelay(40, 1000, () => 1)).toBe(300_000);
  });
});

describe('two workers and one ingest', () => {
  const input = join(tempDir(), 'in');
  const data = tempDir();
  let result: { code: number; json: IngestSummary };

  beforeAll(async () => {
    writeCorpus(input, 24);
    result = await wenshiJson<IngestSummary>(['ingest', input, '--data', data], env);
  }, 120_000);

  it('ingests every file', () => {
    expect(result.code).toBe(0);
    expect(result.json).toMatchObject({ sources: 24, documents: 24, unchanged: 0, failed: [] });
  });

  it('processes every file once, and both workers did some of it', async () => {
    const archive = archiveOf(data);
    const sources = archive.db.prepare('SELECT attempts FROM sources').all() as { attempts: number }[];
    archive.close();
    expect(sources).toHaveLength(24);
    expect(sources.every((s) => s.attempts === 1)).toBe(true);
    const jobs = (await extractJobs()).filter((j) => j.data.data === data);
    expect(jobs).toHaveLength(24);
    expect(jobs.every((j) => j.attemptsStarted === 1)).toBe(true);
    expect(new Set(jobs.map((j) => j.processedBy))).toEqual(new Set(['w1', 'w2']));
  });

  it('leaves the archive exactly as embedded mode does', async () => {
    const embedded = tempDir();
    const plain = await wenshiJson<IngestSummary>(['ingest', input, '--data', embedded], { REDIS_URL: undefined });
    // Which of two near-duplicates is "the earlier one" follows the order the runners stored them in.
    const pairs = (s: IngestSummary) => s.nearDuplicates.map((n) => `${[n.docId, n.of].sort().join('~')} ${n.similarity}`).sort();
    expect(pairs(plain.json)).toEqual(pairs(result.json));
    expect({ ...plain.json, nearDuplicates: [] }).toEqual({ ...result.json, nearDuplicates: [] });
    // Listing order follows insertion time, which differs between runners; the records must not.
    const list = async (d: string, e: Record<string, string | undefined>) =>
      (await wenshiJson<DocumentSummary[]>(['docs', '--data', d], e)).json.sort((a, b) => a.id.localeCompare(b.id));
    const queued = await list(data, env);
    expect(await list(embedded, { REDIS_URL: undefined })).toEqual(queued);
    const show = async (d: string, id: string) => (await wenshiJson<unknown>(['show', id, '--data', d], { REDIS_URL: undefined })).json;
    for (const doc of queued.slice(0, 4)) expect(await show(embedded, doc.id)).toEqual(await show(data, doc.id));
    // The store stage indexes as embedded mode does: the same search finds the same clauses.
    const search = async (d: string) =>
      (await wenshiJson<{ total: number; hits: { docId: string; clausePath: string }[] }>(['search', '专题协商会', '--limit', '100', '--data', d], { REDIS_URL: undefined })).json;
    const [inQueue, inProcess] = await Promise.all([search(data), search(embedded)]);
    expect(inQueue.total).toBeGreaterThan(0);
    expect(inQueue.total).toBe(inProcess.total);
    const keys = (r: typeof inQueue) => r.hits.map((h) => `${h.docId}/${h.clausePath}`).sort();
    expect(keys(inQueue)).toEqual(keys(inProcess));
  });

  it('shows the stages and the batch in `wenshi status`', async () => {
    const { json } = await wenshiJson<StatusJson>(['status', '--data', data], env);
    expect(json.documents).toBe(24);
    expect(json.queue.stages.extract!.completed).toBeGreaterThanOrEqual(24);
    // Only what the extract-only worker handed on went through the store queue.
    expect(json.queue.stages.store!.completed).toBeGreaterThanOrEqual(1);
    expect(json.queue.stages.store!.completed).toBeLessThan(24);
    expect(json.queue.batch).toMatchObject({ total: 24, settled: 24 });
    expect(json.queue.batch.filesPerSecond).toBeGreaterThan(0);
  });

  it('keeps the original bytes in the content store, and no intermediate result once it is stored', () => {
    const originals = readdirSync(input).map((f) => sha256(readFileSync(join(input, f))));
    const blobs = join(data, 'blobs');
    const held = readdirSync(blobs).flatMap((dir) => readdirSync(join(blobs, dir)).map((f) => dir + f.replace(/\.(br|gz)$/, '')));
    expect(held.sort()).toEqual(originals.sort());
  });
});

describe('a file that fails for good', () => {
  const input = join(tempDir(), 'in');
  const data = tempDir();
  const bad = join(input, 'notice.txt');
  let first: { code: number; json: IngestSummary };

  beforeAll(async () => {
    writeCorpus(input, 2);
    writeFileSync(bad, '');
    first = await wenshiJson<IngestSummary>(['ingest', input, '--data', data], env);
  }, 60_000);

  it('fails at once with its reason, the other files going on', () => {
    expect(first.code).toBe(1);
    expect(first.json.sources).toBe(2);
    expect(first.json.failed).toEqual([expect.objectContaining({ path: bad, code: 'EMPTY_FILE', stage: 'extract' })]);
  });

  it('appears in `wenshi status --json` as {path, stage, error, attempts}', async () => {
    const { json } = await wenshiJson<StatusJson>(['status', '--data', data], env);
    expect(json.failed).toEqual([{ path: bad, stage: 'extract', code: 'EMPTY_FILE', error: first.json.failed[0]!.error, attempts: 1 }]);
    expect(json.queue.stages.extract!.failed).toBeGreaterThanOrEqual(1);
  });

  it('is processed by `wenshi retry` once the file is fixed', async () => {
    writeFileSync(bad, generatedDocument(900));
    const retry = await wenshiJson<IngestSummary>(['retry', '--data', data], env);
    expect(retry.code).toBe(0);
    expect(retry.json).toMatchObject({ sources: 1, documents: 1, failed: [] });
    const { json } = await wenshiJson<StatusJson>(['status', '--data', data], env);
    expect(json.failed).toEqual([]);
    expect(json.documents).toBe(3);
  });
});

describe('a transient fault', () => {
  const input = join(tempDir(), 'in');
  const data = tempDir();
  let path: string;
  let blob: string;

  beforeAll(() => {
    mkdirSync(input);
    const text = generatedDocument(700);
    path = join(input, 'notice.txt');
    writeFileSync(path, text);
    // A folder where the bytes should be: the store "has" them, yet every read fails (EISDIR), as on a broken mount.
    blob = new BlobStore(join(data, 'blobs')).pathOf(sha256(text));
    mkdirSync(blob, { recursive: true });
  });

  it('is retried with backoff, then recorded with its attempts; `wenshi retry` processes it once the store is mended', async () => {
    const first = await wenshiJson<IngestSummary>(['ingest', input, '--data', data], { ...env, WENSHI_QUEUE_ATTEMPTS: '3' });
    expect(first.code).toBe(1);
    expect(first.json.failed).toEqual([expect.objectContaining({ path, code: 'TRANSIENT', stage: 'extract' })]);
    const status = await wenshiJson<StatusJson>(['status', '--data', data], env);
    expect(status.json.failed).toEqual([expect.objectContaining({ path, code: 'TRANSIENT', attempts: 3 })]);
    const tries = workers.flatMap((w) => w.log().split('\n')).filter((l) => l.includes(path)).map((l) => l.match(/\(try (\d)\)/)?.[1]);
    expect(tries.sort()).toEqual(['1', '2', '3']);

    const { rmSync } = await import('node:fs');
    rmSync(blob, { recursive: true });
    const retry = await wenshiJson<IngestSummary>(['retry', '--data', data], env);
    expect(retry.json).toMatchObject({ sources: 1, documents: 1, failed: [] });
  }, 60_000);
});

describe('two ingests of the same folder at once', () => {
  const input = join(tempDir(), 'in');
  const data = tempDir();
  let runs: { code: number; json: IngestSummary }[];

  beforeAll(async () => {
    writeCorpus(input, 20);
    runs = await Promise.all([1, 2].map(() => wenshiJson<IngestSummary>(['ingest', input, '--data', data], env)));
  }, 120_000);

  it('both finish, each accounting for every file', () => {
    for (const r of runs) {
      expect(r.code).toBe(0);
      expect(r.json.sources + r.json.unchanged).toBe(20);
      expect(r.json.failed).toEqual([]);
    }
  });

  it('stores each source once and no document twice', async () => {
    expect(runs[0]!.json.sources + runs[1]!.json.sources).toBe(20);
    const archive = archiveOf(data);
    const sources = archive.db.prepare('SELECT attempts FROM sources').all() as { attempts: number }[];
    const provenance = (archive.db.prepare('SELECT count(*) AS n FROM provenance').get() as { n: number }).n;
    archive.close();
    expect(sources.map((s) => s.attempts)).toEqual(Array(20).fill(1));
    expect(provenance).toBe(20);
    const docs = (await wenshiJson<DocumentSummary[]>(['docs', '--data', data], env)).json;
    expect(new Set(docs.map((d) => d.id)).size).toBe(20);
    expect(docs).toHaveLength(20);
  });
});

describe('stopping workers', () => {
  it('exits 0 on SIGTERM', async () => {
    const codes = await Promise.all(workers.map((w) => w.stop()));
    expect(codes).toEqual([0, 0]);
    expect(workers.every((w) => w.log().includes('stopped'))).toBe(true);
  });

  it('quits without a REDIS_URL, saying why', async () => {
    const r = await wenshi(['worker'], { REDIS_URL: undefined });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/REDIS_URL/);
  });
});
