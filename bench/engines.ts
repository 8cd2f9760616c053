/**
 * Issue 18 asks that an embedded engine from npm with prebuilt binaries be weighed against FTS5 on
 * the scale corpus. This puts the index rows of a kept scale data folder (`WENSHI_SCALE_DATA=<dir>
 * npm run bench -- scale` leaves one) into LanceDB (`@lancedb/lancedb`, Rust, a BM25 inverted index
 * in compressed posting blocks): the same five token streams per unit (see schema.ts), each an FTS index
 * on the whitespace tokenizer, a unit matching a term by its bigram phrase (literal recall) and
 * ranked by it and its jieba word with FTS5's column weights as boosts. It prints, side by side:
 * build CPU and size against an FTS5 table of the same rows, and per query class of the scale bench
 * the top-10 wall time against FTS5 ranking every match with bm25() (both over every unit, clauses
 * and findings) and against wenshi's engine (clauses, top lists on, its total and facets included),
 * plus what an exact total costs in each. LanceDB is installed into bench/engines/ on the
 * first run (pinned in its lockfile); it is never a dependency of wenshi.
 * @module
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { REINDEX_BUDGET, storedIndexDocuments } from '../pipeline/indexing.js';
import type { Alternative } from '../pipeline/search/config.js';
import { parseQuery, SqliteEngine, type SearchFilters } from '../pipeline/search/index.js';
import { matchPlan } from '../pipeline/search/sqlite/match.js';
import { FTS_COLUMNS, liveGeneration, tableSet } from '../pipeline/search/sqlite/schema.js';
import { BM25_WEIGHTS, COLUMN_WEIGHTS as WEIGHTS } from '../pipeline/search/sqlite/search.js';
import { literalPhrase, wordPhrase } from '../pipeline/search/sqlite/streams.js';
import { prepareDoc, unitColumns } from '../pipeline/search/sqlite/write.js';
import { cut } from '../pipeline/segment/index.js';
import { Archive } from '../pipeline/store/archive.js';
import { folderSize, scaleFraction, scaleQueryClasses } from './scale.js';
import { percentile, timeAll } from './search.js';

const HERE = fileURLToPath(new URL('./engines/', import.meta.url));
const ENTRY = join(HERE, 'node_modules/@lancedb/lancedb/dist/index.js');
const WORD_COLUMNS = ['t', 'h', 'b'] as const;
const BIGRAM_COLUMNS = ['bt', 'bb'] as const;

/** The part of LanceDB's API used here (its types live in bench/engines/, which tsc does not see). */
interface FtsQuery { readonly inner: unknown }
interface LanceQuery {
  fullTextSearch(q: FtsQuery): LanceQuery;
  where(sql: string): LanceQuery;
  select(columns: string[]): LanceQuery;
  limit(n: number): LanceQuery;
  toArray(): Promise<{ id: number }[]>;
}
interface LanceTable { createIndex(column: string, opts: { config: unknown }): Promise<void>; query(): LanceQuery }
interface Lance {
  connect(uri: string): Promise<{ createTable(name: string, rows: Record<string, unknown>[]): Promise<LanceTable> }>;
  Index: { fts(options: object): unknown };
  MatchQuery: new (query: string, column: string, options?: { boost?: number }) => FtsQuery;
  PhraseQuery: new (query: string, column: string) => FtsQuery;
  BooleanQuery: new (queries: [unknown, FtsQuery][]) => FtsQuery;
  Occur: { Must: unknown; Should: unknown };
}

async function loadLance(): Promise<Lance> {
  if (!existsSync(ENTRY)) {
    console.log('installing LanceDB into bench/engines/ (first run, pinned by its lockfile) …');
    execFileSync('npm', ['install', '--omit=optional', '--no-save', '--no-audit', '--no-fund'], { cwd: HERE, stdio: 'inherit' });
  }
  return (await import(pathToFileURL(ENTRY).href)) as Lance;
}

const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};

/** A phrase's tokens as LanceDB takes them (the FTS5 phrase's, unquoted); null for a prefix phrase, which LanceDB cannot search. */
function tokens(phrase: string | null): string | null {
  if (phrase === null || phrase.endsWith('*')) return null;
  return phrase.slice(1, -1);
}

