/**
 * Issue 18's measurement behind pipeline/search/sqlite/ranking.ts: FTS5's bm25() counts, in every
 * statement, the rows each phrase of the query matches, for its IDF: a scan of each phrase's whole
 * doclist, whatever few units the query itself matches. `native/bm25c.c` is bm25() with those
 * counts given (built at install into dist/native/). On a kept scale index (WENSHI_SCALE_DATA, as
 * the scale bench leaves it) and the scale bench's query classes, it prints whether bm25c gives every
 * matched row bm25()'s score bit for bit, and the CPU time of the top 10 ranked by bm25(), by bm25c
 * counting the phrases itself (a cold cache of counts) and by bm25c with the counts known (a warm one).
 * Never fails on time.
 * @module
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parseQuery } from '../pipeline/search/index.js';
import { matchPlan } from '../pipeline/search/sqlite/match.js';
import { RANKING_EXTENSION } from '../pipeline/search/sqlite/native.js';
import { phrasesOf } from '../pipeline/search/sqlite/ranking.js';
import { liveGeneration, tableSet } from '../pipeline/search/sqlite/schema.js';
import { BM25_WEIGHTS } from '../pipeline/search/sqlite/search.js';
import { scaleFraction, scaleQueryClasses } from './scale.js';
import { percentile } from './search.js';

const CLASSES = ['2 words', '3 words', 'phrase (4–8 chars)'];

export async function run(): Promise<void> {
  const data = process.env.WENSHI_SCALE_DATA;
  if (!data || !existsSync(join(data, 'search.sqlite'))) {
    console.log('no kept scale index: skipped (WENSHI_SCALE_DATA=<folder> npm run bench -- scale makes one)');
    return;
  }
  if (!existsSync(RANKING_EXTENSION)) {
    console.log(`no ${RANKING_EXTENSION} (npm run build makes it with the system C compiler): skipped`);
    return;
  }
  const db = new Database(join(data, 'search.sqlite'), { readonly: true });
  try {
    db.loadExtension(RANKING_EXTENSION);
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
  }
}
