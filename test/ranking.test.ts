/**
 * Native ranking (pipeline/search/sqlite/ranking.ts): bm25c with the phrases' row counts that
 * PhraseCounts keeps gives every matched row bm25()'s score bit for bit, on real laws (every 40th
 * document of the scale corpus) and every kind of MATCH the engine writes (words, column filters,
 * a synonym pattern's NEAR group, an excluded word, findings' weights); the engine ranks with it;
 * the counts a search makes are kept in the file for later connections; and a count made before a
 * write is never used after it.
 * @module
 */
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCALE_CORPUS } from '../bench/eval-scale-titles.js';
import { parseQuery, SqliteEngine, type IndexDocument } from '../pipeline/search/index.js';
import { matchPlan } from '../pipeline/search/sqlite/match.js';
import { nativeRanking, RANKING_EXTENSION, rankingState } from '../pipeline/search/sqlite/native.js';
import { PhraseCounts, phrasesOf } from '../pipeline/search/sqlite/ranking.js';
import { COUNTS_TABLE, liveGeneration, tableSet } from '../pipeline/search/sqlite/schema.js';
import { BM25_WEIGHTS, FINDING_BM25_WEIGHTS } from '../pipeline/search/sqlite/search.js';
import { tempDir, wenshi, wenshiJson } from './helpers/cli.js';
import { scaleLaws } from './helpers/laws.js';
import { skipUnlessTool } from './helpers/tools.js';

describe('the phrases of a MATCH, in FTS5 order with their column filters', () => {
  it('reads filters on a phrase and on a group, NEAR groups and escaped quotes', () => {
    expect(phrasesOf('("应当") AND (({bt bb} : ("管理 理" OR "管控")) OR ({t h b} : "管理"))'))
      .toEqual(['"应当"', '{bt bb} : "管理 理"', '{bt bb} : "管控"', '{t h b} : "管理"']);
    expect(phrasesOf('{bt bb} : (NEAR("中共" "委员 员会", 10) OR "党委") NOT ("a ""b""")'))
      .toEqual(['{bt bb} : "中共"', '{bt bb} : "委员 员会"', '{bt bb} : "党委"', '"a ""b"""']);
    expect(phrasesOf('{bt bb} : "年" *')).toEqual(['{bt bb} : "年" *']);
  });
});

