/**
 * The archive and the search index never disagree for long: a source the archive stored but the
 * index never got (the process was killed in between, or the index was locked) is made searchable
 * by the next `ingest`, and an index failure never turns a stored source into a failed one.
 * Real processes, a real kill -9, a real SQLite lock.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { IngestSummary } from '../workers/summary.js';
import { SEED, tempDir, wenshi, wenshiJson } from './helpers/cli.js';

const EMBEDDED = { REDIS_URL: undefined };

interface Status {
  sources: number;
  documents: number;
  failed: unknown[];
  unindexed: number;
}

async function hits(data: string): Promise<number> {
  const r = await wenshiJson<{ total: number }>(['search', '协商民主', '--data', data], EMBEDDED);
  return r.json.total;
}

async function status(data: string): Promise<Status> {
  return (await wenshiJson<Status>(['status', '--data', data], EMBEDDED)).json;
}

describe('archive and index kept in step', () => {
  it('indexes on the next ingest a source whose process was killed between store and index', async () => {
    const data = tempDir();
    // The crash hook sends SIGKILL to the CLI itself right after the archive commits the source.
    const killed = await wenshi(['ingest', SEED, '--data', data, '--json'], { ...EMBEDDED, WENSHI_TEST_CRASH_AT: 'after-store' });
    expect(killed.code).toBe(-1);
    expect(killed.stdout).toBe('');
    expect(await status(data)).toMatchObject({ sources: 1, documents: 8, failed: [], unindexed: 1 });
    expect(await hits(data)).toBe(0);

    const again = await wenshiJson<IngestSummary>(['ingest', SEED, '--data', data], EMBEDDED);
    expect(again.code).toBe(0);
    expect(again.json).toMatchObject({ sources: 0, unchanged: 1, caughtUp: 1, notIndexed: [], failed: [] });
    expect(await hits(data)).toBeGreaterThan(0);
    expect((await status(data)).unindexed).toBe(0);
  });

  it('indexes everything again on the next ingest when the search file was of an older schema (emptied on open)', async () => {
    const data = tempDir();
    expect((await wenshi(['ingest', SEED, '--data', data], EMBEDDED)).code).toBe(0);
    const index = new Database(join(data, 'search.sqlite'));
    index.pragma('user_version = 1');
    index.close();
    const again = await wenshiJson<IngestSummary>(['ingest', SEED, '--data', data], EMBEDDED);
    expect(again.json).toMatchObject({ sources: 0, unchanged: 1, caughtUp: 1, notIndexed: [] });
    expect(await hits(data)).toBeGreaterThan(0);
    expect((await status(data)).unindexed).toBe(0);
  });

  it('keeps a stored source ok when the index is locked, reports it, and indexes it once the lock is gone', async () => {
    const data = tempDir();
    // Another connection holds the index's write lock past the engine's busy timeout.
    const lock = new Database(join(data, 'search.sqlite'));
    lock.pragma('journal_mode = WAL');
    lock.exec('BEGIN IMMEDIATE');
    let locked: { code: number; json: IngestSummary };
    try {
      locked = await wenshiJson<IngestSummary>(['ingest', SEED, '--data', data], EMBEDDED);
    } finally {
      lock.exec('ROLLBACK');
      lock.close();
    }
    expect(locked.code).toBe(1);
    expect(locked.json).toMatchObject({ sources: 1, documents: 8, failed: [], caughtUp: 0 });
    expect(locked.json.notIndexed).toEqual([expect.objectContaining({ path: SEED, code: 'TRANSIENT' })]);
    expect(await status(data)).toMatchObject({ sources: 1, failed: [], unindexed: 1 });

    const again = await wenshiJson<IngestSummary>(['ingest', SEED, '--data', data], EMBEDDED);
    expect(again.code).toBe(0);
    expect(again.json).toMatchObject({ unchanged: 1, caughtUp: 1, notIndexed: [] });
    expect(await hits(data)).toBeGreaterThan(0);
  });

  it('lets `serve` make searchable at start what was waiting for the index', async () => {
    const data = tempDir();
    await wenshi(['ingest', SEED, '--data', data], { ...EMBEDDED, WENSHI_TEST_CRASH_AT: 'after-store' });
    expect((await status(data)).unindexed).toBe(1);
    const { buildServer } = await import('../web/server.js');
    const server = await buildServer({ dataDir: data, queue: null });
    try {
      await server.ctx.batches.idle();
      expect(server.ctx.archive.counts().unindexed).toBe(0);
      expect((await server.ctx.engine.search({ q: '协商民主' })).total).toBeGreaterThan(0);
    } finally {
      await server.app.close();
    }
  });

  it('lets reindex clear what was waiting for the index', async () => {
    const data = tempDir();
    await wenshi(['ingest', SEED, '--data', data], { ...EMBEDDED, WENSHI_TEST_CRASH_AT: 'after-store' });
    expect((await status(data)).unindexed).toBe(1);
    expect((await wenshi(['reindex', '--data', data], EMBEDDED)).code).toBe(0);
    expect((await status(data)).unindexed).toBe(0);
    expect(await hits(data)).toBeGreaterThan(0);
  });
});
