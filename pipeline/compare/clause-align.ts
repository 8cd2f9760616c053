/**
 * The first level of alignment: central clauses against local clauses, globally and in order. A
 * provincial 实施办法 mostly follows its law's order, so a monotone alignment (dynamic programming
 * with free skips on both sides) over clause similarity pairs clauses far better than taking each
 * clause's best match alone: a near-copy in the right place wins over a similar clause elsewhere.
 * A central clause the path skips (the local text moved it, or answers it in a clause already paired)
 * then takes its most similar local clause. Sentences are matched inside the aligned pairs first.
 * @module
 */
import { ClauseIndex, Vocabulary } from './lexical.js';
import { familyOf, matchWords, type Unit } from './units.js';

/** Below this cosine two clauses are not worth pairing at all. */
const MIN_PAIR = 0.12;

export interface ClausePair {
  local: Unit;
  /** Cosine of the two clauses' TF-IDF vectors. */
  score: number;
  /**
   * For a pair on the monotone path, every local clause similar to the central one (cosine ≥
   * MIN_PAIR), the paired one among them, with its cosine: a local text may split one article over
   * several clauses, of which the path pairs only one. Empty for a clause the path skipped: it is
   * paired by similarity alone, and a second similar clause has no more to say for it.
   */
  similar: ReadonlyMap<Unit, number>;
}

/**
 * A local clause counts as the pair's own: the paired clause read with its list (lead-in and items),
 * or another local clause at least as similar to the central one as the paired clause (and from
 * `minCosine`): the path chose between them by order alone. One less similar is not: it may share
 * only the frame (`县级以上人民政府…保护`) with the central clause.
 */
export function withinPair(pair: ClausePair, local: Unit, minCosine: number): boolean {
  return familyOf(local) === familyOf(pair.local) || (pair.similar.get(local) ?? 0) >= Math.max(minCosine, pair.score);
}

/**
 * For each central clause, the local clause it is aligned with (if any): on the monotone path, or
 * else its most similar one (cosine ≥ MIN_PAIR). Time O(n·m) over
 * typed arrays (a million cells for 1,000 × 1,000 clauses), memory one byte per cell for the path.
 */
export function alignClauses(central: readonly Unit[], local: readonly Unit[]): Map<Unit, ClausePair> {
  const n = central.length;
  const m = local.length;
  const out = new Map<Unit, ClausePair>();
  if (n === 0 || m === 0) return out;
  const vocabulary = new Vocabulary();
  // Rung words as one term (matchWords), as the sentence alignment matches them.
  const centralCounts = central.map((u) => vocabulary.add(matchWords(u.words)));
  // Vectors only once every clause is counted: a vector made while adding weighs its words by the
  // clauses counted so far, so the first local clauses would weigh common words as rare.
  const localCounts = local.map((u) => vocabulary.add(matchWords(u.words)));
  const localVectors = localCounts.map((c) => vocabulary.vector(c));
  const index = new ClauseIndex(localVectors);

  // best[j] holds the best total over central[0..i) × local[0..j); rows are rolled.
  let prev = new Float64Array(m + 1);
  let curr = new Float64Array(m + 1);
  const sim = new Float64Array(m);
  // 0: skip central, 1: skip local, 2: pair.
  const move = new Uint8Array(n * m);
  const rowSims: Array<Map<number, number>> = [];
  for (let i = 0; i < n; i++) {
    const hits = index.search(vocabulary.vector(centralCounts[i]!)).filter((c) => c.cosine >= MIN_PAIR);
    for (const c of hits) sim[c.index] = c.cosine;
    rowSims.push(new Map(hits.map((c) => [c.index, c.cosine])));
    curr[0] = prev[0]!;
    for (let j = 1; j <= m; j++) {
      let best = prev[j]!;
      let how = 0;
      if (curr[j - 1]! > best) {
        best = curr[j - 1]!;
        how = 1;
      }
      const s = sim[j - 1]!;
      if (s > 0 && prev[j - 1]! + s > best) {
        best = prev[j - 1]! + s;
        how = 2;
      }
      curr[j] = best;
      move[i * m + j - 1] = how;
    }
    for (const c of hits) sim[c.index] = 0;
    [prev, curr] = [curr, prev];
  }
  const path: Array<[number, number]> = [];
  for (let i = n - 1, j = m - 1; i >= 0 && j >= 0; ) {
    const how = move[i * m + j]!;
    if (how === 2) path.push([i--, j--]);
    else if (how === 1) j--;
    else i--;
  }
  const similar = (i: number) => new Map([...rowSims[i]!].map(([j, s]) => [local[j]!, s]));
  // Backtracking walks from the end; the map lists pairs in document order.
  for (const [i, j] of path.reverse()) out.set(central[i]!, { local: local[j]!, score: rowSims[i]!.get(j)!, similar: similar(i) });
  // A clause the local text moved out of order is skipped by the monotone path: it takes its most similar local clause.
  central.forEach((u, i) => {
    if (out.has(u)) return;
    let best = -1;
    let score = 0;
    for (const [j, s] of rowSims[i]!) if (s > score) [best, score] = [j, s];
    if (best >= 0) out.set(u, { local: local[best]!, score, similar: new Map() });
  });
  return out;
}
