/**
 * Near-duplicate detection: an index of documents built one at a time (MinHash + LSH banding over
 * character shingles), asked for a new text's near-duplicates or for all clusters. LSH only
 * proposes candidates; every figure reported is the exact similarity of the two shingle sets.
 * @module
 */
import { bandKey, MinHasher } from './minhash.js';
import { DEFAULT_SHINGLE, intersectionSize, shingleSet } from './shingles.js';

export { contentOf, jaccard, shingleSet, textJaccard } from './shingles.js';
export { ShingleCache } from './shingle-cache.js';
export { candidateProbability, estimate, MinHasher } from './minhash.js';

/**
 * How two shingle sets are compared. `jaccard` is |A∩B|/|A∪B|; `overlap` is |A∩B|/min(|A|,|B|),
 * which also pairs a copy a site cut short with the whole piece.
 */
export type Measure = 'jaccard' | 'overlap';

export interface DupOptions {
  /**
   * Characters per shingle.
   * @defaultValue 5
   */
  shingle?: number;
  /**
   * LSH bands; with `rows` this sets where candidates start: (1/bands)^(1/rows) ≈ 0.29 by default.
   * @defaultValue 42
   */
  bands?: number;
  /**
   * Signature rows per band.
   * @defaultValue 3
   */
  rows?: number;
  /** @defaultValue 'overlap' */
  measure?: Measure;
}

/** Threshold `wenshi dups` and compile use unless told otherwise (chosen on corpus/wenshi/dups, see bench/eval-dedup.ts). */
export const DEFAULT_THRESHOLD = 0.5;

export const DUP_DEFAULTS: Readonly<Required<DupOptions>> = { shingle: DEFAULT_SHINGLE, bands: 42, rows: 3, measure: 'overlap' };

let sharedHasher: MinHasher | undefined;

/**
 * The LSH bucket keys of a text's shingle set ({@link shingleSet} under the default settings), one
 * per band (empty for a text shorter than a shingle). Documents sharing any key are candidates; the
 * archive stores them so a new document is checked against everything already archived without loading it.
 */
export function bandKeys(set: Uint32Array): number[] {
  const { bands, rows } = DUP_DEFAULTS;
  if (set.length === 0) return [];
  sharedHasher ??= new MinHasher(bands * rows);
  const sig = sharedHasher.signature(set);
  return Array.from({ length: bands }, (_, band) => bandKey(sig, band, rows));
}

/** Exact similarity of two sorted shingle sets under the default measure. */
export function defaultSimilarity(a: Uint32Array, b: Uint32Array): number {
  return similarity(a, b, DUP_DEFAULTS.measure);
}

export interface DupMatch {
  id: string;
  similarity: number;
}

export interface DupPair {
  a: string;
  b: string;
  similarity: number;
}

export interface DupCluster {
  /** Members in the order they were added. */
  ids: string[];
  /** The lowest similarity among the pairs that joined the cluster (at or above the threshold). */
  similarity: number;
}

/** Exact similarity of two sorted shingle sets under a measure. */
export function similarity(a: Uint32Array, b: Uint32Array, measure: Measure): number {
  const inter = intersectionSize(a, b);
  const denominator = measure === 'jaccard' ? a.length + b.length - inter : Math.min(a.length, b.length);
  return denominator === 0 ? 0 : inter / denominator;
}

export class DupIndex {
  private readonly opts: Required<DupOptions>;
  private readonly hasher: MinHasher;
  private readonly ids: string[] = [];
  private readonly sets: Uint32Array[] = [];
  private readonly known = new Set<string>();
  private readonly buckets: Map<number, number[]>[];

  constructor(options: DupOptions = {}) {
    this.opts = { ...DUP_DEFAULTS, ...options };
    const { shingle, bands, rows } = this.opts;
    for (const [name, v] of Object.entries({ shingle, bands, rows })) {
      if (!(Number.isInteger(v) && v > 0)) throw new RangeError(`${name} must be a positive integer, got ${v}`);
    }
    this.hasher = new MinHasher(bands * rows);
    this.buckets = Array.from({ length: bands }, () => new Map());
  }

