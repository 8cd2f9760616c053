/**
 * Compare time and memory for generated documents of 100 and 1,000 clauses a side (target:
 * 1,000 × 1,000 in ≤ 5 s and ≤ 500 MB), against a baseline in the same run that scores every
 * central clause against every local one (the quadratic way the inverted index avoids).
 * Documents go through the real structure and analyze stages first; that time is shown apart.
 * @module
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compare, compareDocFrom, type CompareDoc } from '../pipeline/compare/index.js';
import { ClauseIndex, pairScores, Vocabulary } from '../pipeline/compare/lexical.js';
import { unitsOf, type Unit } from '../pipeline/compare/units.js';
import { processSource } from '../pipeline/flow.js';
import { cut } from '../pipeline/segment/index.js';

const SEED = fileURLToPath(new URL('../corpus/seed/000_7bf2245de4f05e93.txt', import.meta.url));
const CN = '一二三四五六七八九十';

/** A deterministic random stream, so every run compares the same documents. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Words of the seed with their natural frequencies (sampling from it keeps Zipf's shape). */
function wordPool(): string[] {
  return cut(readFileSync(SEED, 'utf8')).filter((w) => /^[\u4e00-\u9fff]{2,}$/.test(w));
}

const MODALS = ['必须', '应当', '一般', '可以', '视情', '要', '鼓励'];
const FREQUENCIES = ['每年至少召开两次', '每年召开一次', '每届至少组织一次', '每季度开展一次', ''];

interface Clause {
  heading: string;
  body: string;
}

function makeClause(pool: string[], rnd: () => number): Clause {
  const pick = () => pool[Math.floor(rnd() * pool.length)]!;
  const words = (n: number) => Array.from({ length: n }, pick).join('');
  const modal = MODALS[Math.floor(rnd() * MODALS.length)]!;
  const freq = FREQUENCIES[Math.floor(rnd() * FREQUENCIES.length)]!;
  return { heading: words(2), body: `${words(3)}${modal}${freq}${words(8)}，${words(6)}。${words(10)}。` };
}

/** A local version: most clauses kept with some words replaced and markers changed, some dropped, some new. */
function localVersion(central: Clause[], pool: string[], rnd: () => number): Clause[] {
  const out: Clause[] = [];
  for (const c of central) {
    const r = rnd();
    if (r < 0.1) continue;
    if (r < 0.2) out.push(makeClause(pool, rnd));
    const body = c.body.replace(/必须|应当/, rnd() < 0.3 ? '可以' : '应当').replace(/两次/, '一次');
    out.push({ heading: c.heading, body: rnd() < 0.5 ? body.replace(/^[\u4e00-\u9fff]{4}/, pool[Math.floor(rnd() * pool.length)]!) : body });
  }
  return out;
}

/** Opinion text: chapters of 20 numbered clauses, paragraphs separated by blank lines. */
function opinionText(title: string, clauses: Clause[]): string {
  const lines = [title, ''];
  clauses.forEach((c, i) => {
    if (i % 20 === 0) lines.push(`${chapterNumeral(i / 20 + 1)}、第${i / 20 + 1}部分`, '');
    lines.push(`${i + 1}.${c.heading}。${c.body}`, '');
  });
  return lines.join('\n');
}

/** Chinese numerals 1–99 as chapter labels write them (十一, 二十, 五十). */
function chapterNumeral(n: number): string {
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens > 1 ? CN[tens - 1] : ''}${tens > 0 ? '十' : ''}${ones ? CN[ones - 1] : ''}`;
}

async function documentOf(title: string, clauses: Clause[]): Promise<CompareDoc> {
  const bytes = Buffer.from(opinionText(title, clauses), 'utf8');
  const { documents } = await processSource({ path: `${title}.txt`, bytes });
  if (documents.length !== 1) throw new Error(`generated ${title} became ${documents.length} documents`);
  return compareDocFrom(documents[0]!);
}

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(0);

/**
 * Candidate retrieval two ways on the same TF-IDF vectors: the inverted index (what compare does)
 * and the quadratic baseline, every central clause against every local one.
 */
function retrieval(local: CompareDoc, central: CompareDoc): { tokenize: number; index: number; allPairs: number } {
  let units: { c: Unit[]; l: Unit[] } | undefined;
  const tokenize = cpuSeconds(() => (units = { c: unitsOf(central), l: unitsOf(local) }));
  const vocabulary = new Vocabulary();
  const c = units!.c.map((u) => vocabulary.add(u.words));
  const l = units!.l.map((u) => vocabulary.add(u.words));
  const cv = c.map((x) => vocabulary.vector(x));
  const lv = l.map((x) => vocabulary.vector(x));
  let sink = 0;
  const index = cpuSeconds(() => {
    const idx = new ClauseIndex(lv);
    for (const q of cv) sink += idx.search(q).length;
  });
  const allPairs = cpuSeconds(() => {
    for (const a of cv) for (const b of lv) sink += pairScores(a, b).cosine;
  });
  return sink >= 0 ? { tokenize, index, allPairs } : { tokenize, index, allPairs };
}

function seconds(fn: () => unknown): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** CPU seconds (user + system) spent in `fn`: steadier than wall time on a shared machine. */
function cpuSeconds(fn: () => unknown): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

export async function run(): Promise<void> {
  const pool = wordPool();
  // Warm up jieba, the fold table and the stop words, so the first size does not pay for them.
  const warm = await documentOf('热身文件意见', [makeClause(pool, random(7))]);
  compare(warm, warm);
  for (const n of [100, 1000]) {
    const rnd = random(n);
    const centralClauses = Array.from({ length: n }, () => makeClause(pool, rnd));
    const t0 = process.hrtime.bigint();
    const central = await documentOf('关于生成测试的意见', centralClauses);
    const local = await documentOf('XX县关于生成测试的实施意见', localVersion(centralClauses, pool, rnd));
    const prep = Number(process.hrtime.bigint() - t0) / 1e9;
    const heapBefore = process.memoryUsage().heapUsed;
    let report: ReturnType<typeof compare> | undefined;
    let t = 0;
    const cpu = cpuSeconds(() => (t = seconds(() => (report = compare(local, central)))));
    const heapAfter = process.memoryUsage().heapUsed;
    const base = retrieval(local, central);
    const r = report!;
    console.log(`${n} × ${n} clauses (central ${r.items.length} items with requirements, local ${unitsOf(local).length} clauses):`);
    console.log(`  structure + analyze both documents: ${prep.toFixed(2)} s (not part of compare)`);
    console.log(`  compare: ${t.toFixed(3)} s wall, ${cpu.toFixed(3)} s CPU · heap retained +${mb(Math.max(0, heapAfter - heapBefore))} MiB · peak RSS so far ${mb(process.resourceUsage().maxRSS * 1024)} MiB`);
    console.log(`  of which segmenting the clauses: ${base.tokenize.toFixed(3)} s CPU`);
    console.log(`  candidate retrieval (cosine + cover), inverted index: ${base.index.toFixed(3)} s CPU · all-pairs baseline: ${base.allPairs.toFixed(3)} s CPU · index / baseline = ${(base.index / base.allPairs).toFixed(2)}×`);
    console.log(`  result: coverage ${r.coverage}, ${JSON.stringify(r.counts)}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
