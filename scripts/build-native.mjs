#!/usr/bin/env node
/**
 * Builds native/bm25c.c into dist/native/bm25c.so at install (`prepare`) and with `npm run build`: FTS5's
 * bm25() with each phrase's row count given (pipeline/search/sqlite/ranking.ts says why). It compiles
 * against better-sqlite3's own SQLite headers with the C compiler better-sqlite3's install needed anyway.
 * A machine without one still installs: the engine ranks with the built-in bm25(), the same scores, slower.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const sqlite = join(dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'deps', 'sqlite3');
const out = join(root, 'dist', 'native', 'bm25c.so');
mkdirSync(dirname(out), { recursive: true });
const cc = spawnSync(process.env.CC ?? 'cc', ['-O2', '-fPIC', '-shared', '-I', sqlite, join(root, 'native', 'bm25c.c'), '-o', out, '-lm'], { encoding: 'utf8' });
if (cc.status !== 0) {
  const why = cc.error?.message ?? cc.stderr.trim().split('\n')[0];
  console.warn(`wenshi: native ranking not built (${why}); searches rank with SQLite's bm25(), the same order, slower for several words`);
}