  get size(): number {
    return this.ids.length;
  }

  /** Adds a document. Adding an id again changes nothing (ids derive from the text). */
  add(id: string, text: string): void {
    if (this.known.has(id)) return;
    this.known.add(id);
    const set = shingleSet(text, this.opts.shingle);
    const n = this.ids.length;
    this.ids.push(id);
    this.sets.push(set);
    // A text shorter than one shingle has nothing to compare; all such texts would share every bucket.
    if (set.length === 0) return;
    const sig = this.hasher.signature(set);
    this.buckets.forEach((bucket, band) => {
      const key = bandKey(sig, band, this.opts.rows);
      const members = bucket.get(key);
      if (members) members.push(n);
      else bucket.set(key, [n]);
    });
  }

  /** Documents in the index that near-duplicate this text, with exact similarity, most similar first. */
  candidates(text: string, minSimilarity = 0): DupMatch[] {
    const set = shingleSet(text, this.opts.shingle);
    if (set.length === 0) return [];
    const sig = this.hasher.signature(set);
    const seen = new Set<number>();
    this.buckets.forEach((bucket, band) => {
      for (const n of bucket.get(bandKey(sig, band, this.opts.rows)) ?? []) seen.add(n);
    });
    return [...seen]
      .map((n) => ({ id: this.ids[n]!, similarity: similarity(set, this.sets[n]!, this.opts.measure) }))
      .filter((m) => m.similarity >= minSimilarity && m.similarity > 0)
      .sort((x, y) => y.similarity - x.similarity || x.id.localeCompare(y.id));
  }

  /** Candidate pairs (by index) at or above the threshold, each tried once however many bands it shares. */
  private matchingPairs(threshold: number): { i: number; j: number; similarity: number }[] {
    const n = this.ids.length;
    const tried = new Set<number>();
    const out: { i: number; j: number; similarity: number }[] = [];
    for (const bucket of this.buckets) {
      for (const members of bucket.values()) {
        for (let x = 0; x < members.length; x++) {
          for (let y = x + 1; y < members.length; y++) {
            const i = members[x]!;
            const j = members[y]!;
            if (tried.has(i * n + j)) continue;
            tried.add(i * n + j);
            const s = similarity(this.sets[i]!, this.sets[j]!, this.opts.measure);
            if (s >= threshold) out.push({ i, j, similarity: s });
          }
        }
      }
    }
    return out;
  }

  /** Every pair of indexed documents at or above the threshold, by exact similarity, most similar first. */
  pairs(threshold: number): DupPair[] {
    return this.matchingPairs(threshold)
      .sort((p, q) => q.similarity - p.similarity || p.i - q.i || p.j - q.j)
      .map(({ i, j, similarity: s }) => ({ a: this.ids[i]!, b: this.ids[j]!, similarity: s }));
  }

  /** Groups of near-duplicates: documents joined by pairs at or above the threshold (single linkage). */
  clusters(threshold: number): DupCluster[] {
    const pairs = this.matchingPairs(threshold);
    const parent = Int32Array.from(this.ids, (_, i) => i);
    const find = (x: number): number => {
      while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
      return x;
    };
    for (const { i, j } of pairs) {
      const [a, b] = [find(i), find(j)];
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
    const groups = new Map<number, { members: Set<number>; similarity: number }>();
    for (const { i, j, similarity: s } of pairs) {
      const root = find(i);
      const g = groups.get(root) ?? { members: new Set<number>(), similarity: 1 };
      g.members.add(i).add(j);
      g.similarity = Math.min(g.similarity, s);
      groups.set(root, g);
    }
    return [...groups.entries()]
      .sort(([ra, a], [rb, b]) => b.similarity - a.similarity || ra - rb)
      .map(([, g]) => ({ ids: [...g.members].sort((x, y) => x - y).map((k) => this.ids[k]!), similarity: g.similarity }));
  }
}
