/**
 * Top lists (pipeline/search/sqlite/toplists.ts) on real laws: 150 documents of the scale corpus,
 * whose frequent words (应当, 人民政府, 管理) match thousands of clauses. Every query gives the same
 * result (hits, order, scores, total, facets) with lists on as with lists off, on the same file,
 * and a list goes stale on any write or delete, by this connection or another.
 * @module
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SCALE_CORPUS, scaleRecords } from '../bench/eval-scale-titles.js';
import { SqliteEngine, type IndexDocument, type IndexFinding, type SearchQuery } from '../pipeline/search/index.js';
import { DOC_SHIFT, LISTS_TABLE, liveGeneration, OLD_LISTS_TABLE, tableSet } from '../pipeline/search/sqlite/schema.js';
import { CACHE_BYTES, encodeList, frequentWords, LIST_MIN_UNITS, listBytes, STORED_LIST_BYTES, STORED_LISTS, TopLists, type TopList } from '../pipeline/search/sqlite/toplists.js';
import { DOC_TYPES, LEVELS } from '../pipeline/types.js';

const EVERY = 24;
const KINDS = ['mechanism', 'meeting', 'supervision'];
const REGIONS = ['北京', '广东', '四川', null];

/** Requirement findings on the first sentences holding 应当, so the finding-kind facet has counts. */
function findings(id: string, text: string): IndexFinding[] {
  const sentences = [...text.matchAll(/[^。\n]*应当[^。\n]*。/gu)].slice(0, 4);
  return sentences.map((m, i) => ({
    id: `${id}#f${i}`, clausePath: '', type: 'requirement', kind: KINDS[i % KINDS.length]!, modality: 'must',
    sentence: m[0], start: m.index, end: m.index + m[0].length,
  }));
}

/** Every EVERY-th record, its metadata varied so every document filter splits the matches. */
async function lawDocuments(): Promise<IndexDocument[]> {
  const docs: IndexDocument[] = [];
  let i = 0;
  for await (const r of scaleRecords()) {
    if (i % EVERY === 0) {
      const k = docs.length;
      const id = `law-${k}`;
      docs.push({
        id, title: r.title, type: DOC_TYPES[k % DOC_TYPES.length]!, level: LEVELS[k % LEVELS.length]!,
        region: REGIONS[k % REGIONS.length]!, issuer: k % 5 === 0 ? '国务院' : null,
        year: k % 7 === 0 ? null : 1990 + (k % 30), date: null, docNumber: null,
        text: r.text, sections: [], findings: findings(id, r.text),
      });
    }
    i++;
  }
  return docs;
}

const QUERIES: SearchQuery[] = [
  { q: '应当' },
  { q: '人民政府' },
  { q: '管理' },
  { q: '规定' },
  { q: '应当', page: 7 },
  { q: '应当', limit: 100, page: 10 },
  // Beyond the list's 1,000 entries: answered by the full ranking.
  { q: '应当', limit: 100, page: 12 },
  { q: '应当', in: 'documents' },
  { q: '管理', in: 'documents', page: 3 },
  { q: '应当', in: 'findings' },
  { q: '应当', filters: { type: 'law' } },
  { q: '人民政府', filters: { level: ['provincial', 'county'], yearFrom: 2000 } },
  { q: '管理', filters: { region: '广东', issuer: '国务院' } },
  { q: '应当', filters: { yearTo: 1995 }, page: 4 },
  { q: '应当', filters: { findingKind: 'meeting' } },
  { q: '应当 管理' },
  { q: '应当', in: 'documents', filters: { type: ['law', 'regulation', 'notice'] } },
  { q: '管理', limit: 50, page: 3, filters: { level: 'central', yearFrom: 1995, yearTo: 2010 } },
];

