/**
 * The first level of alignment: central clauses against local clauses, globally and in order. A
 * provincial 实施办法 mostly follows its law's order, so a monotone alignment (dynamic programming
 * with free skips on both sides) pairs clauses far better than taking each clause's best match
 * alone: a near-copy in the right place wins over a similar clause elsewhere. The path runs over
 * articles (a clause read with its list: lead-in and items), as a reader sets article against
 * article; each central clause then takes the clause of its paired local article most similar to
 * it. Over single clauses, a list copied item by item (five clauses at cosine 1) outweighed the
 * articles the local text puts before it, and the path skipped them. A central clause whose article the path skips (the local text moved it, or
 * answers it in an article already paired) takes its most similar local clause. Sentences are
 * matched inside the aligned pairs first.
 * @module
 */
import { ClauseIndex, sumVectors, Vocabulary } from './lexical.js';
import { familyOf, matchWords, type Unit } from './units.js';

/** Below this cosine two clauses are not worth pairing at all. */
const MIN_PAIR = 0.12;

/**
 * What a pair on the monotone path is worth is its cosine above this (about what two clauses of one
 * field share by chance): summing raw cosines, two pairs of articles at chance level (0.13 + 0.13)
 * outweighed the one pair at 0.25 that crosses them, and the path held an article against its
 * namesake by order alone (the local text moved the matter) where the article on the same matter
 * stood elsewhere.
 */
const CHANCE = 0.1;

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

/** The monotone path through a sparse similarity matrix (rows: central, cells ≥ MIN_PAIR), as [row, column] pairs in order. */
function monotonePath(rows: ReadonlyArray<ReadonlyMap<number, number>>, m: number): Array<[number, number]> {
  const n = rows.length;
  let prev = new Float64Array(m + 1);
  let curr = new Float64Array(m + 1);
  const sim = new Float64Array(m);
  // 0: skip central, 1: skip local, 2: pair.
  const move = new Uint8Array(n * m);
  for (let i = 0; i < n; i++) {
    for (const [j, s] of rows[i]!) sim[j] = s;
    curr[0] = prev[0]!;
    for (let j = 1; j <= m; j++) {
      let best = prev[j]!;
      let how = 0;
      if (curr[j - 1]! > best) {
        best = curr[j - 1]!;
        how = 1;
      }
      const s = sim[j - 1]!;
      if (s > 0 && prev[j - 1]! + s - CHANCE > best) {
        best = prev[j - 1]! + s - CHANCE;
        how = 2;
      }
      curr[j] = best;
      move[i * m + j - 1] = how;
    }
    for (const j of rows[i]!.keys()) sim[j] = 0;
    [prev, curr] = [curr, prev];
  }
  const path: Array<[number, number]> = [];
  for (let i = n - 1, j = m - 1; i >= 0 && j >= 0; ) {
    const how = move[i * m + j]!;
    if (how === 2) path.push([i--, j--]);
    else if (how === 1) j--;
    else i--;
  }
  return path.reverse();
}

/** Indices of units grouped by family (an article with its list items), in document order. */
function familiesOf(units: readonly Unit[]): number[][] {
  const at = new Map<string, number[]>();
  units.forEach((u, i) => {
    const key = familyOf(u);
    const f = at.get(key);
    if (f) f.push(i);
    else at.set(key, [i]);
  });
  return [...at.values()];
}

/**
 * For each central clause, the local clause it is aligned with (if any): a clause of the local article
 * paired with its article on the monotone path, the one most similar to it (cosine ≥ MIN_PAIR), or,
 * when none is, that article's first clause (a list item under a lead-in the local text answers in
 * a clause of its own: `（一）进行教育教学活动…` under `教师享有下列权利：` ↔ `…应当保障教师依法享有的
 * 权利`), scored by the two articles' cosine; else its most similar local clause anywhere, or, when
 * no local clause is similar to it alone, the first clause of the local article most similar to its
 * article. Time
 * O(n·m) over typed arrays for n central and m local articles, memory one byte per cell for the path.
 */
export function alignClauses(central: readonly Unit[], local: readonly Unit[]): Map<Unit, ClausePair> {
  const out = new Map<Unit, ClausePair>();
  if (central.length === 0 || local.length === 0) return out;
  const vocabulary = new Vocabulary();
  // Rung words as one term (matchWords), as the sentence alignment matches them.
  const centralCounts = central.map((u) => vocabulary.add(matchWords(u.words)));
  // Vectors only once every clause is counted: a vector made while adding weighs its words by the
  // clauses counted so far, so the first local clauses would weigh common words as rare.
  const localCounts = local.map((u) => vocabulary.add(matchWords(u.words)));
  const centralVectors = centralCounts.map((c) => vocabulary.vector(c));
  const localVectors = localCounts.map((c) => vocabulary.vector(c));
  const index = new ClauseIndex(localVectors);
  const rowSims = centralVectors.map((v) => new Map(index.search(v).filter((c) => c.cosine >= MIN_PAIR).map((c) => [c.index, c.cosine])));
  const similar = (i: number) => new Map([...rowSims[i]!].map(([j, s]) => [local[j]!, s]));

  // Articles: each a clause with its list, as one vector (weights of a shared term add up).
  const centralArticles = familiesOf(central);
  const localArticles = familiesOf(local);
  const articleOf = new Int32Array(local.length);
  localArticles.forEach((a, k) => a.forEach((j) => (articleOf[j] = k)));
  const articleIndex = new ClauseIndex(localArticles.map((a) => sumVectors(a.map((j) => localVectors[j]!))));
  const articleSims = centralArticles.map((a) => new Map(
    articleIndex.search(sumVectors(a.map((i) => centralVectors[i]!))).filter((c) => c.cosine >= MIN_PAIR).map((c) => [c.index, c.cosine]),
  ));
  const paired = new Map(monotonePath(articleSims, localArticles.length));

  centralArticles.forEach((a, k) => {
    const to = paired.get(k);
    for (const i of a) {
      let best = -1;
      let score = 0;
      // A path pair: the closest clause of the paired article, or its first clause.
      if (to !== undefined) {
        for (const [j, s] of rowSims[i]!) if (articleOf[j] === to && s > score) [best, score] = [j, s];
        if (best < 0) [best, score] = [localArticles[to]![0]!, articleSims[k]!.get(to)!];
        out.set(central[i]!, { local: local[best]!, score, similar: similar(i) });
        continue;
      }
      // A clause the local text moved out of order: its most similar local clause; when no clause is
      // similar alone (a list item the local text sums up: `（二）贯彻国家的教育方针…` under `教师应当履行下列
      // 义务：` ↔ `教师应当…忠诚于人民的教育事业`), the first clause of the local article most similar to its
      // article as a whole, at the articles' cosine.
      for (const [j, s] of rowSims[i]!) if (s > score) [best, score] = [j, s];
      if (best < 0) {
        let to = -1;
        for (const [j, s] of articleSims[k]!) if (s > score) [to, score] = [j, s];
        if (to >= 0) best = localArticles[to]![0]!;
      }
      if (best >= 0) out.set(central[i]!, { local: local[best]!, score, similar: new Map() });
    }
  });
  return out;
}
