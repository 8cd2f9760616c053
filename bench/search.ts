/**
 * Search benchmark (SQLite engine): a generated corpus of ≥ 100,000 clauses recombined from
 * seed sentences; indexing throughput (segmentation included), query latency p50/p95 per query
 * class next to a plain `LIKE` scan of the same clause texts in the same run, index size, and
 * what the recall guarantee (the bigram columns) costs and buys. Prints figures; never fails.
 * @module
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { cut } from '../pipeline/segment/index.js';
import { fold } from '../pipeline/search/fold.js';
import { parseQuery, SqliteEngine } from '../pipeline/search/index.js';
import { matchPlan } from '../pipeline/search/sqlite/match.js';
import { unitId } from '../pipeline/search/sqlite/schema.js';
import { bigramStream, wordStream } from '../pipeline/search/sqlite/streams.js';
import type { IndexDocument } from '../pipeline/search/types.js';
import { documentUnits } from '../pipeline/search/units.js';
import { twoAtATime } from '../pipeline/indexing.js';
import { DOC_TYPES, LEVELS, type Section } from '../pipeline/types.js';
import { uniform as prng } from '../pipeline/prng.js';
import { seedParagraphs } from './corpus.js';

const CLAUSES = 100_000;
const CLAUSES_PER_DOC = 20;
const BATCH_DOCS = 250;
const QUERIES_PER_CLASS = 200;
const LIKE_QUERIES_PER_CLASS = 20;
const RECALL_SAMPLES = 1000;

export const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

export function seedSentences(): string[] {
  return seedParagraphs()
    .flatMap((p) => p.split(/(?<=[。；！？])/))
    .map((s) => s.trim())
    .filter((s) => (s.match(/\p{Script=Han}/gu)?.length ?? 0) >= 6);
}

/** Documents of CLAUSES_PER_DOC numbered clauses, each clause 1–3 random seed sentences. */
export function generateDocuments(sentences: readonly string[], clauses: number, rand: () => number): IndexDocument[] {
  const regions = ['柳州', '融水', '南宁', '桂林', null];
  const issuers = ['区委', '县委', '区政协', '县政协常委会', null];
  return Array.from({ length: Math.ceil(clauses / CLAUSES_PER_DOC) }, (_, i) => {
    let text = '';
    const sections: Section[] = [];
    for (let k = 1; k <= CLAUSES_PER_DOC; k++) {
      const body = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(rand, sentences)).join('');
      const start = text.length;
      text += `${k}.${body}`;
      sections.push({ path: String(k), label: `${k}.`, heading: body.split('。')[0]!.slice(0, 30), kind: 'clause', depth: 1, start, end: text.length });
      text += '\n';
    }
    const year = 2010 + Math.floor(rand() * 14);
    return {
      id: `bench-${i}`, title: `关于第${i + 1}号事项的实施意见`, type: pick(rand, DOC_TYPES), level: pick(rand, LEVELS),
      region: pick(rand, regions), issuer: pick(rand, issuers), year, date: `${year}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 10)}`,
      // Every other document numbered, each number its own facet value (no draw: the documents stay those of earlier runs).
      docNumber: i % 2 === 0 ? `国发〔${year}〕${i + 1}号` : null,
      text: text.slice(0, -1), sections,
    };
  });
}

export interface QueryCase {
  q: string;
  /** Literal strings every hit contains, for the LIKE baseline. */
  like: string[];
}

/** A word of two or more Han characters: what query words are drawn from. */
export const isHanWord = (w: string): boolean => w.length >= 2 && /^\p{Script=Han}+$/u.test(w);

export const hanWords = (s: string): string[] => [...new Set(cut(s).filter(isHanWord))];

/** `count` queries of n words drawn from one sentence each, so the words occur together in real text. */
export function wordQueries(nextSentence: () => string, n: number, count: number, rand: () => number): QueryCase[] {
  const out: QueryCase[] = [];
  while (out.length < count) {
    const words = hanWords(nextSentence());
    if (words.length < n) continue;
    const chosen = words.sort(() => rand() - 0.5).slice(0, n);
    out.push({ q: chosen.join(' '), like: chosen });
  }
  return out;
}

/** `count` quoted phrases: 4–8 characters of a Han run of a sentence. */
export function phraseQueries(nextSentence: () => string, count: number, rand: () => number): QueryCase[] {
  return Array.from({ length: count }, () => {
    const runs = nextSentence().match(/\p{Script=Han}{4,}/gu) ?? ['政协委员'];
    const run = pick(rand, runs);
    const len = 4 + Math.floor(rand() * Math.min(5, run.length - 3));
    const at = Math.floor(rand() * (run.length - len + 1));
    return { q: `"${run.slice(at, at + len)}"`, like: [run.slice(at, at + len)] };
  });
}

