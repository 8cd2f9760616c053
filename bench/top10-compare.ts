/**
 * Compares the search results of two data folders built from the same input (before and after a
 * change to indexing): for each query of the scale bench's classes (`scaleQueryClasses`, fraction
 * WENSHI_SCALE_FRACTION) in clauses, documents and findings mode, whether the top 10s are identical
 * (ids, order and scores to 1e-9), their mean overlap, and whether totals and facets are (facet
 * values compared by key: their order follows the documents' numbers, which the order of an
 * ingest's writes decides). Hits of equal score may come in another order when the documents were
 * numbered otherwise; `SHOW=1` prints the queries whose top 10s differ.
 *
 *   npx tsx bench/top10-compare.ts <data folder A> <data folder B>
 * @module
 */
import { SqliteEngine, type SearchResult } from '../pipeline/search/index.js';
import { scaleFraction, scaleQueryClasses } from './scale.js';

const [a, b] = process.argv.slice(2);
if (!a || !b) throw new Error('usage: npx tsx bench/top10-compare.ts <data folder A> <data folder B>');
const classes = await scaleQueryClasses(scaleFraction());
const [ea, eb] = [new SqliteEngine({ dataDir: a }), new SqliteEngine({ dataDir: b })];
const hitKeys = (r: SearchResult, score: boolean) => r.hits.map((h) => `${h.docId}@${h.start}-${h.end}${score ? `:${h.score.toFixed(9)}` : ''}`);
const facetValues = (r: SearchResult) => JSON.stringify(Object.entries(r.facets).sort().map(([k, v]) => [k, Object.entries(v as object).sort()]));
let n = 0;
let identical = 0;
let overlap = 0;
let same = 0;
try {
  for (const cases of Object.values(classes)) {
    for (const c of cases) {
      for (const mode of ['clauses', 'documents', 'findings'] as const) {
        const query = { q: c.q, in: mode, ...(c.filters ? { filters: c.filters } : {}) };
        const [ra, rb] = [await ea.search(query), await eb.search(query)];
        n++;
        const [ka, kb] = [hitKeys(ra, true), hitKeys(rb, true)];
        if (ka.join() === kb.join()) identical++;
        else if (process.env.SHOW) console.log(JSON.stringify(query), `\n  A ${ka.join(' ')}\n  B ${kb.join(' ')}`);
        const inB = new Set(hitKeys(rb, false));
        overlap += ra.hits.length === 0 ? (rb.hits.length === 0 ? 1 : 0) : hitKeys(ra, false).filter((k) => inB.has(k)).length / ra.hits.length;
        if (ra.total === rb.total && facetValues(ra) === facetValues(rb)) same++;
      }
    }
  }
} finally {
  await ea.close();
  await eb.close();
}
console.log(`${n} queries: ${identical} identical top 10s (ids, order, scores), mean overlap ${(100 * overlap / n).toFixed(1)} %, ${same} with identical totals and facets`);