/** What a required term matches: any alternative's bigram phrase; its jieba word only ranks. */
function termQuery(L: Lance, text: string, alts: readonly Alternative[]): FtsQuery | null {
  const should: [unknown, FtsQuery][] = [];
  for (const alt of alts) {
    const lit = alt.parts.length === 1 ? tokens(literalPhrase(alt.parts[0]!)) : null;
    if (lit === null) return null;
    for (const c of BIGRAM_COLUMNS) should.push([L.Occur.Should, new L.PhraseQuery(lit, c)]);
  }
  const words = cut(text);
  const word = words.length === 1 && [...text].length >= 2 ? tokens(wordPhrase(text)) : null;
  if (word !== null) for (const c of WORD_COLUMNS) should.push([L.Occur.Should, new L.MatchQuery(word, c, { boost: WEIGHTS[c] })]);
  return new L.BooleanQuery(should);
}

/** Its jieba word alone (no literal recall): LanceDB's best case, words only, the query a top-k inverted index is built for. */
function wordQuery(L: Lance, text: string): FtsQuery | null {
  const word = tokens(wordPhrase(text));
  return word === null ? null : new L.BooleanQuery(WORD_COLUMNS.map((c) => [L.Occur.Should, new L.MatchQuery(word, c, { boost: WEIGHTS[c] })]));
}

function lanceQuery(L: Lance, q: string, wordsOnly = false): FtsQuery | null {
  const parsed = parseQuery(q);
  if (parsed.excluded.length > 0) return null;
  const terms = parsed.required.map((t) => (wordsOnly ? (t.quoted ? null : wordQuery(L, t.text)) : termQuery(L, t.text, t.alts)));
  if (terms.some((t) => t === null)) return null;
  return terms.length === 1 ? terms[0]! : new L.BooleanQuery(terms.map((t) => [L.Occur.Must, t!]));
}

const sqlFilter = (f: SearchFilters | undefined) =>
  f ? Object.entries(f).map(([k, v]) => `${k} = '${String(v)}'`).join(' AND ') : null;

