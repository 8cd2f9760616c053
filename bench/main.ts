/**
 * `npm run bench [-- name…]`: runs the benchmarks, each printing its figures next to a baseline
 * measured in the same run. Nothing here passes or fails on time.
 * @module
 */
import { runSuites } from './suites.js';

const BENCHES: Record<string, () => Promise<{ run: () => Promise<void> }>> = {
  extract: () => import('./extract.js'),
  normalize: () => import('./normalize.js'),
  classify: () => import('./classify.js'),
  ingest: () => import('./ingest.js'),
  queue: () => import('./queue.js'),
  analyze: () => import('./analyze.js'),
  search: () => import('./search.js'),
  compare: () => import('./compare.js'),
  web: () => import('./web.js'),
  dedup: () => import('./dedup.js'),
  compile: () => import('./compile.js'),
  ocr: () => import('./ocr.js'),
  scale: () => import('./scale.js'),
  'content-digest': () => import('./content-digest.js'),
  ranking: () => import('./ranking.js'),
  'fts-columns': () => import('./fts-columns.js'),
  engines: () => import('./engines.js'),
};

// Each suite in a process of its own, so none inherits the heap and caches another left behind.
await runSuites('bench', BENCHES, process.argv.slice(2), { isolate: true });
