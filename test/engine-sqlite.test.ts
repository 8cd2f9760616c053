/**
 * The SQLite FTS5 engine: the shared contract, plus what only it promises (synonym patterns,
 * reopening the file, wholesale replacement inside one transaction).
 * @module
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, engineOptionsFromEnv, SqliteEngine } from '../pipeline/search/index.js';
import { Preparer } from '../pipeline/search/sqlite/preparer.js';
import { bigramStream, SegmentedText, unitWordStreams, wordStream } from '../pipeline/search/sqlite/streams.js';
import { matchPlan } from '../pipeline/search/sqlite/match.js';
import { BM25_WEIGHTS } from '../pipeline/search/sqlite/search.js';
import { parseQuery } from '../pipeline/search/query.js';
import { DOC_TABLE_COLUMNS, ensureSchema, FTS_COLUMNS, MAX_UNITS_PER_DOC, tableSet, TEXT_CHUNK, UNIT_KIND, unitId } from '../pipeline/search/sqlite/schema.js';
import { docWords, foldDoc, prepareDoc, SqliteWriter, unitColumns, writableDoc, writableOf, type SegmentInput } from '../pipeline/search/sqlite/write.js';
import { TEXT_DICTIONARY_CHARS, unpackChunk } from '../pipeline/search/sqlite/text-chunks.js';
import { packUnits, unitRecord } from '../pipeline/search/sqlite/unit-sets.js';
import { documentUnits } from '../pipeline/search/units.js';
import { archiveFile } from '../pipeline/store/archive-file.js';
import { packText } from '../pipeline/store/packed-text.js';
import { allHits, fixtureDocuments, ownDocuments, runEngineSuite } from './engine-contract.js';
import type { IndexDocument } from '../pipeline/search/types.js';

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

/** An archive of `docs` as the store keeps their texts (id, text packed, its length); open, for the caller to change. */
function archiveOf(dataDir: string, docs: readonly IndexDocument[]): Database.Database {
  const archive = new Database(archiveFile(dataDir));
  archive.exec('CREATE TABLE documents (id TEXT PRIMARY KEY, text BLOB NOT NULL, length INTEGER NOT NULL)');
  const insert = archive.prepare('INSERT INTO documents (id, text, length) VALUES (?, ?, ?)');
  for (const d of docs) insert.run(d.id, packText(d.text), d.text.length);
  return archive;
}

