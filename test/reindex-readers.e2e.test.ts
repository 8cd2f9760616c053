/**
 * `wenshi reindex` is invisible to readers: while it runs, a search loop on another connection (as
 * `wenshi serve` has) never gets an empty or failed result, an ingest in another process goes on
 * writing, and the rebuilt index swaps in at once with that ingest's document in it. The reindex
 * is held after its first batch by a test hook, so the searches provably run against a half-done
 * rebuild instead of racing it.
 */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteEngine } from '../pipeline/search/index.js';
import { BIN, ROOT, SEED, tempDir, wenshiJson } from './helpers/cli.js';

const EMBEDDED = { REDIS_URL: undefined, MEILI_URL: undefined };
const QUERIES = ['专题协商会', '协商民主', '委员'];

/** The index's generation state, read as another process would. */
function indexState(data: string): Record<string, number> {
  const db = new Database(join(data, 'search.sqlite'), { readonly: true });
  const rows = db.prepare('SELECT key, gen FROM index_state').raw().all() as [string, number][];
  db.close();
  return Object.fromEntries(rows);
}

describe('reindex under readers', () => {
  it('never answers a search empty or failed while it runs, and keeps what was ingested meanwhile', async () => {
    const data = tempDir();
    expect((await wenshiJson(['ingest', SEED, '--data', data], EMBEDDED)).code).toBe(0);
    const reader = new SqliteEngine({ dataDir: data });
    const expected = await Promise.all(QUERIES.map(async (q) => (await reader.search({ q })).total));
    expect(Math.min(...expected)).toBeGreaterThan(0);

    const release = join(tempDir(), 'release');
    const child = spawn(process.execPath, [BIN, 'reindex', '--data', data, '--json'], {
      cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, REDIS_URL: '', MEILI_URL: '', WENSHI_TEST_HOLD_AT: `reindex-batch:${release}` },
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
    let running = true;
    void exited.then(() => (running = false));

    const wrong: string[] = [];
    let searches = 0;
    let duringBuild = 0;
    const searchOnce = async () => {
      for (const [i, q] of QUERIES.entries()) {
        try {
          const total = (await reader.search({ q })).total;
          if (total !== expected[i]) wrong.push(`${q}: ${total} hits, not ${expected[i]}`);
        } catch (err) {
          wrong.push(`${q}: ${(err as Error).message}`);
        }
        searches += 1;
      }
    };

    // Until the reindex holds after its first batch, written to the new generation.
    while (running && !existsSync(`${release}.held`)) {
      await searchOnce();
      await sleep(5);
    }
    expect(indexState(data)).toEqual({ building: 1 });
    // Another process ingests while the rebuild is half done; searches go on meanwhile.
    const upload = join(tempDir(), 'during-reindex.txt');
    writeFileSync(upload, '关于琥珀色灯塔的说明\n\n重建索引期间写入的文件，其中有独一无二的词语：琥珀色灯塔。\n');
    const ingest = wenshiJson<{ sources: number; notIndexed: unknown[] }>(['ingest', upload, '--data', data], EMBEDDED);
    let ingested = false;
    void ingest.then(() => (ingested = true));
    while (!ingested || duringBuild < 20) {
      await searchOnce();
      duringBuild += QUERIES.length;
      // Searches are synchronous underneath: a pause lets the ingest's events through.
      await sleep(5);
    }
    expect((await ingest).json).toMatchObject({ sources: 1, notIndexed: [] });
    writeFileSync(release, '');
    while (running) {
      await searchOnce();
      await sleep(5);
    }

    expect(await exited).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ reindexed: expect.any(Number) });
    expect(wrong).toEqual([]);
    expect(searches).toBeGreaterThan(duringBuild);
    expect(indexState(data)).toEqual({ live: 1 });
    expect((await reader.search({ q: '琥珀色灯塔' })).total).toBeGreaterThan(0);
    await searchOnce();
    expect(wrong).toEqual([]);
    await reader.close();
  });
});
