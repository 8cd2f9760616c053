/**
 * The SQLite FTS5 engine: the shared contract, plus what only it promises (synonym patterns,
 * reopening the file, wholesale replacement inside one transaction).
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, engineOptionsFromEnv, SqliteEngine } from '../pipeline/search/index.js';
import { fixtureDocuments, ownDocuments, runEngineSuite } from './engine-contract.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wenshi-search-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

runEngineSuite({ name: 'sqlite', newEngine: () => createEngine({ dataDir: tempDir() }) });

describe('sqlite engine', () => {
  it('is the engine chosen when MEILI_URL is not set', () => {
    expect(engineOptionsFromEnv({ WENSHI_DATA: '/x' })).toEqual({ dataDir: '/x' });
    expect(engineOptionsFromEnv({ MEILI_URL: 'http://m:7700', MEILI_API_KEY: 'k' })).toEqual({ meiliUrl: 'http://m:7700', apiKey: 'k' });
    expect(createEngine({ dataDir: tempDir() })).toBeInstanceOf(SqliteEngine);
  });

  it('keeps the index in <dataDir>/search.sqlite across reopening', async () => {
    const dataDir = tempDir();
    const first = new SqliteEngine({ dataDir });
    await first.upsert(fixtureDocuments());
    const before = await first.search({ q: '专题协商会', limit: 100 });
    await first.close();
    const second = new SqliteEngine({ dataDir });
    expect(second.path).toBe(join(dataDir, 'search.sqlite'));
    expect(await second.search({ q: '专题协商会', limit: 100 })).toEqual(before);
    await second.close();
  });

  it('expands a synonym pattern: 党委 finds 中共…委员会', async () => {
    const engine = new SqliteEngine({ dataDir: tempDir() });
    const rules = ownDocuments()[0]!;
    await engine.upsert([{ ...rules, text: `${rules.text}\n中共柳州市委员会听取协商情况汇报。` }]);
    const hits = (await engine.search({ q: '党委', limit: 100 })).hits;
    expect(hits.map((h) => h.snippet)).toEqual(expect.arrayContaining([
      '<mark>中共柳州市委员会</mark>听取协商情况汇报。',
      '(一)县政协每年召开1-2次专题协商会，由<mark>党委</mark>统筹安排。',
    ]));
    await engine.close();
  });

  it('lists everything that passes the filters for an empty query, newest first', async () => {
    const engine = new SqliteEngine({ dataDir: tempDir() });
    await engine.upsert(fixtureDocuments());
    const result = await engine.search({ q: '', filters: { type: 'opinion' }, limit: 1000 });
    const opinions = fixtureDocuments().filter((d) => d.type === 'opinion').map((d) => d.id);
    expect(new Set(result.hits.map((h) => h.docId))).toEqual(new Set(opinions));
    expect(result.hits[0]?.docId).toBe('own-rules');
    const without = await engine.search({ q: '-专题协商会', filters: { type: 'opinion' }, limit: 1000 });
    expect(without.total).toBeGreaterThan(0);
    expect(without.total).toBeLessThan(result.total);
    await engine.close();
  });
});