describe.skipIf(!existsSync(SCALE_CORPUS))('top lists on real laws', () => {
  let dir: string;
  let on: SqliteEngine;
  let off: SqliteEngine;
  let docs: IndexDocument[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wenshi-toplists-'));
    docs = await lawDocuments();
    on = new SqliteEngine({ dataDir: dir });
    off = new SqliteEngine({ dataDir: dir, topLists: false });
    await on.bulkLoad(() => on.upsert(docs));
  });
  afterAll(async () => {
    await on?.close();
    await off?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const storedLists = (where = 'true'): number => {
    const db = new Database(join(dir, 'search.sqlite'), { readonly: true });
    try {
      return db.prepare(`SELECT count(*) FROM ${LISTS_TABLE} WHERE ${where}`).pluck().get() as number;
    } finally {
      db.close();
    }
  };

  it('warms the lists of the most frequent words after a bulk load', async () => {
    expect(await off.stats()).toMatchObject({ documents: docs.length });
    const warmed = await on.warmTopLists();
    expect(warmed).toEqual(expect.arrayContaining(['应当', '人民政府']));
    expect(storedLists()).toBe(warmed.length);
    expect(storedLists('warm = 1')).toBe(warmed.length);
    expect((await off.search({ q: '应当' })).total).toBeGreaterThan(3000);
  });

  it('picks words frequent in documents as well as in units, without article-number pieces', () => {
    const db = new Database(join(dir, 'search.sqlite'), { readonly: true });
    try {
      const t = tableSet(liveGeneration(db));
      const words = frequentWords(db, t, 8, 100);
      const byUnits = words.slice(0, 8);
      expect(byUnits).toEqual(expect.arrayContaining(['应当', '规定']));
      // Article numbers (第五条) head a clause in nearly every law, one each: frequent by documents only.
      const articles = words.filter((w) => /^第[一二三四五六七八九十]+条$/u.test(w));
      expect(articles.length).toBeGreaterThan(0);
      for (const a of articles) expect(byUnits).not.toContain(a);
      expect(words.filter((w) => /^(第?[一二三四五六七八九十]+|[一二三四五六七八九十]+条)$/u.test(w))).toEqual([]);
      // At least minUnits units each.
      const units = db.prepare(`SELECT count(*) FROM ${t.fts} WHERE ${t.fts} MATCH ?`).pluck();
      for (const w of words) expect(units.get(`{t h b} : "${w}"`)).toBeGreaterThanOrEqual(100);
      // The words by documents are those of counting every candidate's documents (it stops early).
      const candidates = (db.prepare(`SELECT term FROM temp.vocab_${t.fts} WHERE col = 'b' AND doc >= 100 ORDER BY doc DESC`).pluck().all() as string[])
        .filter((w) => /^\p{Script=Han}{2,}$/u.test(w) && !/^(第?[零一二三四五六七八九十百千]+|[零一二三四五六七八九十百千]+条)$/u.test(w));
      const documents = db.prepare(`SELECT count(DISTINCT rowid >> ${DOC_SHIFT}) FROM ${t.fts} WHERE ${t.fts} MATCH ?`).pluck();
      const docs = new Map(candidates.map((w) => [w, documents.get(`{t h b} : "${w}"`) as number]));
      const byDocuments = [...candidates].sort((a, b) => docs.get(b)! - docs.get(a)!).slice(0, 8);
      expect(words).toEqual([...new Set([...candidates.slice(0, 8), ...byDocuments])]);
    } finally {
      db.close();
    }
  });

  it.each(QUERIES)('gives the same results with lists on and off: %j', async (query) => {
    const expected = await off.search(query);
    // The first search may make the list, the second reads it (from this process's cache).
    expect(await on.search(query)).toEqual(expected);
    expect(await on.search(query)).toEqual(expected);
    // Another process reads it from the file.
    const reader = new SqliteEngine({ dataDir: dir });
    try {
      expect(await reader.search(query)).toEqual(expected);
    } finally {
      await reader.close();
    }
  });

  it('make a query\'s list at its second search in a process, not its first, and a list too small to keep only once', async () => {
    const frequent: SearchQuery = { q: '人民政府 应当' };
    const rare: SearchQuery = { q: '罚款 责令' };
    const [bigTotal, smallTotal] = [(await off.search(frequent)).total, (await off.search(rare)).total];
    expect(bigTotal).toBeGreaterThanOrEqual(LIST_MIN_UNITS);
    expect(smallTotal).toBeGreaterThan(0);
    expect(smallTotal).toBeLessThan(LIST_MIN_UNITS);
    const engine = new SqliteEngine({ dataDir: dir });
    const admit = vi.spyOn(TopLists.prototype, 'admit');
    try {
      const before = storedLists();
      expect(await engine.search(frequent)).toEqual(await off.search(frequent));
      expect(storedLists()).toBe(before);
      expect(await engine.search({ ...frequent, filters: { type: 'law' } })).toEqual(await off.search({ ...frequent, filters: { type: 'law' } }));
      expect(storedLists()).toBe(before + 1);
      admit.mockClear();
      for (let i = 0; i < 3; i++) expect(await engine.search(rare)).toEqual(await off.search(rare));
      // Its list, made at the second search, held too few units: the third ranks its page again.
      expect(admit.mock.results.map((r) => r.value)).toEqual([false, true, false]);
      expect(storedLists()).toBe(before + 1);
    } finally {
      admit.mockRestore();
      await engine.close();
    }
  });

  it('make the list again at once for a query that had one before the index changed', async () => {
    const extra: IndexDocument = {
      id: 'extra', title: '补充规定', type: 'law', level: 'central', region: null, issuer: null, year: 2024, date: null, docNumber: null,
      text: '第一条 有关单位应当依法履行职责。', sections: [],
    };
    const engine = new SqliteEngine({ dataDir: dir });
    const admit = vi.spyOn(TopLists.prototype, 'admit');
    try {
      await engine.search({ q: '应当' });
      // Its warmed list answered: nothing to admit.
      expect(admit).not.toHaveBeenCalled();
      await engine.upsert([extra]);
      expect(await engine.search({ q: '应当' })).toEqual(await off.search({ q: '应当' }));
      expect(admit.mock.results.map((r) => r.value)).toEqual([true]);
      expect(await engine.search({ q: '应当', page: 2 })).toEqual(await off.search({ q: '应当', page: 2 }));
      expect(admit).toHaveBeenCalledTimes(1);
    } finally {
      admit.mockRestore();
      await engine.delete(['extra']);
      await engine.close();
    }
  });

  // 条例 is in most clauses' document titles: FTS5 clamps its IDF to 1e-6, and a query ranks without it.
  const WITH_TIAOLI: SearchQuery[] = [
    { q: '条例 应当' },
    { q: '条例 罚款', in: 'documents' },
    { q: '管理 条例 -罚款' },
    { q: '条例 人民政府', filters: { type: 'law' } },
    { q: '条例 应当', page: 3 },
    { q: '条例 责令 限期' },
  ];

  it.each(WITH_TIAOLI)('ranks without a term that adds almost nothing, as if with it: %j', async (query) => {
    const alone = await off.search({ q: '条例' });
    expect(alone.total).toBeGreaterThan(1000);
    expect(alone.hits[0]!.score).toBeLessThan(1e-5);
    // Its list (made at its second search) tells that 条例 scores almost nothing.
    await on.search({ q: '条例' });
    await on.search({ q: '条例' });
    const expected = await off.search(query);
    const got = await on.search(query);
    expect(expected.hits.length).toBeGreaterThan(0);
    expect(got.hits.map((h) => [h.docId, h.start, h.end])).toEqual(expected.hits.map((h) => [h.docId, h.start, h.end]));
    expect({ total: got.total, facets: got.facets }).toEqual({ total: expected.total, facets: expected.facets });
    got.hits.forEach((h, i) => expect(Math.abs(h.score - expected.hits[i]!.score)).toBeLessThan(1e-5));
    // Ranked without 条例: the scores lack its (tiny) part, so they are not bit for bit the full ranking's.
    expect(got.hits.map((h) => h.score)).not.toEqual(expected.hits.map((h) => h.score));
  });

  it('leaves the lists off when asked (null too)', async () => {
    const engine = new SqliteEngine({ dataDir: dir, topLists: null });
    try {
      expect(await engine.warmTopLists()).toEqual([]);
    } finally {
      await engine.close();
    }
  });

  it('never reads a list made before a write or a delete, by this engine or another', async () => {
    const heavy: IndexDocument = {
      id: 'heavy', title: '应当应当应当', type: 'law', level: 'central', region: null, issuer: null, year: 2024, date: null, docNumber: null,
      text: Array.from({ length: 40 }, (_, i) => `第${i + 1}条 有关单位应当依法履行职责。`).join('\n'), sections: [],
    };
    const before = await on.search({ q: '应当' });
    for (const [writer, label] of [[on, 'on'], [off, 'off']] as const) {
      await writer.upsert([heavy]);
      const after = await on.search({ q: '应当' });
      expect(after, label).toEqual(await off.search({ q: '应当' }));
      expect(after.total, label).toBe(before.total + 40);
      expect(after.hits[0]!.docId, label).toBe('heavy');
      expect(await on.search({ q: '应当', filters: { type: 'law' } }), label).toEqual(await off.search({ q: '应当', filters: { type: 'law' } }));
      await writer.delete(['heavy']);
      // FTS5's statistics do not come back exactly after a delete, so the scores differ from before's.
      const gone = await on.search({ q: '应当' });
      expect(gone, label).toEqual(await off.search({ q: '应当' }));
      expect(gone.total, label).toBe(before.total);
      expect(gone.hits.map((h) => h.docId), label).not.toContain('heavy');
    }
  });
});

describe('the in-process lists', () => {
  /** A list of `n` entries over `n` documents, with one finding kind. */
  const list = (n: number): TopList => ({
    ids: new Float64Array(n), scores: new Float64Array(n), complete: false,
    docs: new Int32Array(n), units: new Int32Array(n), kinds: ['mechanism'], kindRows: new Int32Array(3 * n),
  });

  /** A file whose live generation is 1 and whose FTS5 structure record is `structure`. */
  const fileAt = (structure: string): Database.Database => {
    const db = new Database(':memory:');
    db.exec(`CREATE TABLE index_state (key TEXT PRIMARY KEY, gen INTEGER); INSERT INTO index_state VALUES ('live', 1);
      CREATE TABLE ${tableSet(1).fts}_data (id INTEGER PRIMARY KEY, block BLOB)`);
    db.prepare(`INSERT INTO ${tableSet(1).fts}_data VALUES (10, ?)`).run(Buffer.from(structure));
    return db;
  };

  it('admit a key searched before, unless a list made from this state of the index was too small to keep', () => {
    const lists = new TopLists(new Database(':memory:'), tableSet(1));
    const [s, t] = [{ gen: 1, structure: Buffer.from('s') }, { gen: 1, structure: Buffer.from('t') }];
    expect(lists.admit('a', s)).toBe(false);
    expect(lists.admit('b', s)).toBe(false);
    expect(lists.admit('a', s)).toBe(true);
    lists.tooSmall('a', s);
    expect(lists.admit('a', s)).toBe(false);
    // After a write its matches may be more.
    expect(lists.admit('a', t)).toBe(true);
    expect(lists.admit('b', t)).toBe(true);
  });

  it('hold at most CACHE_BYTES, the least recently used let go first, the newest always kept', () => {
    const db = new Database(':memory:');
    const lists = new TopLists(db, tableSet(1));
    const stamp = { gen: 1, structure: Buffer.from('s') };
    const big = list(40_000); // 40,000 × (8 + 8 + 4 + 4 + 12) bytes: 1.4 MB
    expect(listBytes(big)).toBe(40_000 * 36 + 2 * 'mechanism'.length);
    for (let i = 0; i < 10; i++) lists.add(`w${i}`, stamp, big);
    expect(lists.cachedBytes).toBe(10 * listBytes(big)); // 14.4 MB: all kept
    expect(lists.get('w0', stamp)).toBe(big); // used again: now the most recent
    lists.add('w10', stamp, big);
    lists.add('w11', stamp, big);
    expect(lists.cachedBytes).toBeLessThanOrEqual(CACHE_BYTES);
    expect(lists.cachedBytes).toBe(Math.floor(CACHE_BYTES / listBytes(big)) * listBytes(big));
    expect(lists.get('w0', stamp)).toBe(big);
    expect(lists.get('w11', stamp)).toBe(big);
    expect(lists.get('w1', stamp)).toBeUndefined(); // let go first, and no table in the file to read it back from
    const huge = list(1_000_000); // 36 MB, over the cap alone
    lists.add('huge', stamp, huge);
    expect(lists.cachedBytes).toBe(listBytes(huge));
    expect(lists.get('huge', stamp)).toBe(huge);
    db.close();
  });

  it('are stored deflated, read back as they were made, and the unpacked lists of the layout before are dropped by the first write', () => {
    const db = fileAt('s');
    // An index of the layout before: its lists unpacked in `top_lists`, never read now.
    db.exec(`CREATE TABLE ${OLD_LISTS_TABLE} (key TEXT PRIMARY KEY, gen INTEGER NOT NULL, structure BLOB NOT NULL, list BLOB NOT NULL)`);
    const stamp = { gen: 1, structure: Buffer.from('s') };
    db.prepare(`INSERT INTO ${OLD_LISTS_TABLE} VALUES ('old', 1, ?, ?)`).run(stamp.structure, Buffer.alloc(64));
    expect(new TopLists(db, tableSet(1)).get('old', stamp)).toBeUndefined();
    const made = list(5_000);
    made.ids.forEach((_, i) => {
      made.ids[i] = 2 ** 21 * (i >> 3) + 2 * i;
      made.scores[i] = 30 / (i + 1);
      made.docs[i] = i;
      made.units[i] = 1 + (i % 7);
    });
    const writer = new TopLists(db, tableSet(1));
    writer.add('made', stamp, made);
    writer.persist();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name LIKE '%top_lists'").pluck().all()).toEqual([LISTS_TABLE]);
    const stored = db.prepare(`SELECT length(list) FROM ${LISTS_TABLE} WHERE key = 'made'`).pluck().get() as number;
    expect(stored).toBeLessThan(listBytes(made) / 2);
    // Another reader (no list in its memory) reads it from the table.
    expect(new TopLists(db, tableSet(1)).get('made', stamp)).toEqual(made);
    db.close();
  });

  it('tell a list\'s best score, from memory or from the file, and nothing for a stale or missing one', () => {
    const db = fileAt('s');
    const stamp = { gen: 1, structure: Buffer.from('s') };
    const writer = new TopLists(db, tableSet(1));
    const scored = list(3);
    scored.scores.set([7.25, 3.5, 1e-6]);
    writer.add('w', stamp, scored);
    writer.add('empty', stamp, list(0));
    expect(writer.best('w', stamp)).toBe(7.25);
    writer.persist();
    const reader = new TopLists(db, tableSet(1));
    expect(reader.best('w', stamp)).toBe(7.25);
    expect(reader.best('empty', stamp)).toBeUndefined();
    expect(reader.best('none', stamp)).toBeUndefined();
    expect(reader.best('w', { gen: 1, structure: Buffer.from('t') })).toBeUndefined();
    db.close();
  });

  it('leave the file holding the lists of the index as it is now: earlier ones go at the next write', () => {
    const db = fileAt('s');
    const keys = () => db.prepare(`SELECT key FROM ${LISTS_TABLE} ORDER BY key`).pluck().all();
    const before = { gen: 1, structure: Buffer.from('s') };
    const writer = new TopLists(db, tableSet(1));
    writer.add('a', before, list(3));
    writer.persist();
    expect(keys()).toEqual(['a']);
    // A write changes the structure record: 'a' is stale, and so is 'b', made before the write.
    writer.add('b', before, list(3));
    db.prepare(`UPDATE ${tableSet(1).fts}_data SET block = ? WHERE id = 10`).run(Buffer.from('t'));
    const after = { gen: 1, structure: Buffer.from('t') };
    writer.add('c', after, list(3));
    writer.persist();
    expect(keys()).toEqual(['c']);
    // A rebuild swapped generation 2 in: a searcher of generation 1 writes nothing, and removes nothing.
    db.exec(`UPDATE index_state SET gen = 2 WHERE key = 'live'`);
    writer.add('d', after, list(3));
    writer.persist();
    expect(keys()).toEqual(['c']);
    db.close();
  });

  it('keep at most STORED_LISTS made by searches in the file, the latest written, and every warmed one', () => {
    const db = fileAt('s');
    // A table of the layout before, without the warm mark: its list counts as made by a search.
    db.exec(`CREATE TABLE ${LISTS_TABLE} (key TEXT PRIMARY KEY, gen INTEGER NOT NULL, structure BLOB NOT NULL, best REAL, list BLOB NOT NULL)`);
    const stamp = { gen: 1, structure: Buffer.from('s') };
    db.prepare(`INSERT INTO ${LISTS_TABLE} VALUES ('before', 1, ?, NULL, ?)`).run(stamp.structure, encodeList(list(3)));
    const writer = new TopLists(db, tableSet(1));
    writer.add('warmed', stamp, list(3), true);
    writer.persist();
    expect(db.prepare(`SELECT key, warm FROM ${LISTS_TABLE} ORDER BY rowid`).raw(true).all()).toEqual([['before', 0], ['warmed', 1]]);
    for (let i = 0; i < STORED_LISTS + 5; i++) writer.add(`q${i}`, stamp, list(3));
    writer.persist();
    const keys = db.prepare(`SELECT key FROM ${LISTS_TABLE} WHERE warm = 0 ORDER BY rowid`).pluck().all();
    expect(keys).toHaveLength(STORED_LISTS);
    expect(keys[0]).toBe('q5');
    expect(db.prepare(`SELECT key FROM ${LISTS_TABLE} WHERE warm = 1`).pluck().all()).toEqual(['warmed']);
    expect(new TopLists(db, tableSet(1)).get('warmed', stamp)).toEqual(list(3));
    db.close();
  });

  it('keep at most STORED_LIST_BYTES of lists made by searches, the latest written', () => {
    const db = fileAt('s');
    const stamp = { gen: 1, structure: Buffer.from('s') };
    // Scores that do not deflate: each list ~80 kB in the file, 40 of them past the budget.
    const noisy = (): TopList => ({ ...list(10_000), scores: Float64Array.from({ length: 10_000 }, Math.random) });
    const writer = new TopLists(db, tableSet(1));
    writer.add('warmed', stamp, noisy(), true);
    for (let i = 0; i < 40; i++) writer.add(`q${i}`, stamp, noisy());
    writer.persist();
    const rows = db.prepare(`SELECT key, length(list) AS bytes FROM ${LISTS_TABLE} WHERE warm = 0 ORDER BY rowid`).all() as { key: string; bytes: number }[];
    const bytes = rows.reduce((n, r) => n + r.bytes, 0);
    expect(bytes).toBeLessThanOrEqual(STORED_LIST_BYTES);
    // As many of the latest as fit: one more would not.
    expect(bytes + rows[0]!.bytes).toBeGreaterThan(STORED_LIST_BYTES);
    expect(rows.at(-1)!.key).toBe('q39');
    expect(rows.length).toBeLessThan(40);
    expect(db.prepare(`SELECT key FROM ${LISTS_TABLE} WHERE warm = 1`).pluck().all()).toEqual(['warmed']);
    db.close();
  });
});
