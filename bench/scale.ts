/**
 * Scale bench on real text: a fraction of `../shared/corpus/scale/laws.jsonl.gz`
 * (`WENSHI_SCALE_FRACTION`, default 0.1; 1 for all 3,590 documents) written one file per document,
 * ingested by the real CLI, then searched. Each figure is printed beside its anchor from the same
 * run: raw jieba `cut` for ingest, a `LIKE` scan and a raw FTS5 count for search, `node -e 0` for
 * CLI start-up. Prints figures; never fails on time. The full run takes minutes, so it stays out of CI.
 * @module
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { uniform as prng } from '../pipeline/prng.js';
import { createEngine, parseQuery, SqliteEngine, type EngineStats, type SearchFilters, type SearchQuery, type SearchResult } from '../pipeline/search/index.js';
import { matchPlan } from '../pipeline/search/sqlite/match.js';
import { liveGeneration, LISTS_TABLE, tableSet } from '../pipeline/search/sqlite/schema.js';
import { cut } from '../pipeline/segment/index.js';
import { unpackText } from '../pipeline/store/packed-text.js';
import { SCALE_CORPUS, scaleRecords } from './eval-scale-titles.js';
import { fileSize, isHanWord, percentile, phraseQueries, pick, type QueryCase as WordsQuery, timeAll, wordQueries } from './search.js';

const CLI = fileURLToPath(new URL('../bin/wenshi.js', import.meta.url));
const USAGE_PRELOAD = fileURLToPath(new URL('./usage-on-exit.mjs', import.meta.url));
const QUERIES_PER_CLASS = 40;
const LIKE_QUERIES_PER_CLASS = 10;
const CLI_RUNS = 5;
const FILTERS: SearchFilters = { type: 'regulation', level: 'provincial' };
const AGREEMENT_QUERIES = 200;

export interface Doc {
  file: string;
  text: string;
}

interface QueryCase extends WordsQuery {
  filters?: SearchFilters;
}

const mb = (bytes: number): number => bytes / 1e6;
const fmt = (n: number, digits = 1): string => n.toFixed(digits);
const loads = (): string => loadavg().map((l) => fmt(l, 2)).join(' ');

export function scaleFraction(): number {
  const f = Number(process.env.WENSHI_SCALE_FRACTION ?? '0.1');
  if (!(f > 0 && f <= 1)) throw new Error(`WENSHI_SCALE_FRACTION must be in (0, 1], got ${process.env.WENSHI_SCALE_FRACTION}`);
  return f;
}

/** A file name that keeps the record's own name readable (classify may read it) and never collides. */
function fileName(index: number, id: string): string {
  const base = (id.split(/[:/]/).pop() ?? '').replace(/[^\p{L}\p{N}_-]/gu, '_').slice(0, 60);
  return `${String(index).padStart(4, '0')}-${base}.${id.startsWith('lawrefbook:') ? 'md' : 'txt'}`;
}

/**
 * Record i is taken when ⌊(i+1)·f⌋ > ⌊i·f⌋: exactly the fraction, spread evenly over the corpus's
 * categories (which come in blocks), and the same records on every run.
 */
export async function fractionDocs(fraction: number): Promise<Doc[]> {
  const docs: Doc[] = [];
  let i = 0;
  for await (const r of scaleRecords()) {
    if (Math.floor((i + 1) * fraction) > Math.floor(i * fraction)) docs.push({ file: fileName(i, r.id), text: r.text });
    i++;
  }
  return docs;
}

async function writeFraction(dir: string, fraction: number): Promise<Doc[]> {
  mkdirSync(dir, { recursive: true });
  const docs = await fractionDocs(fraction);
  for (const d of docs) writeFileSync(join(dir, d.file), d.text);
  return docs;
}

/** Counts each Han word of a document's words once in `df`. */
function addDocFrequencies(df: Map<string, number>, words: readonly string[]): void {
  for (const w of new Set(words)) if (isHanWord(w)) df.set(w, (df.get(w) ?? 0) + 1);
}

/** The query classes of this bench for a fraction of the corpus, without writing or ingesting it. */
export async function scaleQueryClasses(fraction: number): Promise<Record<string, QueryCase[]>> {
  const docs = await fractionDocs(fraction);
  const df = new Map<string, number>();
  for (const d of docs) addDocFrequencies(df, cut(d.text));
  return queryClasses(docs, df);
}

