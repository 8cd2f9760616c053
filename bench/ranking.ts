/**
 * Prototype measurement for issue 18: FTS5's bm25() counts, in every statement, the rows each phrase
 * of the query matches, for its IDF: a scan of each phrase's whole doclist, whatever few units the
 * query itself matches. `native/bm25c.c` is bm25() with those counts given (a loadable SQLite
 * extension, compiled here with the system C compiler). On a kept scale index (WENSHI_SCALE_DATA, as
 * the scale bench leaves it) and the scale bench's query classes, it prints whether bm25c gives every
 * matched row bm25()'s score bit for bit, and the CPU time of the top 10 ranked by bm25(), by bm25c
 * counting the phrases itself (a cold cache of counts) and by bm25c with the counts known (a warm one).
 * The engine does not use it (a native module is a decision of its own). Never fails on time.
 * @module
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { parseQuery } from '../pipeline/search/index.js';
import { matchPlan } from '../pipeline/search/sqlite/match.js';
import { liveGeneration, tableSet } from '../pipeline/search/sqlite/schema.js';
import { BM25_WEIGHTS } from '../pipeline/search/sqlite/search.js';
import { scaleFraction, scaleQueryClasses } from './scale.js';
import { percentile } from './search.js';

const SOURCE = fileURLToPath(new URL('./native/bm25c.c', import.meta.url));
const CLASSES = ['2 words', '3 words', 'phrase (4–8 chars)'];

/** The extension built into `dir`, or null with the compiler's complaint printed. */
function build(dir: string): string | null {
  const sqlite = join(dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'deps', 'sqlite3');
  const out = join(dir, 'bm25c.so');
  const cc = spawnSync('cc', ['-O2', '-fPIC', '-shared', '-I', sqlite, SOURCE, '-o', out, '-lm'], { encoding: 'utf8' });
  if (cc.status === 0) return out;
  console.log(`no C compiler or no SQLite headers: skipped (${cc.error?.message ?? cc.stderr.trim().split('\n')[0]})`);
  return null;
}

/**
 * The phrases of a MATCH expression as match.ts writes them (quoted phrases, `{cols} :` filters on a
 * phrase or a parenthesized group, NEAR groups, AND/OR/NOT), in FTS5's order, each with its filter.
 */
export function phrasesOf(expr: string): string[] {
  const out: string[] = [];
  const filters: (string | null)[] = [null];
  let pending: string | null = null;
  for (const [t] of expr.matchAll(/\{[^}]*\}\s*:|"(?:[^"]|"")*"(?:\s*\*)?|NEAR\(|\(|\)/g)) {
    if (t.startsWith('{')) pending = t.slice(0, -1).trim();
    else if (t === '(' || t === 'NEAR(') {
      filters.push(pending ?? filters.at(-1)!);
      pending = null;
    } else if (t === ')') filters.pop();
    else {
      const filter = pending ?? filters.at(-1)!;
      pending = null;
      out.push(filter ? `${filter} : ${t}` : t);
    }
  }
  return out;
}

export async function run(): Promise<void> {
  const data = process.env.WENSHI_SCALE_DATA;
  if (!data || !existsSync(join(data, 'search.sqlite'))) {
    console.log('no kept scale index: skipped (WENSHI_SCALE_DATA=<folder> npm run bench -- scale makes one)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'wenshi-bench-ranking-'));
  const db = new Database(join(data, 'search.sqlite'), { readonly: true });
  try {
    const extension = build(dir);
    if (!extension) return;
    db.loadExtension(extension);
    const { fts } = tableSet(liveGeneration(db));
    const count = db.prepare(`SELECT count(*) FROM ${fts} WHERE ${fts} MATCH ?`).pluck();
    const known = new Map<string, number>();
    const counts = (phrases: readonly string[]): Buffer => {
      const n = phrases.map((p) => BigInt(known.get(p) ?? known.set(p, count.get(p) as number).get(p)!));
      return Buffer.from(new BigInt64Array(n).buffer);
    };
    const all = (fn: string) => db.prepare(`SELECT rowid, ${fn} FROM ${fts} WHERE ${fts} MATCH ?`).raw();
    const top = (fn: string) => db.prepare(`SELECT rowid, -${fn} AS s FROM ${fts} WHERE ${fts} MATCH ? AND (rowid & 1) = 0 ORDER BY s DESC, rowid LIMIT 10`).raw();
    const [allBm25, allBm25c] = [all(`bm25(${fts}, ${BM25_WEIGHTS})`), all(`bm25c(${fts}, ?, ${BM25_WEIGHTS})`)];
    const [topBm25, topBm25c] = [top(`bm25(${fts}, ${BM25_WEIGHTS})`), top(`bm25c(${fts}, ?, ${BM25_WEIGHTS})`)];
    const cpuMs = (fn: () => unknown): number => {
      const c0 = process.cpuUsage();
      fn();
      const c = process.cpuUsage(c0);
      return (c.user + c.system) / 1000;
    };
    const classes = await scaleQueryClasses(scaleFraction());
    console.log(`  ${'class (queries)'.padEnd(24)} ${'same scores'.padStart(12)}   top 10, CPU ms p50 / p95: ${'bm25'.padStart(12)} ${'bm25c, counting'.padStart(16)} ${'bm25c, counts known'.padStart(20)}`);
    for (const name of CLASSES) {
      const cases = classes[name]!;
      let same = 0;
      const times: [number[], number[], number[]] = [[], [], []];
      for (const { q } of cases) {
        const match = matchPlan(parseQuery(q)).match!;
        const phrases = phrasesOf(match);
        const a = allBm25.all(match) as [number, number][];
        const b = allBm25c.all(counts(phrases), match) as [number, number][];
        if (a.length === b.length && a.every(([id, s], i) => id === b[i]![0] && s === b[i]![1])) same++;
        for (const p of phrases) known.delete(p);
        times[0].push(cpuMs(() => topBm25.all(match)));
        times[1].push(cpuMs(() => topBm25c.all(counts(phrases), match)));
        times[2].push(cpuMs(() => topBm25c.all(counts(phrases), match)));
      }
      const pair = (xs: number[]) => { const s = [...xs].sort((x, y) => x - y); return `${percentile(s, 50).toFixed(1)} / ${percentile(s, 95).toFixed(1)}`; };
      console.log(`  ${`${name} (${cases.length})`.padEnd(24)} ${`${same}/${cases.length}`.padStart(12)}   ${''.padEnd(27)}${pair(times[0]).padStart(12)} ${pair(times[1]).padStart(16)} ${pair(times[2]).padStart(20)}`);
    }
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
