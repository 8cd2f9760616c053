/**
 * Lexical similarity of clauses: TF-IDF vectors over content words and an inverted index of the
 * local clauses, so each central clause only touches the local clauses that share a word with it
 * (not every pair).
 * @module
 */

/** A text's letters and digits, punctuation and spaces dropped. */
export function lettersOf(text: string): string {
  return text.replace(/[^\p{L}\p{N}]/gu, '');
}

/** The character n-grams of a string (its letters as lettersOf leaves them). */
export function charGrams(letters: string, n: number): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + n <= letters.length; i++) out.add(letters.slice(i, i + n));
  return out;
}

/** A clause as weighted terms: `weights[i]` is the TF-IDF weight of term `terms[i]`. */
export interface TermVector {
  terms: Int32Array;
  weights: Float64Array;
  /** Euclidean norm, for cosine. */
  norm: number;
  /** Sum of weights, for cover. */
  total: number;
}

export interface Candidate {
  /** Index of the local clause. */
  index: number;
  cosine: number;
  /** Share of the query's term weight found in the local clause. */
  cover: number;
}

/** Term ids and document frequencies over every clause of both sides. */
export class Vocabulary {
  private readonly ids = new Map<string, number>();
  private df: number[] = [];
  private clauses = 0;

  /** Counts one clause's words towards document frequency; returns its term ids with counts. */
  add(words: readonly string[]): Map<number, number> {
    this.clauses += 1;
    const counts = new Map<number, number>();
    for (const w of words) {
      let id = this.ids.get(w);
      if (id === undefined) {
        id = this.df.length;
        this.ids.set(w, id);
        this.df.push(0);
      }
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    for (const id of counts.keys()) this.df[id] = (this.df[id] ?? 0) + 1;
    return counts;
  }

  /** Smoothed IDF: a word in every clause still weighs a little, a rare one much more. */
  idf(id: number): number {
    return Math.log(1 + this.clauses / (this.df[id] ?? 1));
  }

  /** Term ids of words already seen, with counts (words never added are dropped). */
  lookup(words: readonly string[]): Map<number, number> {
    const counts = new Map<number, number>();
    for (const w of words) {
      const id = this.ids.get(w);
      if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  }

  /**
   * Adds the words a text only cites (see Sentence.cited) to its counts, once each and not towards
   * document frequency: the weights stay those of what the texts say. Words never seen are dropped.
   */
  addCited(counts: Map<number, number>, words: readonly string[]): void {
    for (const w of words) {
      const id = this.ids.get(w);
      if (id !== undefined && !counts.has(id)) counts.set(id, 1);
    }
  }

  /** TF-IDF vector with sublinear term frequency, terms sorted by id. */
  vector(counts: Map<number, number>): TermVector {
    const ids = [...counts.keys()].sort((a, b) => a - b);
    const terms = Int32Array.from(ids);
    const weights = new Float64Array(ids.length);
    let sq = 0;
    let total = 0;
    ids.forEach((id, i) => {
      const w = (1 + Math.log(counts.get(id) ?? 1)) * this.idf(id);
      weights[i] = w;
      sq += w * w;
      total += w;
    });
    return { terms, weights, norm: Math.sqrt(sq), total };
  }
}

/** Dot product and the query's weight on shared terms, by merging the two sorted term lists. */
function overlap(query: TermVector, other: TermVector): { dot: number; shared: number } {
  let dot = 0;
  let shared = 0;
  for (let i = 0, j = 0; i < query.terms.length && j < other.terms.length; ) {
    const x = query.terms[i]!;
    const y = other.terms[j]!;
    if (x === y) {
      shared += query.weights[i]!;
      dot += query.weights[i++]! * other.weights[j++]!;
    } else if (x < y) i++;
    else j++;
  }
  return { dot, shared };
}

/** Cosine of two vectors (terms sorted by id). */
export function cosine(a: TermVector, b: TermVector): number {
  return a.norm === 0 || b.norm === 0 ? 0 : overlap(a, b).dot / (a.norm * b.norm);
}

/** Cosine and cover of one pair, computed directly (what the index computes for many at once). */
export function pairScores(query: TermVector, other: TermVector): { cosine: number; cover: number } {
  if (query.norm === 0 || other.norm === 0) return { cosine: 0, cover: 0 };
  const { dot, shared } = overlap(query, other);
  return { cosine: dot / (query.norm * other.norm), cover: shared / query.total };
}

/** The vector of several texts read as one: weights of a shared term add up. */
export function sumVectors(vectors: readonly TermVector[]): TermVector {
  const summed = new Map<number, number>();
  for (const v of vectors) v.terms.forEach((t, i) => summed.set(t, (summed.get(t) ?? 0) + v.weights[i]!));
  const ids = [...summed.keys()].sort((a, b) => a - b);
  const weights = Float64Array.from(ids, (t) => summed.get(t)!);
  let sq = 0;
  let total = 0;
  for (const w of weights) {
    sq += w * w;
    total += w;
  }
  return { terms: Int32Array.from(ids), weights, norm: Math.sqrt(sq), total };
}

/** Share of `query`'s term weight present in at least one of `vectors`. */
export function cover(query: TermVector, vectors: readonly TermVector[]): number {
  if (query.total === 0) return 0;
  const present = new Set<number>();
  for (const v of vectors) for (const t of v.terms) present.add(t);
  let found = 0;
  query.terms.forEach((t, i) => {
    if (present.has(t)) found += query.weights[i]!;
  });
  return found / query.total;
}

/** Inverted index of the local clauses: term → (clause, normalized weight). */
export class ClauseIndex {
  private readonly postings = new Map<number, { clause: number[]; weight: number[] }>();
  private readonly dot: Float64Array;
  private readonly found: Float64Array;

  constructor(readonly vectors: readonly TermVector[]) {
    vectors.forEach((v, clause) => {
      v.terms.forEach((t, i) => {
        let p = this.postings.get(t);
        if (!p) this.postings.set(t, (p = { clause: [], weight: [] }));
        p.clause.push(clause);
        p.weight.push(v.norm ? v.weights[i]! / v.norm : 0);
      });
    });
    this.dot = new Float64Array(vectors.length);
    this.found = new Float64Array(vectors.length);
  }

  /** Every local clause sharing a term with the query, with its cosine and cover. */
  search(query: TermVector): Candidate[] {
    if (query.norm === 0) return [];
    const touched: number[] = [];
    query.terms.forEach((t, i) => {
      const p = this.postings.get(t);
      if (!p) return;
      const qw = query.weights[i]!;
      for (let k = 0; k < p.clause.length; k++) {
        const c = p.clause[k]!;
        if (this.found[c] === 0) touched.push(c);
        this.dot[c] = this.dot[c]! + (qw / query.norm) * p.weight[k]!;
        this.found[c] = this.found[c]! + qw;
      }
    });
    const out = touched.map((index) => ({ index, cosine: this.dot[index]!, cover: this.found[index]! / query.total }));
    // Reset only what this query touched, so a search costs its postings, not the index size.
    for (const c of touched) {
      this.dot[c] = 0;
      this.found[c] = 0;
    }
    return out;
  }
}
