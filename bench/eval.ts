/**
 * `npm run eval [-- name…]`: quality figures on the hand-labelled gold sets in corpus/gold/, and
 * metadata accuracy on the real documents of `../shared/corpus/public/` (tuned and held-out apart).
 * @module
 */
import { runSuites } from './suites.js';

const EVALS: Record<string, () => Promise<{ run: () => Promise<void> }>> = {
  findings: () => import('./eval-findings.js'),
  segmentation: () => import('./eval-segmentation.js'),
  search: () => import('./eval-search.js'),
  compare: () => import('./eval-compare.js'),
  'compare-public': () => import('./eval-compare-public.js'),
  dedup: () => import('./eval-dedup.js'),
  entities: () => import('./eval-entities.js'),
  public: () => import('./eval-public.js'),
  'scale-titles': () => import('./eval-scale-titles.js'),
};

await runSuites('eval', EVALS, process.argv.slice(2));