describe('sqlite engine', () => {
  it('is the engine chosen when MEILI_URL is not set', () => {
    expect(engineOptionsFromEnv({ WENSHI_DATA: '/x' })).toEqual({ dataDir: '/x' });
    expect(engineOptionsFromEnv({ MEILI_URL: 'http://m:7700', MEILI_API_KEY: 'k', WENSHI_DATA: '/x' })).toEqual({ meiliUrl: 'http://m:7700', apiKey: 'k', dataDir: '/x' });
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

  it('segments on its own thread exactly as inline, each batch answered with its own documents', async () => {
    const docs = fixtureDocuments();
    const preparer = new Preparer();
    const batches = docs.map((d) => [d]);
    const prepared = await Promise.all(batches.map((b) => preparer.prepare(b)));
    // On the thread, not the inline fallback.
    expect(preparer.threaded).toBe(true);
    expect(prepared).toEqual(batches.map((b) => b.map(prepareDoc)));
    // Stopped when idle (after a bulk load), its thread ends; the next batch starts another.
    await preparer.stop();
    expect(preparer.threaded).toBe(false);
    const again = preparer.prepare(docs);
    expect(preparer.threaded).toBe(true);
    expect(await again).toEqual(docs.map(prepareDoc));
    await preparer.close();
    // Closed, it prepares on the calling thread.
    expect(await preparer.prepare(docs)).toEqual(docs.map(prepareDoc));
  });

  it('takes a heading\'s words from the segmentation of its unit: whole words inside the heading', () => {
    const text = '1.建立健全委员履职档案，每年评议一次';
    const heading = { start: 2, end: 9 }; // 建立健全委员履, cut short inside a word
    const streams = unitWordStreams(text, heading);
    expect(streams.body).toBe(wordStream(text));
    // 委员履职档案 (one word of the lexicon) runs past the heading's end: it stays out, and no stray
    // 委员 or 履 from segmenting the cut-short heading alone takes its place.
    expect(streams.heading).toBe('建立 健全 建立健全');
    expect(unitWordStreams(text, null).heading).toBe('');
  });

  it('reads every clause\'s words off one segmentation of its document, as segmenting the clause alone gives them, and gives findings none', () => {
    const alone = (input: SegmentInput) => input.units.map(([start, end, hStart, hEnd, own], i) => {
      if (i >= input.clauses) return ['', ''];
      const words = unitWordStreams(own ?? input.text.slice(start, end), hStart >= 0 ? { start: hStart, end: hEnd } : null);
      return [words.heading, words.body];
    });
    const inputs = fixtureDocuments().map((d) => foldDoc(d).input);
    expect(inputs.some((i) => i.clauses > 1 && i.units.length > i.clauses)).toBe(true);
    for (const input of inputs) expect(docWords(input).units).toEqual(alone(input));
    // A span that starts or ends inside a run jieba segments whole is segmented alone, even between
    // two words there (建立健全 | 委员履职档案): alone, the run could be cut otherwise.
    const text = '建立健全委员履职档案，每年评议一次';
    const segmented = new SegmentedText(text);
    expect(segmented.spanStreams(6, 10, null)).toBeNull();
    expect(segmented.spanStreams(0, 4, null)).toBeNull();
    expect(segmented.spanStreams(4, 10, null)).toBeNull();
    expect(segmented.spanStreams(4, 11, null)).toBeNull();
    expect(segmented.spanStreams(11, text.length, null)).toEqual(unitWordStreams(text.slice(11), null));
    const input: SegmentInput = { title: '', text, units: [[6, 10, -1, -1, null], [0, 10, 0, 4, null]], clauses: 2 };
    expect(docWords(input).units).toEqual(alone(input));
  });

  it('writes Han runs as bigrams ending in their last character, and other text as its folded words', () => {
    expect(bigramStream('')).toBe('');
    expect(bigramStream('中')).toBe('中');
    expect(bigramStream('委员履职，2024年 covid-19')).toBe('委员 员履 履职 职 2024 年 covid 19');
    expect(bigramStream('café İx 𠀀𠀁中')).toBe('cafe ix 𠀀𠀁 𠀁中 中');
    // A lone surrogate is no word character, and never splits a bigram it does not sit in.
    expect(bigramStream('中\ud800文')).toBe('中 文');
    // Longer than the first buffer: grown, not cut short.
    const long = '国'.repeat(40_000);
    expect(bigramStream(long)).toBe(`${'国国 '.repeat(39_999)}国`);
  });

  it('puts the column with the most entries first in the FTS5 table, and weighs every column by its name', () => {
    const db = new Database(':memory:');
    ensureSchema(db);
    const t = tableSet(0);
    const prepared = fixtureDocuments().map(prepareDoc);
    new SqliteWriter(db, t).write(prepared.map(writableDoc));
    // A row's entry in a doclist names every column but the first (two bytes each): the biggest goes first.
    db.exec(`CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, ${t.fts}, col)`);
    const entries = db.prepare('SELECT col, sum(doc) AS n FROM temp.vocab GROUP BY col ORDER BY n DESC').all() as { col: string; n: number }[];
    expect(FTS_COLUMNS[0]).toBe(entries[0]!.col);

    // The same rows in the order the columns had before, with their weights in that order: same scores, bit for bit.
    db.exec("CREATE VIRTUAL TABLE ref USING fts5(t, h, b, bt, bb, content = '', tokenize = 'ascii')");
    const insert = db.prepare('INSERT INTO ref (rowid, t, h, b, bt, bb) VALUES (?, ?, ?, ?, ?, ?)');
    for (const p of prepared) {
      const n = db.prepare(`SELECT n FROM ${t.docs} WHERE id = ?`).pluck().get(p.doc.id) as number;
      for (const u of p.units) {
        const c = unitColumns(p, u);
        insert.run(unitId(n, u.unit.ord, UNIT_KIND[u.unit.kind]), c.t, c.h, c.b, c.bt, c.bb);
      }
    }
    const ranked = (table: string, weights: string, match: string) =>
      db.prepare(`SELECT rowid, bm25(${table}, ${weights}) AS s FROM ${table} WHERE ${table} MATCH ? ORDER BY s, rowid`).raw().all(match);
    for (const q of ['专题协商会', '政协 委员', '"人民政协"', '协商 -委员', '委员会']) {
      const match = matchPlan(parseQuery(q)).match!;
      const now = ranked(t.fts, BM25_WEIGHTS, match);
      expect(now.length, q).toBeGreaterThan(0);
      expect(now, q).toEqual(ranked('ref', '10, 4, 1, 3, 0.5', match));
    }
    db.close();
  });

  it('gives findings only the bigram columns, by which they match as before, and no word column', () => {
    const db = new Database(':memory:');
    ensureSchema(db);
    const t = tableSet(0);
    new SqliteWriter(db, t).write(fixtureDocuments().map(writableOf));
    const count = (match: string, kind: number) =>
      db.prepare(`SELECT count(*) FROM ${t.fts} WHERE ${t.fts} MATCH ? AND (rowid & 1) = ?`).pluck().get(match, kind) as number;
    for (const word of ['委员', '协商', '政协']) {
      expect(count(`{bt bb} : ${word}`, UNIT_KIND.finding), word).toBeGreaterThan(0);
      expect(count(`{t h b} : ${word}`, UNIT_KIND.clause), word).toBeGreaterThan(0);
      expect(count(`{t h b} : ${word}`, UNIT_KIND.finding), word).toBe(0);
    }
    db.close();
  });

  it.skipIf(!existsSync('/proc/self/maps'))('reads the file through a memory map while searching, and not while writing', async () => {
    const dataDir = tempDir();
    const file = join(dataDir, 'search.sqlite');
    // The file itself, not its WAL index (-shm), which SQLite always maps.
    const mapped = () => readFileSync('/proc/self/maps', 'utf8').split('\n').some((line) => line.endsWith(` ${file}`));
    const loader = new SqliteEngine({ dataDir });
    await loader.bulkLoad(async () => {
      await loader.upsert(fixtureDocuments());
      // A search while the load writes reads as the load does.
      expect((await loader.search({ q: '专题协商会' })).total).toBeGreaterThan(0);
      expect(mapped()).toBe(false);
    });
    expect(mapped()).toBe(false);
    const before = await loader.search({ q: '专题协商会', limit: 100 });
    // Closed, its WAL is written into the file: the pages searched next are the file's, mapped.
    await loader.close();
    const engine = new SqliteEngine({ dataDir });
    const hits = await engine.search({ q: '专题协商会', limit: 100 });
    expect(mapped()).toBe(true);
    expect(hits).toEqual(before);
    await engine.delete([hits.hits[0]!.docId]);
    expect(mapped()).toBe(false);
    const after = await engine.search({ q: '专题协商会', limit: 100 });
    expect(after.total).toBeLessThan(before.total);
    await engine.close();
  });

  it('puts FTS5 upkeep settings back as they were after a bulk load, even one that failed', async () => {
    const dataDir = tempDir();
    const engine = new SqliteEngine({ dataDir });
    const merging = () => {
      const db = new Database(join(dataDir, 'search.sqlite'), { readonly: true });
      const v = db.prepare("SELECT k, v FROM units_fts_config WHERE k IN ('automerge', 'crisismerge', 'hashsize') ORDER BY k").raw().all();
      db.close();
      return Object.fromEntries(v as [string, number][]);
    };
    await engine.bulkLoad(async () => {
      expect(merging()).toEqual({ automerge: 0, crisismerge: 1000, hashsize: 512 * 1024 * 1024 });
      await engine.upsert(fixtureDocuments());
    });
    expect(merging()).toEqual({ automerge: 4, crisismerge: 16, hashsize: 1024 * 1024 });
    await expect(engine.bulkLoad(async () => { throw new Error('disk full'); })).rejects.toThrow('disk full');
    expect(merging()).toEqual({ automerge: 4, crisismerge: 16, hashsize: 1024 * 1024 });
    expect((await engine.search({ q: '专题协商会' })).total).toBeGreaterThan(0);
    await engine.close();
  });

  it('leaves a group\'s segment unmerged (no automerge but the crisis merge), and its upkeep settings as they were', async () => {
    const dataDir = tempDir();
    const engine = new SqliteEngine({ dataDir });
    const docs = fixtureDocuments();
    for (const doc of docs.slice(0, 6)) {
      engine.writeGrouped([writableOf(doc)]);
      engine.endGroup(true);
    }
    const db = new Database(join(dataDir, 'search.sqlite'), { readonly: true });
    // A segment's pages have rowids of its id shifted left 37 bits (FTS5's FTS5_SEGMENT_ROWID).
    expect(db.prepare('SELECT count(DISTINCT id >> 37) FROM units_fts_data WHERE id > 10').pluck().get()).toBe(6);
    const settings = db.prepare("SELECT k, v FROM units_fts_config WHERE k IN ('automerge', 'crisismerge', 'hashsize') ORDER BY k").raw().all();
    expect(Object.fromEntries(settings as [string, number][])).toEqual({ automerge: 4, crisismerge: 16, hashsize: 1024 * 1024 });
    db.close();
    expect((await engine.search({ q: '专题协商会' })).total).toBeGreaterThan(0);
    await engine.close();
  });

  it('writes a bulk load as one transaction: seen by others when it ends, rolled back when it fails', async () => {
    const dataDir = tempDir();
    const engine = new SqliteEngine({ dataDir });
    await engine.ensureIndex();
    const docs = fixtureDocuments();
    const committed = () => {
      const db = new Database(join(dataDir, 'search.sqlite'), { readonly: true });
      const ids = db.prepare('SELECT id FROM docs ORDER BY id').pluck().all();
      db.close();
      return ids;
    };
    await engine.bulkLoad(async () => {
      await engine.upsert(docs.slice(0, 1));
      await engine.upsert(docs.slice(1));
      expect(committed()).toEqual([]);
      // The loading connection reads its own writes.
      expect((await engine.search({ q: '专题协商会' })).total).toBeGreaterThan(0);
    });
    const ids = docs.map((d) => d.id).sort();
    expect(committed()).toEqual(ids);
    await expect(engine.bulkLoad(async () => {
      await engine.upsert([{ ...docs[0]!, id: 'written-then-failed' }]);
      throw new Error('disk full');
    })).rejects.toThrow('disk full');
    expect(committed()).toEqual(ids);
    // Outside a bulk load, each upsert commits on its own again.
    await engine.upsert([{ ...docs[0]!, id: 'after' }]);
    expect(committed()).toContain('after');
    await engine.close();
  });

  it('commits a bulk load each time a chunk of text is written, and rolls back only its open chunk', () => {
    const path = join(tempDir(), 'search.sqlite');
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    ensureSchema(db);
    const [first, second, third] = fixtureDocuments().map(writableOf);
    const chars = (p: typeof first) => p!.unitChars;
    // A chunk ends once the first two documents are written.
    const writer = new SqliteWriter(db, tableSet(0), chars(first) + chars(second));
    const committed = () => {
      const reader = new Database(path, { readonly: true });
      const n = reader.prepare('SELECT count(*) FROM docs').pluck().get();
      reader.close();
      return n;
    };
    writer.beginBulk();
    writer.write([first!]);
    expect(committed()).toBe(0);
    writer.write([second!]);
    expect(committed()).toBe(2);
    writer.write([third!]);
    expect(committed()).toBe(2);
    writer.endBulk(false);
    expect(committed()).toBe(2);

    // A batch that fails takes the open transaction with it, and the load goes on in a new one.
    writer.beginBulk();
    writer.write([{ ...first!, id: 'before-failure' }]);
    const clash = { ...second!, id: 'clash', kindMasks: new Float64Array(MAX_UNITS_PER_DOC + 1) };
    // Too many units: refused when the document is written, after the batch's first document is.
    expect(() => writer.write([{ ...third!, id: 'in-failed-batch' }, clash])).toThrow(/at most/);
    expect(db.inTransaction).toBe(false);
    writer.write([{ ...third!, id: 'after-failure' }]);
    writer.endBulk(true);
    const reader = new Database(path, { readonly: true });
    expect(reader.prepare('SELECT id FROM docs ORDER BY n').pluck().all()).toEqual([first!.id, second!.id, 'after-failure']);
    reader.close();
    db.close();
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

  it('keeps a document\'s text once: snippets are cut from it at the units\' offsets, astral characters before them too', async () => {
    const dataDir = tempDir();
    const engine = new SqliteEngine({ dataDir });
    const rules = ownDocuments()[0]!;
    // 𠮷 is two UTF-16 units: every offset after it is off by one if the text is sliced by characters.
    const text = `𠮷${rules.text}`;
    const sections = rules.sections.map((s) => ({ ...s, start: s.start + 2, end: s.end + 2 }));
    const at = text.indexOf('双月协商座谈会');
    const finding = { id: 'f-own', clausePath: '一/(二)', type: 'requirement' as const, kind: 'meeting', modality: 'default' as const };
    await engine.upsert([{ ...rules, text, sections, findings: [
      { ...finding, sentence: '双月协商座谈会一般每两个月召开一次', start: at, end: at + 17 },
      // A finding whose sentence is not the text at its offsets (an entity's normalized form) keeps its own.
      { ...finding, id: 'f-other', sentence: '双月座谈会（规范名称）', start: at, end: at + 7 },
    ] }]);
    const clause = (await engine.search({ q: '座谈会' })).hits[0]!;
    expect(clause.snippet).toBe('(二)双月协商<mark>座谈会</mark>一般每两个月召开一次。');
    expect(text.slice(clause.start, clause.end)).toBe('(二)双月协商座谈会一般每两个月召开一次。');
    const found = await engine.search({ q: '座谈会', in: 'findings' });
    expect(found.hits.map((h) => h.snippet).sort()).toEqual(['双月<mark>座谈会</mark>（规范名称）', '双月协商<mark>座谈会</mark>一般每两个月召开一次']);
    await engine.close();
    const db = new Database(join(dataDir, 'search.sqlite'), { readonly: true });
    const { docs, unitExtras } = tableSet(0);
    expect(db.prepare(`SELECT text FROM ${unitExtras} WHERE text IS NOT NULL`).pluck().all()).toEqual(['双月座谈会（规范名称）']);
    // The searcher's document table comes from an index, never from rows among the texts' pages.
    expect(db.prepare(`EXPLAIN QUERY PLAN SELECT ${DOC_TABLE_COLUMNS} FROM ${docs}`).pluck(false).all()).toMatchObject([{ detail: `SCAN ${docs} USING COVERING INDEX ${docs}_facets` }]);
    db.close();
  });

  it('packs a document\'s units into one value and reads each unit\'s record back by ord', () => {
    const rules = ownDocuments()[0]!;
    const at = rules.text.indexOf('双月协商座谈会');
    const finding = { id: '9e1839c3aca58f17', clausePath: '一/(二)', type: 'requirement' as const, kind: 'meeting', modality: 'default' as const };
    const units = documentUnits({ ...rules, findings: [
      { ...finding, sentence: rules.text.slice(at, at + 17), start: at, end: at + 17 },
      { ...finding, id: 'f-other', sentence: rules.text.slice(at, at + 7), start: at, end: at + 7 },
      { ...finding, id: '0123456789abcdef', sentence: '双月座谈会（规范名称）', start: at, end: at + 7 },
    ] });
    const paths = [...new Set(units.map((u) => u.path))];
    const check = (text: string, shift: number) => {
      const moved = units.map((u) => ({ ...u, start: u.start + shift, end: u.end + shift }));
      const { units: packed, extras } = packUnits(moved, text, (p) => paths.indexOf(p));
      // The odd finding id and the sentence that is not the text: kept beside the records.
      expect(extras).toEqual([
        { ord: units.length - 2, text: null, findingId: 'f-other' },
        { ord: units.length - 1, text: '双月座谈会（规范名称）', findingId: '0123456789abcdef' },
      ]);
      expect(moved.map((_, ord) => unitRecord(packed, ord))).toEqual(moved.map((u, ord) => ({
        start: u.start, end: u.end, path: paths.indexOf(u.path),
        extra: ord >= units.length - 2, findingId: u.findingId !== null && ord < units.length - 2 ? u.findingId : null,
      })));
      expect(() => unitRecord(packed, units.length)).toThrow(RangeError);
    };
    check(rules.text, 0);
    // Offsets past 65,535: records four bytes a number.
    check('。'.repeat(70_000) + rules.text, 70_000);
    expect(() => packUnits(units.slice(1), rules.text, () => 0)).toThrow(/ord order/);
  });

  it('drops at a group\'s commit the texts the archive committed after they were written', async () => {
    const dataDir = tempDir();
    const engine = new SqliteEngine({ dataDir });
    const docs = ownDocuments();
    engine.writeGrouped(docs.map(writableOf));
    // own-rules, the one with 座谈会, is archived; the others are not.
    archiveOf(dataDir, docs.slice(0, 1)).close();
    engine.endGroup(true);
    const search = new Database(join(dataDir, 'search.sqlite'), { readonly: true });
    expect(search.prepare(`SELECT id FROM ${tableSet(0).docs} WHERE text IS NOT NULL ORDER BY n`).pluck().all()).toEqual(docs.slice(1).map((d) => d.id));
    search.close();
    expect((await engine.search({ q: '座谈会' })).hits[0]!.snippet).toBe('(二)双月协商<mark>座谈会</mark>一般每两个月召开一次。');
    await engine.close();
  });

  it('writes no text for what a group\'s archive will hold at its commit (committed first), and keeps the rest', async () => {
    const dataDir = tempDir();
    const engine = new SqliteEngine({ dataDir });
    const docs = ownDocuments();
    const [held, kept] = [docs.slice(0, -1), docs.at(-1)!];
    const asked: string[] = [];
    engine.writeGrouped(docs.map(writableOf), (batch) => {
      asked.push(...batch.map((d) => d.id));
      return new Set(held.map((d) => d.id));
    });
    // The archive's transaction commits first: then it holds the texts, and snippets are cut from them.
    archiveOf(dataDir, held).close();
    engine.endGroup(true);
    expect(asked).toEqual(docs.map((d) => d.id));
    const search = new Database(join(dataDir, 'search.sqlite'), { readonly: true });
    const t = tableSet(0);
    expect(search.prepare(`SELECT id FROM ${t.docs} WHERE text IS NOT NULL ORDER BY n`).pluck().all()).toEqual([kept.id]);
    // Never written: the dictionary is made of the one text kept, not of the first document's.
    const dictionary = search.prepare(`SELECT dictionary FROM ${t.textDictionary}`).pluck().all() as Buffer[];
    expect(dictionary.map((d) => d.toString('utf16le'))).toEqual([kept.text.slice(0, TEXT_DICTIONARY_CHARS)]);
    search.close();
    expect((await engine.search({ q: '座谈会' })).hits[0]!.snippet).toBe('(二)双月协商<mark>座谈会</mark>一般每两个月召开一次。');
    await engine.close();
  });

  it('cuts the snippets of a document the archive holds from the archive\'s text, keeps no copy, and shows none once the archive lacks it', async () => {
    const docs = fixtureDocuments();
    const query = { q: '协商', limit: 100 };
    const alone = new SqliteEngine({ dataDir: tempDir() });
    await alone.upsert(docs);
    const expected = await alone.search(query);
    await alone.close();
    expect(expected.hits.length).toBeGreaterThan(10);

    const dataDir = tempDir();
    const [held, changed] = [docs[0]!, docs[1]!];
    // Held with another length: not the text indexed, so the search file keeps its own.
    const archive = archiveOf(dataDir, [...docs.slice(2), held, { ...changed, text: `${changed.text}。` }]);
    const engine = new SqliteEngine({ dataDir });
    await engine.upsert(docs);
    expect(await engine.search(query)).toEqual(expected);
    const search = new Database(join(dataDir, 'search.sqlite'), { readonly: true });
    const { docs: table } = tableSet(0);
    expect(search.prepare(`SELECT id FROM ${table} WHERE text IS NOT NULL`).pluck().all()).toEqual([changed.id]);
    search.close();

    // Drift: the archive no longer holds a document the index has. Its hits stay, without a snippet.
    archive.prepare('DELETE FROM documents WHERE id = ?').run(held.id);
    archive.close();
    const drifted = await engine.search(query);
    expect(drifted.hits.some((h) => h.docId === held.id)).toBe(true);
    expect(drifted).toEqual({ ...expected, hits: expected.hits.map((h) => (h.docId === held.id ? { ...h, snippet: '' } : h)) });
    await engine.close();
  });

  it('reads a snippet across the text\'s stored chunks, an astral character split between two of them', async () => {
    const engine = new SqliteEngine({ dataDir: tempDir() });
    const rules = ownDocuments()[0]!;
    // The paragraph starts before the chunk boundary and 𠮷's two UTF-16 units sit on either side of it.
    const pad = '。'.repeat(TEXT_CHUNK - rules.text.length - 8);
    const line = '跨块协商会议𠮷定期召开。';
    const text = `${rules.text}${pad}\n${line}`;
    expect(text.indexOf('𠮷')).toBe(TEXT_CHUNK - 1);
    await engine.upsert([{ ...rules, text }]);
    const hits = (await engine.search({ q: '跨块协商' })).hits;
    expect(hits.map((h) => h.snippet)).toEqual(['<mark>跨块协商</mark>会议𠮷定期召开。']);
    expect(text.slice(hits[0]!.start, hits[0]!.end)).toBe(line);
    await engine.close();
  });

  it('deflates the text chunks with a dictionary, the first text written, until the index is emptied', async () => {
    const dataDir = tempDir();
    const engine = new SqliteEngine({ dataDir });
    const [first, second] = fixtureDocuments();
    await engine.upsert([first!]);
    await engine.upsert([second!]);
    const db = new Database(join(dataDir, 'search.sqlite'), { readonly: true });
    const t = tableSet(0);
    const stored = () => db.prepare(`SELECT dictionary FROM ${t.textDictionary}`).pluck().all() as Buffer[];
    expect(stored().map((d) => d.toString('utf16le'))).toEqual([first!.text.slice(0, TEXT_DICTIONARY_CHARS)]);
    // The second document's chunks need it: without, they do not inflate to its text.
    const { text, textEnds } = db.prepare(`SELECT text, text_ends AS textEnds FROM ${t.docs} WHERE id = ?`).get(second!.id) as { text: Buffer; textEnds: Buffer };
    const chunk = text.subarray(0, textEnds.readUInt32LE(0));
    expect(unpackChunk(chunk, stored()[0]!)).toBe(second!.text.slice(0, TEXT_CHUNK));
    expect(() => unpackChunk(chunk, null)).toThrow();
    const q = /\p{Script=Han}{4}/u.exec(second!.text.slice(TEXT_CHUNK))![0];
    const [clause] = (await engine.search({ q, in: 'documents' })).hits.filter((h) => h.docId === second!.id);
    expect(clause?.snippet).toContain(`<mark>${q}</mark>`);

    await engine.clear();
    await engine.upsert([second!]);
    expect(stored().map((d) => d.toString('utf16le'))).toEqual([second!.text.slice(0, TEXT_DICTIONARY_CHARS)]);
    expect((await engine.search({ q, in: 'documents' })).hits.map((h) => h.snippet)).toEqual([clause!.snippet]);
    db.close();
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

describe('sqlite rebuild beside the live index', () => {
  /** Tables of the file, by name, without FTS5's shadow tables. */
  const tables = (dataDir: string): string[] => {
    const db = new Database(join(dataDir, 'search.sqlite'), { readonly: true });
    const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'docs*' ORDER BY name").pluck().all() as string[];
    db.close();
    return names;
  };

  it('answers searches from the old index until one swap, and writes again what others wrote meanwhile', async () => {
    const dataDir = tempDir();
    const docs = fixtureDocuments();
    const byId = new Map(docs.map((d) => [d.id, d]));
    const rebuilder = new SqliteEngine({ dataDir });
    // Another connection, as `wenshi serve` or an ingest in another process has.
    const other = new SqliteEngine({ dataDir });
    await rebuilder.upsert(docs);
    const ids = async (q: string) => (await allHits(other, { q })).map((h) => `${h.docId}@${h.start}`).sort();
    const before = await ids('专题协商会');
    expect(before.length).toBeGreaterThan(0);
    const late = { ...byId.get('own-html')!, id: 'written-meanwhile', text: '重建期间写入的新内容。' };
    byId.set(late.id, late);
    const replayed: string[] = [];
    await rebuilder.rebuild(async () => {
      await rebuilder.upsert(docs.slice(0, 1));
      // Half built: readers still see the whole old index, and nothing of the new one.
      expect(await ids('专题协商会')).toEqual(before);
      expect((await other.stats()).documents).toBe(docs.length);
      await other.upsert([late]);
      expect((await other.search({ q: '重建期间' })).total).toBe(1);
      await rebuilder.upsert(docs.slice(1));
    }, async (written) => {
      replayed.push(...written);
      await rebuilder.upsert(written.map((id) => byId.get(id)!));
    });
    expect(replayed).toEqual([late.id]);
    expect(await ids('专题协商会')).toEqual(before);
    expect((await other.search({ q: '重建期间' })).hits.map((h) => h.docId)).toEqual([late.id]);
    expect((await other.stats()).documents).toBe(docs.length + 1);
    // The old generation's tables are gone; writes after the swap go to the new one.
    expect(tables(dataDir)).toEqual(['docs_g1']);
    await other.upsert([{ ...late, text: '交换之后再次更新。' }]);
    expect((await rebuilder.search({ q: '交换之后' })).total).toBe(1);
    await Promise.all([rebuilder.close(), other.close()]);
  });

  it('leaves the live index as it was when the load fails, and a second rebuild works', async () => {
    const dataDir = tempDir();
    const docs = fixtureDocuments();
    const engine = new SqliteEngine({ dataDir });
    await engine.upsert(docs);
    const before = await engine.search({ q: '政协', limit: 100 });
    await expect(engine.rebuild(async () => {
      await engine.upsert(docs.slice(0, 1));
      throw new Error('disk full');
    }, async () => {})).rejects.toThrow('disk full');
    expect(await engine.search({ q: '政协', limit: 100 })).toEqual(before);
    expect(tables(dataDir)).toEqual(['docs']);
    await engine.rebuild(() => engine.upsert(docs.slice(0, 1)), async () => {});
    expect((await engine.stats()).documents).toBe(1);
    expect(tables(dataDir)).toEqual(['docs_g1']);
    await engine.close();
  });
});