/** The environment of the CLI children: embedded mode and the given data folder only. */
function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { REDIS_URL: _r, MEILI_URL: _m, MEILI_API_KEY: _k, WENSHI_DATA: _d, ...env } = process.env;
  return { ...env, ...extra };
}

/** Raw jieba `cut` over every text (timed, wall and CPU), and each Han word's document frequency (untimed). */
function cutAnchor(docs: readonly Doc[]): { mbps: number; cpuMbps: number; df: Map<string, number> } {
  cut('预热分词词典');
  const df = new Map<string, number>();
  let ms = 0;
  let cpuMs = 0;
  for (const d of docs) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const words = cut(d.text);
    ms += performance.now() - t0;
    const c = process.cpuUsage(c0);
    cpuMs += (c.user + c.system) / 1000;
    addDocFrequencies(df, words);
  }
  const size = mb(textBytes(docs));
  return { mbps: size / (ms / 1000), cpuMbps: size / (cpuMs / 1000), df };
}

const textBytes = (docs: readonly Doc[]): number => docs.reduce((n, d) => n + Buffer.byteLength(d.text), 0);

/** A thread's seconds on a core, and runnable but waiting for one (see usage-on-exit.mjs). */
interface ThreadTimes {
  cpu: number;
  waiting: number;
}

/** The main thread (which writes), the busiest other (the content thread) and the rest; null where the system does not tell. */
type Threads = { main: ThreadTimes; busiest: ThreadTimes | null; rest: ThreadTimes & { count: number } } | null;

interface Usage {
  seconds: number;
  cpuSeconds: number;
  threads: Threads;
  rssMb: number;
}

interface IngestRun extends Usage {
  stored: number;
  failed: number;
}

/** A `wenshi` command as a child, with its JSON output and the peak RSS and CPU time the preload reports. */
function cliUsage(args: string[], work: string): Usage & { json: unknown } {
  const usageFile = join(work, `${args[0]}-usage.json`);
  const t0 = performance.now();
  const out = spawnSync(process.execPath, ['--import', USAGE_PRELOAD, CLI, ...args, '--json'], {
    env: cliEnv({ BENCH_USAGE_FILE: usageFile }), encoding: 'utf8', maxBuffer: 256e6,
  });
  const seconds = (performance.now() - t0) / 1000;
  if (out.status !== 0 && out.status !== 1) throw new Error(`wenshi ${args[0]} exited ${out.status}: ${out.stderr}`);
  const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { maxRssKb: number; cpuSeconds: number; threads: Threads };
  return { seconds, cpuSeconds: usage.cpuSeconds, threads: usage.threads, rssMb: usage.maxRssKb / 1024, json: JSON.parse(out.stdout) };
}

/** `wenshi ingest <dir> --data <data>`: its figures and what it stored. */
function ingest(input: string, data: string, work: string): IngestRun {
  const { json, ...run } = cliUsage(['ingest', input, '--data', data], work);
  const summary = json as { sources: number; failed: unknown[] };
  return { ...run, stored: summary.sources, failed: summary.failed.length };
}