function queryClasses(sentences: readonly string[], rand: () => number): Record<string, QueryCase[]> {
  const vocabulary = [...new Set(sentences.flatMap(hanWords))];
  const nextSentence = () => pick(rand, sentences);
  const nTerms = (n: number) => wordQueries(nextSentence, n, QUERIES_PER_CLASS, rand);
  const phrases = phraseQueries(nextSentence, QUERIES_PER_CLASS, rand);
  return {
    '1 term (random word)': Array.from({ length: QUERIES_PER_CLASS }, () => {
      const w = pick(rand, vocabulary);
      return { q: w, like: [w] };
    }),
    '1 term, frequent (4 queries: 政协…)': ['政协', '委员', '协商', '工作'].map((w) => ({ q: w, like: [w] })),
    '2 terms': nTerms(2),
    '3 terms': nTerms(3),
    'phrase (4-8 chars, quoted)': phrases,
  };
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Wall and CPU milliseconds of each call, each list sorted. */
export async function timeAll<T>(items: readonly T[], fn: (t: T) => unknown): Promise<{ wall: number[]; cpu: number[] }> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const item of items) {
    const c0 = cpuMs();
    const t0 = performance.now();
    await fn(item);
    wall.push(performance.now() - t0);
    cpu.push(cpuMs() - c0);
  }
  return { wall: wall.sort((a, b) => a - b), cpu: cpu.sort((a, b) => a - b) };
}

const mb = (bytes: number) => bytes / 1024 / 1024;
const fmt = (n: number, digits = 1) => n.toFixed(digits);

export function fileSize(path: string): number {
  let size = 0;
  for (const suffix of ['', '-wal']) {
    try {
      size += statSync(path + suffix).size;
    } catch {
      // No WAL.
    }
  }
  return size;
}

