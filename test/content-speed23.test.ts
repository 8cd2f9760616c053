import { describe, expect, it } from 'vitest';
import { MinHasher } from '../pipeline/dedup/minhash.js';
import { simdMinima } from '../pipeline/dedup/minima-simd.js';
import { mulberry32 } from '../pipeline/prng.js';

/** The minima as the scalar definition gives them: (a·x + b) mod 2³², smallest unsigned. */
function reference(set: Uint32Array, size: number, seed = 0x5eed): Uint32Array {
  const next = mulberry32(seed);
  const a = Array.from({ length: size }, () => next() | 1);
  const b = Array.from({ length: size }, () => next());
  return Uint32Array.from(a, (ak, k) => {
    let m = 0xffffffff;
    for (const x of set) m = Math.min(m, (Math.imul(ak, x) + b[k]!) >>> 0);
    return m;
  });
}

describe('MinHash minima with WebAssembly SIMD', () => {
  it('is available on this Node', () => {
    expect(simdMinima()).not.toBeNull();
  });

  it('gives the scalar signatures bit for bit, for any size and set', () => {
    const next = mulberry32(7);
    for (const size of [126, 128, 16, 5, 1]) {
      const hasher = new MinHasher(size);
      for (const n of [0, 1, 3, 17, 1000, 5000]) {
        const set = Uint32Array.from({ length: n }, () => next() >>> 0);
        expect(hasher.signature(set)).toEqual(reference(set, size));
      }
    }
  });
});
