/**
 * MinHash signatures and LSH banding. Each of k hash functions keeps the smallest hash over a
 * shingle set; two sets agree on a function with probability equal to their Jaccard similarity.
 * Cutting the signature into b bands of r rows makes a pair a candidate when any band agrees
 * whole: probability 1 − (1 − J^r)^b, a steep S-curve around (1/b)^(1/r).
 * @module
 */
import { mix32 } from './shingles.js';
import { mulberry32 } from '../prng.js';


export class MinHasher {
  private readonly a: Uint32Array;
  private readonly b: Uint32Array;

  constructor(readonly size: number, seed = 0x5eed) {
    const next = mulberry32(seed);
    this.a = Uint32Array.from({ length: size }, () => next() | 1);
    this.b = Uint32Array.from({ length: size }, () => next());
  }

  /**
   * The signature of a shingle set. The shingles are already well mixed (murmur finalizer), so
   * one multiply-add per function is enough to make the k orderings independent in practice.
   */
  signature(set: Uint32Array): Uint32Array {
    const { a, b, size } = this;
    const sig = new Uint32Array(size);
    // One function at a time with its minimum in a local: several times faster than updating the array per shingle.
    for (let i = 0; i < size; i++) {
      const ai = a[i]!;
      const bi = b[i]!;
      let min = 0xffffffff;
      for (let j = 0; j < set.length; j++) {
        const v = (Math.imul(ai, set[j]!) + bi) >>> 0;
        if (v < min) min = v;
      }
      sig[i] = min;
    }
    return sig;
  }
}

/** Jaccard similarity estimated from two signatures: the share of functions on which they agree. */
export function estimate(x: Uint32Array, y: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === y[i]) same++;
  return x.length ? same / x.length : 0;
}

/** The bucket key of band `band` (rows `band*rows … band*rows+rows-1`) of a signature. */
export function bandKey(sig: Uint32Array, band: number, rows: number): number {
  let h = band;
  for (let i = band * rows; i < (band + 1) * rows; i++) h = (mix32(h ^ sig[i]!) + 0x9e3779b9) >>> 0;
  return h;
}

/** Probability that a pair with Jaccard similarity j becomes a candidate under b bands of r rows. */
export function candidateProbability(j: number, bands: number, rows: number): number {
  return 1 - (1 - j ** rows) ** bands;
}