/** Bytes of the files under a folder (or a file's own). */
export function folderSize(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.size;
  return readdirSync(path, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .reduce((n, e) => n + statSync(join(e.parentPath, e.name)).size, 0);
}

/** Words whose document frequency lies in [lo, hi], drawn without replacement. */
function wordsWithDf(df: Map<string, number>, lo: number, hi: number, n: number, rand: () => number): string[] {
  const pool = [...df].filter(([, c]) => c >= lo && c <= hi).map(([w]) => w).sort();
  return Array.from({ length: Math.min(n, pool.length) }, () => pool.splice(Math.floor(rand() * pool.length), 1)[0]!);
}

/** A sentence of a random document with at least six Han characters. */
function sentence(docs: readonly Doc[], rand: () => number): string {
  for (;;) {
    const candidates = pick(rand, docs).text.split(/(?<=[。；！？\n])/).filter((s) => (s.match(/\p{Script=Han}/gu)?.length ?? 0) >= 6);
    if (candidates.length) return pick(rand, candidates);
  }
}

/**
 * Query classes by document frequency in the ingested texts: frequent words are the most common
 * (应当, 人民政府, 管理 …), mid words occur in 1–5 % of the documents, rare words in 2 or 3.
 */
function queryClasses(docs: readonly Doc[], df: Map<string, number>): Record<string, QueryCase[]> {
  const rand = prng(18);
  const nextSentence = () => sentence(docs, rand);
  const single = (words: string[], filters?: SearchFilters): QueryCase[] => words.map((w) => ({ q: w, like: [w], ...(filters ? { filters } : {}) }));
  const frequent = [...df].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 20).map(([w]) => w);
  const n = docs.length;
  return {
    '1 word, frequent': single(frequent),
    '1 word, mid (df 1–5 %)': single(wordsWithDf(df, Math.max(2, Math.ceil(n * 0.01)), Math.max(3, Math.floor(n * 0.05)), QUERIES_PER_CLASS, rand)),
    '1 word, rare (df 2–3)': single(wordsWithDf(df, 2, 3, QUERIES_PER_CLASS, rand)),
    '2 words': wordQueries(nextSentence, 2, QUERIES_PER_CLASS, rand),
    '3 words': wordQueries(nextSentence, 3, QUERIES_PER_CLASS, rand),
    'phrase (4–8 chars)': phraseQueries(nextSentence, QUERIES_PER_CLASS, rand),
    'frequent + type, level': single(frequent, FILTERS),
  };
}

interface ClassRow {
  name: string;
  example: string;
  matches: number;
  engine: number[];
  engineCpu: number[];
  like: number[];
  fts: number[];
}

/** Searched before the classes are timed: a word, two words and a phrase. */
const WARM_UP_QUERIES = ['收购计划', '预算 审查', '"行政复议"'];

/** Engine in process vs its anchors, per class: wall ms, sorted. */
async function searchClasses(data: string, classes: Record<string, QueryCase[]>): Promise<{ rows: ClassRow[]; stats: EngineStats }> {
  const engine = createEngine({ dataDir: data });
  const archive = new Database(join(data, 'archive.sqlite'), { readonly: true });
  // The archive keeps texts packed: the scan unpacks each, as any scan of the archive's texts must.
  archive.function('unpacked', { deterministic: true }, (text) => unpackText(text as Buffer | string));
  const index = new Database(join(data, 'search.sqlite'), { readonly: true });
  // The live generation's table (a reindex makes a new one beside the old).
  const { fts } = tableSet(liveGeneration(index));
  const count = index.prepare(`SELECT count(*) FROM ${fts} WHERE ${fts} MATCH ?`).pluck();
  const rows: ClassRow[] = [];
  try {
    // The engine's first searches load the document table and prepare statements: paid by queries of no class,
    // so each measured query's search is its first (it makes no top list: TopLists.admit).
    for (const q of WARM_UP_QUERIES) await engine.search({ q });
    for (const [name, cases] of Object.entries(classes)) {
      let matches = 0;
      let slowest = { q: '', cpu: -1 };
      const e = await timeAll(cases, async (c) => {
        const c0 = process.cpuUsage();
        matches += (await engine.search({ q: c.q, ...(c.filters ? { filters: c.filters } : {}) })).total;
        const used = process.cpuUsage(c0);
        const cpu = (used.user + used.system) / 1000;
        if (cpu > slowest.cpu) slowest = { q: c.q, cpu };
      });
      const like = await timeAll(cases.slice(0, LIKE_QUERIES_PER_CLASS), (c) => {
        const filter = c.filters ? 'type = ? AND level = ? AND ' : '';
        const args = [...(c.filters ? [FILTERS.type, FILTERS.level] : []), ...c.like.map((w) => `%${w}%`)];
        return archive.prepare(`SELECT id FROM documents WHERE ${filter}${c.like.map(() => 'unpacked(text) LIKE ?').join(' AND ')}`).all(...args);
      });
      const fts = await timeAll(cases, (c) => count.get(matchPlan(parseQuery(c.q)).match));
      rows.push({ name, example: `${cases.slice(0, 3).map((c) => c.q).join(' / ')}; slowest ${slowest.q} (${fmt(slowest.cpu)} ms CPU)`, matches: matches / cases.length, engine: e.wall, engineCpu: e.cpu, like: like.wall, fts: fts.wall });
    }
    return { rows, stats: await engine.stats() };
  } finally {
    archive.close();
    index.close();
    await engine.close();
  }
}