export async function run(): Promise<void> {
  const data = process.env.WENSHI_SCALE_DATA;
  if (!data || !existsSync(join(data, 'search.sqlite'))) {
    console.log('no kept scale data folder: skipped (WENSHI_SCALE_DATA=<folder> npm run bench -- scale makes one, then run this with the same variable)');
    return;
  }
  const L = await loadLance();
  const archive = new Archive(data);
  const rows: Record<string, unknown>[] = [];
  let bytes = 0;
  let docs = 0;
  for (const batch of archive.documentBatches(REINDEX_BUDGET)) {
    for (const doc of storedIndexDocuments(archive, batch)) {
      bytes += Buffer.byteLength(doc.text);
      docs += 1;
      const p = prepareDoc(doc);
      for (const u of p.units) rows.push({ id: rows.length, type: doc.type, level: doc.level, ...unitColumns(p, u) });
    }
  }
  archive.close();
  const mb = bytes / 1e6;
  console.log(`${docs} documents, ${rows.length} units, ${mb.toFixed(1)} MB of text (UTF-8), from ${data}`);

  const work = mkdtempSync(join(tmpdir(), 'wenshi-bench-engines-'));
  const fts5 = join(work, 'fts5.sqlite');
  try {
    // Build: the same rows into an FTS5 table as wenshi's (contentless, ascii tokenizer) and into LanceDB.
    const db = new Database(fts5);
    let c0 = process.cpuUsage();
    let t0 = performance.now();
    db.exec(`CREATE VIRTUAL TABLE f USING fts5(${FTS_COLUMNS.join(', ')}, content = '', contentless_delete = 1, tokenize = 'ascii')`);
    const insert = db.prepare(`INSERT INTO f (rowid, ${FTS_COLUMNS.join(', ')}) VALUES (?, ${FTS_COLUMNS.map(() => '?').join(', ')})`);
    db.transaction(() => rows.forEach((r) => insert.run(r.id, ...FTS_COLUMNS.map((c) => r[c]))))();
    db.exec("INSERT INTO f (f) VALUES ('optimize')");
    db.close();
    const ftsBuild = { cpu: cpuSeconds(c0), wall: (performance.now() - t0) / 1000, size: folderSize(fts5) };
    c0 = process.cpuUsage();
    t0 = performance.now();
    const table = await (await L.connect(join(work, 'lance'))).createTable('units', rows);
    const options = { baseTokenizer: 'whitespace', lowercase: false, stem: false, removeStopWords: false, asciiFolding: false, maxTokenLength: 256 };
    for (const c of FTS_COLUMNS) await table.createIndex(c, { config: L.Index.fts({ ...options, withPosition: (BIGRAM_COLUMNS as readonly string[]).includes(c) }) });
    const lanceBuild = { cpu: cpuSeconds(c0), wall: (performance.now() - t0) / 1000, size: folderSize(join(work, 'lance')) };
    console.log('\n  build of the same rows          CPU s (all threads)   wall s   size on disk');
    for (const [name, b] of [['FTS5 (as wenshi, one transaction)', ftsBuild], ['LanceDB (table + 5 FTS indexes)', lanceBuild]] as const) {
      console.log(`  ${name.padEnd(34)} ${b.cpu.toFixed(1).padStart(8)} (${(mb / b.cpu).toFixed(2)} MB per CPU s) ${b.wall.toFixed(1).padStart(6)}   ${(b.size / 1e6).toFixed(1)} MB = ${(b.size / bytes).toFixed(2)}× the text`);
    }

    // Search: wenshi's live index as it is, FTS5's exhaustive bm25() over the engine's MATCH, LanceDB.
    const index = new Database(join(data, 'search.sqlite'), { readonly: true });
    const { fts } = tableSet(liveGeneration(index));
    const top = index.prepare(`SELECT rowid FROM ${fts} WHERE ${fts} MATCH ? ORDER BY bm25(${fts}, ${BM25_WEIGHTS}) LIMIT 10`).pluck();
    const count = index.prepare(`SELECT count(*) FROM ${fts} WHERE ${fts} MATCH ?`).pluck();
    const engine = new SqliteEngine({ dataDir: data });
    const pair = (xs: number[]) => `${percentile(xs, 50).toFixed(1)} / ${percentile(xs, 95).toFixed(1)}`;
    const lanceTop = (q: FtsQuery, filters?: SearchFilters, limit = 10) => {
      let query = table.query().fullTextSearch(q);
      const where = sqlFilter(filters);
      if (where) query = query.where(where);
      return query.select(['id', '_score']).limit(limit).toArray();
    };
    try {
      const classes = await scaleQueryClasses(scaleFraction());
      // Both warmed as the scale bench warms the engine: ten 2-word queries, which no class then repeats first.
      for (const c of classes['2 words']!.slice(0, 10)) {
        await engine.search({ q: c.q });
        await lanceTop(lanceQuery(L, c.q)!);
      }
      console.log('\n  top 10, ms wall p50 / p95       wenshi engine   FTS5 bm25 all   LanceDB top 10   words only   exact total: FTS5 count / LanceDB all ids   same matches');
      for (const [name, all] of Object.entries(classes)) {
        const cases = all.map((c) => ({ ...c, lance: lanceQuery(L, c.q), words: lanceQuery(L, c.q, true), match: matchPlan(parseQuery(c.q)).match })).filter((c) => c.lance !== null && c.match !== null);
        const e = await timeAll(cases, (c) => engine.search({ q: c.q, ...(c.filters ? { filters: c.filters } : {}) }));
        const f = cases.some((c) => c.filters) ? null : await timeAll(cases, (c) => top.all(c.match));
        const l = await timeAll(cases, (c) => lanceTop(c.lance!, c.filters));
        const w = await timeAll(cases.filter((c) => c.words !== null), (c) => lanceTop(c.words!, c.filters));
        const fc = await timeAll(cases, (c) => count.get(c.match));
        const counts = new Map(cases.map((c) => [c, count.get(c.match) as number]));
        let same = 0;
        const lc = await timeAll(cases, async (c) => {
          if ((await lanceTop(c.lance!, undefined, 10_000_000)).length === counts.get(c)) same += 1;
        });
        const skipped = all.length - cases.length;
        console.log(`  ${`${name} (${cases.length}${skipped ? `, ${skipped} not expressible` : ''})`.padEnd(32)} ${pair(e.wall).padStart(13)} ${(f ? pair(f.wall) : 'n/a (filters)').padStart(15)} ${pair(l.wall).padStart(16)} ${(w.wall.length ? pair(w.wall) : 'n/a (quoted)').padStart(14)}   ${pair(fc.wall).padStart(12)} / ${pair(lc.wall).padEnd(14)} ${same} of ${cases.length}`);
      }
    } finally {
      index.close();
      await engine.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
