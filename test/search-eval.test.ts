/**
 * The judged query set (corpus/gold/queries.json) against the SQLite engine on the ingested seed:
 * MRR, every query's first relevant clause near the top, and nDCG@10 held at the measured level,
 * floors that the same hits in index order (what equal scores would give) do not reach.
 * @module
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildSeedIndex,
  evaluateSearch,
  loadQueries,
  unresolved,
  type RankingScores,
  type SearchEvalResult,
  type SeedIndex,
} from '../bench/eval-search.js';

/** Measured: every query has a relevant clause at rank 1, mean nDCG@10 0.909; one rank / 0.06 of margin. */
const MAX_FIRST_RANK = 2;
const MIN_NDCG10 = 0.85;

/** The queries whose first relevant clause is below the floor (or missing), as `id q → rank`. */
function belowFloor(result: SearchEvalResult, pick: (o: SearchEvalResult['outcomes'][number]) => RankingScores): string[] {
  return result.outcomes
    .filter((o) => (pick(o).firstRank ?? Infinity) > MAX_FIRST_RANK)
    .map((o) => `${o.query.id} ${o.query.q} → ${pick(o).firstRank ?? 'none'}`);
}

describe('search quality on the judged query set', () => {
  const queries = loadQueries();
  let index: SeedIndex;
  let result: SearchEvalResult;

  beforeAll(async () => {
    index = await buildSeedIndex();
    result = await evaluateSearch(index, queries);
  });
  afterAll(async () => {
    await index?.close();
  });

  it('has at least 30 judged queries, every gold clause present in the index', () => {
    expect(queries.length).toBeGreaterThanOrEqual(30);
    expect(queries.every((q) => q.relevant.length > 0)).toBe(true);
    expect(unresolved(index, queries)).toEqual([]);
  });

  it('reaches MRR ≥ 0.8 with a relevant clause in the top two for every query', () => {
    expect(result.engine.mrr).toBeGreaterThanOrEqual(0.8);
    expect(belowFloor(result, (o) => o.engine)).toEqual([]);
  });

  it('keeps nDCG@10 at the measured level', () => {
    expect(result.engine.ndcg10).toBeGreaterThanOrEqual(MIN_NDCG10);
  });

  it('would fail if every score were equal (the same hits in index order)', () => {
    expect(belowFloor(result, (o) => o.indexOrder).length).toBeGreaterThan(0);
    expect(result.indexOrder.ndcg10).toBeLessThan(MIN_NDCG10);
  });
});