/** Drops the stored top lists, then times making them again as a bulk load's end does. */
async function warmRow(data: string, bytes: number): Promise<void> {
  const db = new Database(join(data, 'search.sqlite'));
  db.exec(`DROP TABLE IF EXISTS ${LISTS_TABLE}`);
  const engine = new SqliteEngine({ dataDir: data });
  try {
    const t0 = performance.now();
    const words = await engine.warmTopLists();
    const seconds = (performance.now() - t0) / 1000;
    const size = db.prepare(`SELECT coalesce(sum(length(list)), 0) FROM ${LISTS_TABLE}`).pluck().get() as number;
    console.log(`  ${'top lists warmed'.padEnd(32)} ${words.length} lists (of the 64 most frequent body words by clauses and the 64 by documents, ${words.slice(0, 3).join(' / ')} …) in ${fmt(seconds)} s; ${fmt(mb(size))} MB = ${fmt(size / bytes, 3)}× the text`);
  } finally {
    await engine.close();
    db.close();
  }
}

/** The identity of a hit, to compare top 10s. */
const hitKey = (r: SearchResult): string[] => r.hits.map((h) => `${h.docId}@${h.start}-${h.end}`);

/** How far lists on agree with lists off (every match ranked) over `queries`, as a line of the report. */
async function agreement(on: SqliteEngine, off: SqliteEngine, queries: readonly SearchQuery[]): Promise<string> {
  let identical = 0;
  let overlap = 0;
  let sameTotals = 0;
  for (const query of queries) {
    // Twice: a query without a list makes one at its second search (TopLists.admit), which answers it.
    await on.search(query);
    const [a, b] = [await on.search(query), await off.search(query)];
    const [ka, kb] = [hitKey(a), hitKey(b)];
    if (ka.join() === kb.join()) identical++;
    overlap += kb.length === 0 ? 1 : ka.filter((k) => kb.includes(k)).length / kb.length;
    if (a.total === b.total && JSON.stringify(a.facets) === JSON.stringify(b.facets)) sameTotals++;
  }
  return `${queries.length} queries: ${identical} identical top 10s (ids and order), mean overlap ${fmt((100 * overlap) / queries.length)} %, ${sameTotals} with identical totals and facets`;
}

/**
 * Frequent words with top lists: the first search in a new process (its list read from the file),
 * the same again (from memory), with a type filter (applied to the list), and without lists (the
 * anchor: every match ranked). Then top-10 agreement of lists on vs off over AGREEMENT_QUERIES
 * queries lists answer: each warmed word plain, in documents mode, and with a type or level filter;
 * and over the queries of several terms and the phrases (`severalTerms`).
 */
