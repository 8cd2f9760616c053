/**
 * The native ranking function, `bm25c` (native/bm25c.c, why in ranking.ts): where it is, whether a
 * connection has it, and what a status reports about it. `WENSHI_NATIVE_RANKING=0` turns it off
 * (searches rank with SQLite's bm25(), the same results), for an operator or a benchmark.
 * @module
 */
import { statSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { packagePath } from '../../package-files.js';

/** Where scripts/build-native.mjs puts the extension, and what it builds it from. */
export const RANKING_EXTENSION = packagePath('dist/native/bm25c.so');
export const RANKING_SOURCE = packagePath('native/bm25c.c');

/** Which function ranks, and why not bm25c when it does not. */
export type RankingState = { ranking: 'bm25c' } | { ranking: 'bm25'; why: 'off' | 'not built' | 'stale' };

const mtimeOf = (path: string): number | null => statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? null;

/**
 * The ranking the environment and the install give (a connection that cannot load the built file
 * ranks with bm25() too). An extension built before its source was last edited would rank by the
 * old code, so bm25() ranks until `npm run build`, as the CLI runs the TypeScript sources when dist/
 * is older than they are (bin/compiled.js).
 */
export function rankingState(env: NodeJS.ProcessEnv = process.env, files = { extension: RANKING_EXTENSION, source: RANKING_SOURCE }): RankingState {
  if (env.WENSHI_NATIVE_RANKING === '0') return { ranking: 'bm25', why: 'off' };
  const built = mtimeOf(files.extension);
  if (built === null) return { ranking: 'bm25', why: 'not built' };
  return (mtimeOf(files.source) ?? 0) > built ? { ranking: 'bm25', why: 'stale' } : { ranking: 'bm25c' };
}

const loaded = new WeakMap<Database.Database, boolean>();

/** Whether `db` ranks with bm25c: the extension is loaded into it at the first call. */
export function nativeRanking(db: Database.Database): boolean {
  let has = loaded.get(db);
  if (has === undefined) {
    try {
      has = rankingState().ranking === 'bm25c';
      if (has) db.loadExtension(RANKING_EXTENSION);
    } catch {
      // Built for another SQLite or machine: bm25() ranks the same, slower.
      has = false;
    }
    loaded.set(db, has);
  }
  return has;
}