/** Builds one FTS5 table from the given streams of every unit, to cost a column set alone (CPU seconds, bytes). */
function costColumns(dir: string, name: string, docs: readonly IndexDocument[], streams: readonly ((s: string) => string)[]): { seconds: number; bytes: number } {
  const path = join(dir, `${name}.sqlite`);
  const db = new Database(path);
  const cols = streams.map((_, i) => `c${i}`);
  // The engine's tokenizer: the streams come already split into tokens (streams.ts).
  db.exec(`CREATE VIRTUAL TABLE f USING fts5(${cols.join(', ')}, content='', contentless_delete=1, tokenize='ascii')`);
  const insert = db.prepare(`INSERT INTO f (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
  const c0 = cpuMs();
  for (let i = 0; i < docs.length; i += BATCH_DOCS) {
    const rows = docs.slice(i, i + BATCH_DOCS).flatMap((d) => documentUnits(d).map((u) => streams.map((s) => s(fold(u.text)))));
    db.transaction(() => rows.forEach((r) => insert.run(...r)))();
  }
  const seconds = (cpuMs() - c0) / 1000;
  db.close();
  return { seconds, bytes: fileSize(path) };
}

/**
 * Recall on random 2–12 character substrings of clauses: a jieba-words-only match (the query cut
 * precisely, words ANDed on the word columns) against the engine's own match expression.
 */
async function recallCheck(dir: string, sentences: readonly string[]): Promise<void> {
  const rand = prng(7);
  const dataDir = join(dir, 'recall');
  const docs = generateDocuments(sentences, 20_000, rand);
  const engine = new SqliteEngine({ dataDir });
  await engine.upsert(docs);
  await engine.close();
  const db = new Database(join(dataDir, 'search.sqlite'), { readonly: true });
  const docNumber = db.prepare('SELECT n FROM docs WHERE id = ?').pluck();
  const matches = db.prepare('SELECT count(*) FROM units_fts WHERE units_fts MATCH ? AND rowid = ?').pluck();
  const units = docs.flatMap((d) => documentUnits(d).map((u) => ({ d, u })));
  let wordMiss = 0;
  let engineMiss = 0;
  for (let i = 0; i < RECALL_SAMPLES; i++) {
    const { d, u } = pick(rand, units);
    const run = pick(rand, u.text.match(/\p{Script=Han}{2,}/gu)!);
    const len = 2 + Math.floor(rand() * (Math.min(12, run.length) - 1));
    const at = Math.floor(rand() * (run.length - len + 1));
    const q = run.slice(at, at + len);
    // A BigInt: FTS5 mishandles `rowid = ?` bound as a JS number (a REAL) next to MATCH.
    const rowid = BigInt(unitId(docNumber.get(d.id) as number, u.ord, 0));
    const words = cut(fold(q)).filter((w) => /[\p{L}\p{N}]/u.test(w)).map((w) => `"${w}"`);
    if (matches.get(`{t h b} : (${words.join(' AND ')})`, rowid) !== 1) wordMiss++;
    if (matches.get(matchPlan(parseQuery(q)).match, rowid) !== 1) engineMiss++;
  }
  db.close();
  console.log(`\nrecall on ${RECALL_SAMPLES} random 2–12 character substrings of 20,000 generated clauses (each checked against its own clause):`);
  console.log(`  jieba words only (query cut precisely, words ANDed): ${RECALL_SAMPLES - wordMiss}/${RECALL_SAMPLES} (${wordMiss} missed)`);
  console.log(`  engine (bigram phrases):                             ${RECALL_SAMPLES - engineMiss}/${RECALL_SAMPLES} (${engineMiss} missed)`);
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'wenshi-bench-search-'));
  try {
    const sentences = seedSentences();
    const docs = generateDocuments(sentences, CLAUSES, prng(42));
    const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d.text) + Buffer.byteLength(d.title), 0);
    console.log(`corpus: ${docs.length} documents, ${docs.length * CLAUSES_PER_DOC} clauses, ${fmt(mb(bytes))} MiB of text, recombined from ${sentences.length} seed sentences (each sentence recurs ~${fmt((docs.length * CLAUSES_PER_DOC * 2) / sentences.length, 0)} times, so match sets are far larger than in real text)`);
    console.log(`machine: ${availableParallelism()} cores, load average ${loadavg().map((l) => fmt(l)).join(' ')} (wall times below include waiting for the CPU; CPU times do not)`);

    let engine = new SqliteEngine({ dataDir: dir });
    await engine.ensureIndex();
    const batches: IndexDocument[][] = [];
    for (let i = 0; i < docs.length; i += BATCH_DOCS) batches.push(docs.slice(i, i + BATCH_DOCS));
    const c0 = cpuMs();
    const t0 = performance.now();
    // As `wenshi reindex` loads: two batches in flight (one segmented on the engine's segmentation
    // thread while the other is written), in one transaction whose commit, timed in, writes FTS5's postings.
    await engine.bulkLoad(() => twoAtATime(batches, (batch) => engine.upsert(batch)));
    const indexSeconds = (performance.now() - t0) / 1000;
    const indexCpu = (cpuMs() - c0) / 1000;
    console.log(`indexing: ${fmt(indexSeconds)} s wall, ${fmt(indexCpu)} s CPU (both threads) → ${fmt(mb(bytes) / indexSeconds, 2)} MiB/s wall, ${fmt(mb(bytes) / indexCpu, 2)} MiB/s per CPU second (segmentation, folding, bigrams, SQLite writes and commit; target ≥ 5 MB/s, i.e. 4.77 MiB/s)`);
    const s0 = cpuMs();
    for (const d of docs.slice(0, 500)) for (const u of documentUnits(d)) wordStream(fold(u.text));
    console.log(`  of which jieba search-mode segmentation of the clause text: ~${fmt(((cpuMs() - s0) / 1000) * (docs.length / 500) / indexCpu * 100, 0)}% of the CPU time`);
    await engine.close();

    const path = join(dir, 'search.sqlite');
    const db = new Database(path, { readonly: true });
    const tables = db.prepare(`SELECT CASE WHEN name LIKE 'units_fts%' THEN 'FTS5 words + bigrams' WHEN name = 'units' THEN 'units (offsets)' ELSE 'documents (with their text), finding kinds' END AS part, sum(pgsize) AS bytes FROM dbstat GROUP BY part ORDER BY bytes DESC`).all() as { part: string; bytes: number }[];
    const size = fileSize(path);
    console.log(`index size on disk: ${fmt(mb(size))} MiB = ${fmt(size / bytes, 2)}× the text (${tables.map((t) => `${t.part} ${fmt(mb(t.bytes))} MiB`).join(', ')})`);

    // The LIKE anchor's table: the index keeps each document's text once, as UTF-16, which LIKE cannot read.
    const likeDb = new Database(':memory:');
    likeDb.exec('CREATE TABLE units (id INTEGER PRIMARY KEY, text TEXT NOT NULL)');
    const insertText = likeDb.prepare('INSERT INTO units (id, text) VALUES (?, ?)');
    let clauseId = 0;
    likeDb.transaction(() => {
      for (const d of docs) for (const u of documentUnits(d)) if (u.kind === 'clause') insertText.run(clauseId++, u.text);
    })();
    engine = new SqliteEngine({ dataDir: dir });
    const classes = queryClasses(sentences, prng(99));
    await timeAll(classes['2 terms']!.slice(0, 30), (c) => engine.search({ q: c.q }));
    const likeP50 = new Map<string, number>();
    console.log('\nquery latency, ms: engine.search (match, total, facets, bm25 top 10 with snippets) vs a LIKE scan of the same clause texts');
    console.log(`  ${'class'.padEnd(38)} ${'engine p50 / p95 wall'.padStart(22)} ${'p50 / p95 CPU'.padStart(16)}   ${'LIKE p50 / p95 wall'.padStart(20)}   p50 ratio   mean matches`);
    for (const [name, cases] of Object.entries(classes)) {
      let matches = 0;
      const e = await timeAll(cases, async (c) => {
        matches += (await engine.search({ q: c.q })).total;
      });
      const like = await timeAll(cases.slice(0, LIKE_QUERIES_PER_CLASS), (c) =>
        likeDb.prepare(`SELECT id FROM units WHERE 1 ${c.like.map(() => 'AND text LIKE ?').join(' ')}`).all(...c.like.map((w) => `%${w}%`)));
      likeP50.set(name, percentile(like.wall, 50));
      const pair = (xs: number[], d: number) => `${fmt(percentile(xs, 50), d)} / ${fmt(percentile(xs, 95), d)}`;
      console.log(`  ${name.padEnd(38)} ${pair(e.wall, 2).padStart(22)} ${pair(e.cpu, 2).padStart(16)}   ${pair(like.wall, 1).padStart(20)}   ${fmt(percentile(like.wall, 50) / percentile(e.wall, 50), 0).padStart(7)}×   ${fmt(matches / cases.length, 0).padStart(12)}`);
    }
    console.log('\n  the same match in SQL alone, CPU ms p50 / p95: count + bm25 top 10 on the bigram phrases (as the engine) vs on jieba words alone;');
    console.log('  then what the engine\'s match costs before any ranking (count alone: the LIKE p50 over it bounds the ratio any ranking could reach)');
    console.log('  and what bm25() costs before it scores a row (its pass over every phrase\'s matches for IDF, timed on one matched row):');
    const count = db.prepare('SELECT count(*) FROM units_fts WHERE units_fts MATCH ?').pluck();
    const top = db.prepare('SELECT rowid, bm25(units_fts) AS s FROM units_fts WHERE units_fts MATCH ? ORDER BY s LIMIT 10');
    const firstMatch = db.prepare('SELECT rowid FROM units_fts WHERE units_fts MATCH ? LIMIT 1').safeIntegers().pluck();
    const scoreOne = db.prepare('SELECT bm25(units_fts) FROM units_fts WHERE units_fts MATCH ? AND rowid = ?').pluck();
    for (const [name, cases] of Object.entries(classes)) {
      const exprs = cases.map((c) => ({
        engine: matchPlan(parseQuery(c.q)).match!,
        words: `{t h b} : (${c.like.flatMap((l) => cut(fold(l))).filter((w) => /[\p{L}\p{N}]/u.test(w)).map((w) => `"${w}"`).join(' AND ')})`,
      }));
      const run = (key: 'engine' | 'words') => timeAll(exprs, (e) => [count.get(e[key]), top.all(e[key])]);
      const [bigram, word] = [await run('engine'), await run('words')];
      const matchOnly = await timeAll(exprs, (e) => count.get(e.engine));
      const firsts = exprs.flatMap((e) => {
        const rowid = firstMatch.get(e.engine) as bigint | undefined;
        return rowid === undefined ? [] : [{ expr: e.engine, rowid }];
      });
      const setup = await timeAll(firsts, (f) => scoreOne.get(f.expr, f.rowid));
      const pair = (xs: number[]) => `${fmt(percentile(xs, 50), 2)} / ${fmt(percentile(xs, 95), 2)}`;
      const bound = likeP50.get(name)! / percentile(matchOnly.cpu, 50);
      console.log(`  ${name.padEnd(38)} bigrams ${pair(bigram.cpu).padStart(14)}   words only ${pair(word.cpu).padStart(14)}   count alone ${pair(matchOnly.cpu).padStart(12)} (≤ ${fmt(bound, 0)}×)   bm25 set-up ${pair(setup.cpu).padStart(12)}`);
    }
    db.close();
    likeDb.close();
    await engine.close();

    console.log('\ncost of the recall guarantee: each column set alone over the same 100,000 clauses (stream building + FTS5 insert)');
    const words = costColumns(dir, 'words', docs, [wordStream]);
    const grams = costColumns(dir, 'bigrams', docs, [bigramStream]);
    console.log(`  jieba words: ${fmt(words.seconds)} CPU s, ${fmt(mb(words.bytes))} MiB;  bigrams: ${fmt(grams.seconds)} CPU s, ${fmt(mb(grams.bytes))} MiB (bigrams are ${fmt((grams.bytes / words.bytes) * 100, 0)}% of the words' size)`);
    await recallCheck(dir, sentences);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