async function listRows(data: string, frequent: readonly QueryCase[], severalTerms: readonly QueryCase[]): Promise<void> {
  const on = new SqliteEngine({ dataDir: data });
  const off = new SqliteEngine({ dataDir: data, topLists: false });
  const pair = (xs: number[]) => `${fmt(percentile(xs, 50), 1)} / ${fmt(percentile(xs, 95), 1)}`;
  try {
    const plain = (c: QueryCase): SearchQuery => ({ q: c.q });
    const typed = (c: QueryCase): SearchQuery => ({ q: c.q, filters: { type: FILTERS.type! } });
    // An engine's first search loads the document table (10-20 ms at full scale), lists or not: paid here.
    await on.search({ q: '收购计划' });
    await off.search({ q: '收购计划' });
    const rows: [string, { wall: number[]; cpu: number[] }][] = [
      ['frequent first (cold)', await timeAll(frequent, (c) => on.search(plain(c)))],
      ['frequent again', await timeAll(frequent, (c) => on.search(plain(c)))],
      ['frequent + type filter', await timeAll(frequent, (c) => on.search(typed(c)))],
      ['frequent, lists off (anchor)', await timeAll(frequent, (c) => off.search(plain(c)))],
      ['frequent + type, lists off', await timeAll(frequent, (c) => off.search(typed(c)))],
    ];
    // CPU time too: on a loaded machine a query's wall time includes waiting for a core.
    console.log(`\n  top lists over the ${frequent.length} frequent words (engine.search in process; a new engine, so "first" reads each list from the file, or makes it; the p95 of 20 is the slowest)`);
    console.log(`  ${'row'.padEnd(32)} ${'wall p50 / p95'.padStart(17)} ${'CPU p50 / p95'.padStart(17)}`);
    for (const [name, t] of rows) console.log(`  ${name.padEnd(32)} ${pair(t.wall).padStart(17)} ${pair(t.cpu).padStart(17)}`);

    const words = await on.warmTopLists();
    const variants: ((q: string) => SearchQuery)[] = [
      (q) => ({ q }), (q) => ({ q, in: 'documents' }), (q) => ({ q, filters: { type: FILTERS.type! } }), (q) => ({ q, filters: { level: FILTERS.level! } }),
    ];
    const queries = variants.flatMap((v) => words.map(v)).slice(0, AGREEMENT_QUERIES);
    console.log(`  ${'top-10 agreement, on vs off'.padEnd(32)} ${await agreement(on, off, queries)}`);
    // Queries of several terms may rank without a term that adds almost nothing (search.ts): the same check.
    console.log(`  ${'  multi-word and phrases'.padEnd(32)} ${await agreement(on, off, severalTerms.map((c) => ({ q: c.q })))}`);
  } finally {
    await on.close();
    await off.close();
  }
}

/**
 * Median wall and CPU seconds of each command over CLI_RUNS rounds; the commands take turns, so
 * load hits them alike. CPU time (from the usage preload) still holds when a busy machine makes
 * wall time wait for a core.
 */