describe('which function ranks', () => {
  it('is bm25() when the extension is not built, turned off, or built before its source last changed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wenshi-ranking-'));
    const files = { extension: join(dir, 'bm25c.so'), source: join(dir, 'bm25c.c') };
    try {
      expect(rankingState({}, files)).toEqual({ ranking: 'bm25', why: 'not built' });
      writeFileSync(files.source, '');
      writeFileSync(files.extension, '');
      utimesSync(files.source, 1000, 1000);
      utimesSync(files.extension, 2000, 2000);
      expect(rankingState({}, files)).toEqual({ ranking: 'bm25c' });
      expect(rankingState({ WENSHI_NATIVE_RANKING: '0' }, files)).toEqual({ ranking: 'bm25', why: 'off' });
      utimesSync(files.source, 3000, 3000);
      expect(rankingState({}, files)).toEqual({ ranking: 'bm25', why: 'stale' });
      // An install without the C sources has nothing to be stale against.
      rmSync(files.source);
      expect(rankingState({}, files)).toEqual({ ranking: 'bm25c' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const EVERY = 40;
const QUERIES = ['应当 管理', '人民政府 县级以上 主管部门', '依法追究刑事责任', '"违反本法规定"', '党委', '规定 -罚款', '条例 依照', '罚'];

const noExtension = skipUnlessTool('dist/native/bm25c.so', existsSync(RANKING_EXTENSION), 'npm run build (it compiles native/bm25c.c with the system C compiler)');

describe.skipIf(noExtension || !existsSync(SCALE_CORPUS))('bm25c on real laws', () => {
  let dir: string;
  let engine: SqliteEngine;
  let docs: IndexDocument[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wenshi-ranking-'));
    docs = await scaleLaws(EVERY);
    engine = new SqliteEngine({ dataDir: dir, topLists: false });
    await engine.bulkLoad(() => engine.upsert(docs.slice(0, -10)));
  });
  afterAll(async () => {
    await engine?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const open = () => {
    const db = new Database(join(dir, 'search.sqlite'), { readonly: true });
    expect(nativeRanking(db)).toBe(true);
    return { db, t: tableSet(liveGeneration(db)) };
  };

  it.each(QUERIES)('scores every matched row as bm25() does, bit for bit: %s', (q) => {
    const { db, t } = open();
    try {
      const match = matchPlan(parseQuery(q)).match!;
      const counts = new PhraseCounts(db, t);
      for (const weights of [BM25_WEIGHTS, FINDING_BM25_WEIGHTS]) {
        const rows = (fn: string, ...params: unknown[]) => db.prepare(`SELECT rowid, ${fn} FROM ${t.fts} WHERE ${t.fts} MATCH ? ORDER BY rowid`).raw().all(...params, match);
        const expected = rows(`bm25(${t.fts}, ${weights})`);
        expect(expected.length).toBeGreaterThan(0);
        expect(db.transaction(() => rows(`bm25c(${t.fts}, ?, ${weights})`, counts.of(match)))()).toEqual(expected);
        // Counts of the wrong length are counted in place, as bm25() does; no counts argument is an error.
        expect(rows(`bm25c(${t.fts}, NULL, ${weights})`)).toEqual(expected);
        expect(() => rows(`bm25c(${t.fts})`)).toThrow(/first argument/);
      }
    } finally {
      db.close();
    }
  });

  it('is what the engine ranks with: its hits carry the scores bm25() gives their clauses', async () => {
    const { db, t } = open();
    try {
      for (const q of ['人民政府 县级以上 主管部门', '应当 管理']) {
        const hits = (await engine.search({ q, limit: 20 })).hits.map((h) => h.score);
        const best = db.prepare(`SELECT -bm25(${t.fts}, ${BM25_WEIGHTS}) AS s FROM ${t.fts} WHERE ${t.fts} MATCH ? AND (rowid & 1) = 0 ORDER BY s DESC LIMIT 20`)
          .pluck().all(matchPlan(parseQuery(q)).match!);
        expect(hits).toEqual(best);
      }
    } finally {
      db.close();
    }
  });

  it('gives the same results with the native ranking turned off (WENSHI_NATIVE_RANKING=0)', async () => {
    await engine.search({ q: '应当' });
    const off = new SqliteEngine({ dataDir: dir, topLists: false });
    process.env.WENSHI_NATIVE_RANKING = '0';
    try {
      const memory = new Database(':memory:');
      expect(nativeRanking(memory)).toBe(false);
      memory.close();
      for (const q of QUERIES) {
        for (const query of [{ q, limit: 20 }, { q, in: 'documents' as const }, { q, in: 'findings' as const, page: 2 }]) {
          expect(await off.search(query), JSON.stringify(query)).toEqual(await engine.search(query));
        }
      }
    } finally {
      delete process.env.WENSHI_NATIVE_RANKING;
      await off.close();
    }
  });

  it('counts a phrase again once the index has changed', async () => {
    const { db, t } = open();
    try {
      const match = matchPlan(parseQuery('应当 管理')).match!;
      const counts = new PhraseCounts(db, t);
      const read = () => [...new BigInt64Array(new Uint8Array(db.transaction(() => counts.of(match))()).buffer)].map(Number);
      const fresh = () => phrasesOf(match).map((p) => db.prepare(`SELECT count(*) FROM ${t.fts} WHERE ${t.fts} MATCH ?`).pluck().get(p));
      const before = read();
      expect(before).toEqual(fresh());
      await engine.upsert(docs.slice(-10));
      const after = read();
      expect(after).toEqual(fresh());
      expect(after).not.toEqual(before);
      expect((await engine.search({ q: '应当 管理', limit: 5 })).hits[0]!.score).toBe(
        db.prepare(`SELECT -bm25(${t.fts}, ${BM25_WEIGHTS}) AS s FROM ${t.fts} WHERE ${t.fts} MATCH ? AND (rowid & 1) = 0 ORDER BY s DESC LIMIT 1`).pluck().get(match));
    } finally {
      db.close();
    }
  });

  it('keeps the counts a search made in the file, read by later connections for this state of the index only', async () => {
    const match = matchPlan(parseQuery('人民政府 县级以上')).match!;
    await engine.search({ q: '人民政府 县级以上' });
    const { db, t } = open();
    const writable = new Database(join(dir, 'search.sqlite'));
    try {
      const stored = () => new Map(db.prepare(`SELECT phrase, rows FROM ${COUNTS_TABLE}`).raw().all() as [string, number][]);
      const count = db.prepare(`SELECT count(*) FROM ${t.fts} WHERE ${t.fts} MATCH ?`).pluck();
      for (const phrase of phrasesOf(match)) expect(stored().get(phrase), phrase).toBe(count.get(phrase));
      // A later connection reads them, without counting: an altered count shows through.
      writable.prepare(`UPDATE ${COUNTS_TABLE} SET rows = rows + 1000`).run();
      const read = () => [...new BigInt64Array(new Uint8Array(db.transaction(() => new PhraseCounts(db, t).of(match))()).buffer)].map(Number);
      expect(read()).toEqual(phrasesOf(match).map((p) => (count.get(p) as number) + 1000));
      // Once the index changes, they are of another state: counted again, and the search ranks as bm25() does.
      await engine.upsert(docs.slice(0, 1));
      expect(read()).toEqual(phrasesOf(match).map((p) => count.get(p)));
      expect((await engine.search({ q: '人民政府 县级以上', limit: 1 })).hits[0]!.score).toBe(
        db.prepare(`SELECT -bm25(${t.fts}, ${BM25_WEIGHTS}) AS s FROM ${t.fts} WHERE ${t.fts} MATCH ? AND (rowid & 1) = 0 ORDER BY s DESC LIMIT 1`).pluck().get(match));
    } finally {
      writable.close();
      db.close();
    }
  });
});

describe.skipIf(noExtension)('wenshi status on the ranking', () => {
  it('names the ranking in --json, and says so when searches rank without the native function', async () => {
    const data = tempDir();
    try {
      expect((await wenshiJson<{ search: unknown }>(['status', '--json', '--data', data])).json.search).toEqual({ ranking: 'bm25c' });
      expect((await wenshi(['status', '--data', data])).stdout).not.toContain('检索排序');
      const off = await wenshi(['status', '--data', data], { WENSHI_NATIVE_RANKING: '0' });
      expect(off.code).toBe(0);
      expect(off.stdout).toContain("检索排序 search ranking: SQLite's bm25(), native ranking turned off (WENSHI_NATIVE_RANKING=0)");
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  });
});