function cliTimes(commands: Record<string, string[]>, work: string): Record<string, { wall: number; cpu: number }> {
  const runs: Record<string, { wall: number[]; cpu: number[] }> = Object.fromEntries(Object.keys(commands).map((k) => [k, { wall: [], cpu: [] }]));
  const usageFile = join(work, 'cli-usage.json');
  for (let round = 0; round < CLI_RUNS; round++) {
    for (const [label, args] of Object.entries(commands)) {
      const t0 = performance.now();
      const out = spawnSync(process.execPath, ['--import', USAGE_PRELOAD, ...args], { env: cliEnv({ BENCH_USAGE_FILE: usageFile }), stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
      if (out.status !== 0) throw new Error(`${label} exited ${out.status}: ${out.stderr}`);
      runs[label]!.wall.push((performance.now() - t0) / 1000);
      runs[label]!.cpu.push((JSON.parse(readFileSync(usageFile, 'utf8')) as { cpuSeconds: number }).cpuSeconds);
    }
  }
  const median = (xs: number[]) => percentile(xs.sort((a, b) => a - b), 50);
  return Object.fromEntries(Object.entries(runs).map(([k, r]) => [k, { wall: median(r.wall), cpu: median(r.cpu) }]));
}

/** A document of median length, so `show` prints a typical text. */
function typicalDocId(data: string): string {
  const db = new Database(join(data, 'archive.sqlite'), { readonly: true });
  try {
    const n = db.prepare('SELECT count(*) FROM documents').pluck().get() as number;
    return db.prepare('SELECT id FROM documents ORDER BY length LIMIT 1 OFFSET ?').pluck().get(Math.floor(n / 2)) as string;
  } finally {
    db.close();
  }
}

function printStorage(data: string, bytes: number): void {
  const parts = {
    archive: fileSize(join(data, 'archive.sqlite')),
    search: fileSize(join(data, 'search.sqlite')),
    blobs: folderSize(join(data, 'blobs')),
  };
  const all = folderSize(data);
  const perMb = (n: number) => `${fmt(mb(n))} MB = ${fmt(n / bytes, 2)}×`;
  console.log(`  data folder per MB of text       archive ${perMb(parts.archive)} + search ${perMb(parts.search)} + blobs ${perMb(parts.blobs)}; all ${perMb(all)} (WAL files counted)`);
  for (const file of ['archive', 'search']) console.log(`    ${`${file} by table (dbstat)`.padEnd(30)} ${tableSizes(join(data, `${file}.sqlite`), bytes)}`);
  console.log(`    ${'FTS5 tokens by column'.padEnd(30)} ${ftsTokens(join(data, 'search.sqlite'), bytes)}`);
}

/** The FTS5 table's token instances by column (fts5vocab), and per byte of text. */
function ftsTokens(path: string, bytes: number): string {
  const db = new Database(path, { readonly: true });
  try {
    const { fts } = tableSet(liveGeneration(db));
    db.exec(`CREATE VIRTUAL TABLE temp.bench_vocab USING fts5vocab(main, ${fts}, col)`);
    const rows = db.prepare('SELECT col, sum(cnt) FROM temp.bench_vocab GROUP BY col ORDER BY 2 DESC').raw().all() as [string, number][];
    const total = rows.reduce((n, [, c]) => n + c, 0);
    return `${fmt(total / 1e6, 2)} M (${fmt(total / bytes, 2)} a byte): ${rows.map(([col, c]) => `${col} ${fmt(c / 1e6, 2)} M`).join(', ')}`;
  } finally {
    db.close();
  }
}

/** Each table and index of a SQLite file at ≥ 0.02× the text, per MB of text (a generation's `_gN` left off the name). */
function tableSizes(path: string, bytes: number): string {
  const db = new Database(path, { readonly: true });
  try {
    const rows = db.prepare("SELECT name, sum(pgsize) AS size FROM dbstat GROUP BY name ORDER BY size DESC").all() as { name: string; size: number }[];
    return rows.filter((r) => r.size / bytes >= 0.02).map((r) => `${r.name.replace(/_g\d+/, '')} ${fmt(r.size / bytes, 2)}`).join(', ');
  } finally {
    db.close();
  }
}

/** Where an ingest's CPU time went by thread, and how long each waited for a core (2 cores: the threads crowd each other). */
function threadsLine(t: NonNullable<Threads>): string {
  const times = (x: ThreadTimes) => `${fmt(x.cpu)} + ${fmt(x.waiting)} s`;
  const content = t.busiest ? `, content thread ${times(t.busiest)}` : '';
  return `writing thread ${times(t.main)}${content}, ${t.rest.count} other threads (GC, libuv, warming) ${times(t.rest)}`;
}

/** Ingest by the CLI and reindex, each beside its anchor. */
function ingestRows(input: string, data: string, work: string, docs: readonly Doc[], anchor: { mbps: number; cpuMbps: number }): void {
  const bytes = textBytes(docs);
  const ing = ingest(input, data, work);
  const mbps = mb(bytes) / ing.seconds;
  console.log(`\n  ${'what'.padEnd(32)} figure`);
  console.log(`  ${'embedded wenshi ingest (CLI)'.padEnd(32)} ${fmt(ing.seconds)} s wall = ${fmt(mbps, 2)} MB/s, ${fmt(docs.length / ing.seconds)} files/s; ${fmt(ing.cpuSeconds)} s CPU = ${fmt(mb(bytes) / ing.cpuSeconds, 2)} MB per CPU s${ing.threads === null ? '' : ` (writing thread ${fmt(ing.threads.main.cpu)} s)`} (stored ${ing.stored}, failed ${ing.failed}; CLI start-up included)`);
  console.log(`  ${'  anchor: raw jieba cut'.padEnd(32)} ${fmt(anchor.mbps, 1)} MB/s wall, ${fmt(anchor.cpuMbps, 1)} MB per CPU s, in this process → ingest = ${fmt(mbps / anchor.mbps, 3)}× cut wall, ${fmt(mb(bytes) / ing.cpuSeconds / anchor.cpuMbps, 3)}× per CPU s`);
  if (ing.threads) console.log(`  ${'  threads: on a core + waiting'.padEnd(32)} ${threadsLine(ing.threads)}`);
  console.log(`  ${'peak RSS of the ingest process'.padEnd(32)} ${fmt(ing.rssMb, 0)} MB (target ≤ 400)`);
  // The index built again beside the live one, as an operator's `wenshi reindex` does.
  const re = cliUsage(['reindex', '--data', data], work);
  console.log(`  ${'wenshi reindex (CLI)'.padEnd(32)} ${fmt(re.seconds)} s wall = ${fmt(mb(bytes) / re.seconds, 2)} MB/s; peak RSS ${fmt(re.rssMb, 0)} MB (target ≤ 400)`);
}

export async function run(): Promise<void> {
  if (!existsSync(SCALE_CORPUS)) {
    console.log(`scale corpus not found at ${SCALE_CORPUS}; skipped`);
    return;
  }
  const fraction = scaleFraction();
  const work = mkdtempSync(join(tmpdir(), 'wenshi-bench-scale-'));
  // A kept data folder: built once, its search rows measured again without minutes of ingest.
  const kept = process.env.WENSHI_SCALE_DATA;
  try {
    const input = join(work, 'in');
    const data = kept ?? join(work, 'data');
    const reuse = kept !== undefined && existsSync(join(kept, 'archive.sqlite'));
    const loadBefore = loads();
    const docs = await writeFraction(input, fraction);
    const bytes = textBytes(docs);
    const mds = docs.filter((d) => d.file.endsWith('.md')).length;
    console.log(`scale corpus, fraction ${fraction} (WENSHI_SCALE_FRACTION): ${docs.length} documents (${mds} .md, ${docs.length - mds} .txt), ${fmt(mb(bytes))} MB of text`);
    console.log(`machine: ${availableParallelism()} cores, load average ${loadBefore} at start (wall times include waiting for the CPU)`);

    const anchor = cutAnchor(docs);
    if (reuse) console.log(`data folder ${data} reused (WENSHI_SCALE_DATA): ingest and reindex not measured`);
    else ingestRows(input, data, work, docs, anchor);
    printStorage(data, bytes);
    await warmRow(data, bytes);

    const classes = queryClasses(docs, anchor.df);
    const { rows, stats } = await searchClasses(data, classes);
    const pair = (xs: number[]) => `${fmt(percentile(xs, 50), 1)} / ${fmt(percentile(xs, 95), 1)}`;
    console.log(`\n  search, ms wall (engine.search in process, top lists on, over ${stats.clauses} clauses, ${stats.findings} findings; LIKE over archive documents.text, ${LIKE_QUERIES_PER_CLASS} queries; FTS5 = count(*) of the engine's MATCH, no filters)`);
    console.log(`  ${'class (queries)'.padEnd(28)} ${'engine p50 / p95'.padStart(17)} ${'CPU p50 / p95'.padStart(14)} ${'LIKE p50'.padStart(9)} ${'FTS5 p50'.padStart(9)} ${'LIKE/engine'.padStart(12)} ${'mean hits'.padStart(10)}   e.g.`);
    for (const r of rows) {
      const ratio = percentile(r.like, 50) / percentile(r.engine, 50);
      console.log(`  ${`${r.name} (${r.engine.length})`.padEnd(28)} ${pair(r.engine).padStart(17)} ${pair(r.engineCpu).padStart(14)} ${fmt(percentile(r.like, 50)).padStart(9)} ${fmt(percentile(r.fts, 50), 2).padStart(9)} ${`${fmt(ratio, 1)}×`.padStart(12)} ${fmt(r.matches, 0).padStart(10)}   ${r.example}`);
    }
    await listRows(data, classes['1 word, frequent']!, [...classes['2 words']!, ...classes['3 words']!, ...classes['phrase (4–8 chars)']!]);

    const word = classes['1 word, frequent']![0]!.q;
    const id = typicalDocId(data);
    const cli = cliTimes({
      'node -e 0': ['-e', '0'],
      [`wenshi search ${word}`]: [CLI, 'search', word, '--data', data],
      'wenshi docs': [CLI, 'docs', '--data', data],
      [`wenshi show <median-length doc>`]: [CLI, 'show', id, '--data', data],
    }, work);
    const node = cli['node -e 0']!;
    console.log(`\n  CLI start-up, median of ${CLI_RUNS} (target ≤ 0.5 s wall each; bin/wenshi.js runs dist/ when it is newer than the sources, as \`npm run bench\` builds it):`);
    for (const [k, t] of Object.entries(cli)) {
      console.log(`  ${k.padEnd(34)} ${fmt(t.wall, 2)} s wall = ${fmt(t.wall / node.wall, 1)}× node -e 0; ${fmt(t.cpu, 2)} s CPU = ${fmt(t.cpu / node.cpu, 1)}×`);
    }
    console.log(`\nload average ${loads()} at end`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
