/**
 * Shingles for near-duplicate detection: hashed character n-grams of a text with everything but
 * its letters, digits and ideographs taken out, so line breaks, spacing, punctuation and
 * full-width forms never make two copies of one piece differ.
 * @module
 */

/** Characters n-grams are taken over (5 chosen on corpus/wenshi/dups; see bench/eval-dedup.ts). */
export const DEFAULT_SHINGLE = 5;

/** Whitespace, punctuation, symbols, private-use and control characters. */
const NOT_CONTENT = /[\s\p{P}\p{S}\p{Co}\p{Cc}\p{Cf}]/gu;

/** The text as shingles see it: NFKC (full-width → ASCII), lower case, content characters only. */
export function contentOf(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(NOT_CONTENT, '');
}

/** Murmur3's finalizer: spreads a 32-bit value so every output bit depends on every input bit. */
export function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** {@link NOT_CONTENT} for one character: not global, so `test` keeps no position between calls. */
const NOT_CONTENT_CHAR = new RegExp(NOT_CONTENT.source, 'u');

let contentTable: Uint8Array | undefined;

/**
 * 1 for each BMP code unit {@link contentOf} keeps, 0 for those it takes out; surrogates are 1 (a
 * lone one is kept, and a pair is looked up whole). A lookup instead of the expression's
 * replace, which was two fifths of shingleSet on the scale corpus.
 */
function contentChars(): Uint8Array {
  if (contentTable) return contentTable;
  const table = new Uint8Array(0x10000);
  for (let c = 0; c < table.length; c++) table[c] = (c >= 0xd800 && c <= 0xdfff) || !NOT_CONTENT_CHAR.test(String.fromCharCode(c)) ? 1 : 0;
  contentTable = table;
  return table;
}

/**
 * Working arrays kept between calls (code points, hashes, the radix sort's other half): fresh
 * ones for every document were three large zero-filled allocations each, outside the heap but
 * counted by the collector. Arrays past {@link SCRATCH_MAX} values are not kept.
 */
const SCRATCH_MAX = 1 << 22;
let cpScratch = new Int32Array(0);
let hashScratch = new Uint32Array(0);
let sortScratch = new Uint32Array(0);

/** A scratch array of at least `n` values (kept for the next call when not too large). */
function scratch<T extends Int32Array | Uint32Array>(kept: T, n: number, make: (n: number) => T, keep: (a: T) => void): T {
  if (kept.length >= n) return kept;
  const fresh = make(n > SCRATCH_MAX ? n : Math.min(SCRATCH_MAX, Math.max(n, 2 * kept.length)));
  if (fresh.length <= SCRATCH_MAX) keep(fresh);
  return fresh;
}

/** The code points of {@link contentOf}(text), without making that string: the first `length` of `cps`. */
function contentCodePoints(text: string): { cps: Int32Array; length: number } {
  const s = text.normalize('NFKC').toLowerCase();
  const table = contentChars();
  // Code points, so a character outside the BMP is one character, not two halves; a typed array
  // filled in a loop (Array.from with a mapper made shingleSet 40 % slower on the scale corpus).
  const cps = scratch(cpScratch, s.length, (k) => new Int32Array(k), (a) => (cpScratch = a));
  let length = 0;
  for (let i = 0; i < s.length; i++) {
    const cp = s.codePointAt(i)!;
    if (cp > 0xffff) {
      i++;
      if (NOT_CONTENT_CHAR.test(String.fromCodePoint(cp))) continue;
    } else if (table[cp] === 0) continue;
    cps[length++] = cp;
  }
  return { cps, length };
}

/**
 * The distinct hashed n-grams of a text, sorted ascending, so two sets intersect in one merge pass.
 * A text shorter than n has none.
 */
export function shingleSet(text: string, n = DEFAULT_SHINGLE): Uint32Array {
  const { cps, length } = contentCodePoints(text);
  const count = length - n + 1;
  if (count <= 0) return new Uint32Array(0);
  const out = scratch(hashScratch, count, (k) => new Uint32Array(k), (a) => (hashScratch = a)).subarray(0, count);
  if (n === DEFAULT_SHINGLE) {
    // The default unrolled: the same FNV-1a steps, without an inner loop per shingle.
    for (let i = 0; i < count; i++) {
      let h = Math.imul(0x811c9dc5 ^ cps[i]!, 0x01000193);
      h = Math.imul(h ^ cps[i + 1]!, 0x01000193);
      h = Math.imul(h ^ cps[i + 2]!, 0x01000193);
      h = Math.imul(h ^ cps[i + 3]!, 0x01000193);
      out[i] = mix32(Math.imul(h ^ cps[i + 4]!, 0x01000193));
    }
  } else {
    for (let i = 0; i < count; i++) {
      let h = 0x811c9dc5;
      for (let j = 0; j < n; j++) h = Math.imul(h ^ cps[i + j]!, 0x01000193);
      out[i] = mix32(h);
    }
  }
  const sorted = sortAscending(out);
  let w = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[w - 1]) sorted[w++] = sorted[i]!;
  return sorted.slice(0, w);
}

/**
 * Below this many values the native sort is the faster; a radix sort's passes cost ~3 × 2,048
 * buckets. From 1,024 rather than 4,096: sorting the 10 % scale corpus's sets took 0.024 s
 * instead of 0.032 s (256 to 1,024 alike, 2,048 0.026 s).
 */
const RADIX_FROM = 1024;

/**
 * The values in ascending order (the array itself, sorted, or the sort's scratch array, which the
 * next call reuses: copy what is kept). From {@link RADIX_FROM}
 * values an LSD radix sort of three 11-bit digits, ~1.8× faster than the native sort on the
 * scale corpus's shingle sets.
 */
function sortAscending(values: Uint32Array): Uint32Array {
  if (values.length < RADIX_FROM) return values.sort();
  let src: Uint32Array = values;
  let dst: Uint32Array = scratch(sortScratch, values.length, (k) => new Uint32Array(k), (a) => (sortScratch = a)).subarray(0, values.length);
  // The three digits' counts in one pass over the values (not one pass per digit), then each digit's starts.
  const starts = new Uint32Array(3 * 2048);
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    starts[v & 2047]!++;
    starts[2048 + ((v >>> 11) & 2047)]!++;
    starts[4096 + (v >>> 22)]!++;
  }
  for (let digit = 0; digit < 3; digit++) {
    let sum = 0;
    for (let d = digit * 2048; d < (digit + 1) * 2048; d++) {
      const n = starts[d]!;
      starts[d] = sum;
      sum += n;
    }
  }
  for (let digit = 0; digit < 3; digit++) {
    const shift = 11 * digit;
    const base = 2048 * digit;
    for (let i = 0; i < src.length; i++) dst[starts[base + ((src[i]! >>> shift) & 2047)]!++] = src[i]!;
    [src, dst] = [dst, src];
  }
  return src;
}

/** Size of the intersection of two sorted sets. */
export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      n++;
      i++;
      j++;
    }
  }
  return n;
}

/** Exact Jaccard similarity |A∩B| / |A∪B| of two sorted shingle sets (0 when both are empty). */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  const inter = intersectionSize(a, b);
  const union = a.length + b.length - inter;
  return union === 0 ? 0 : inter / union;
}

/** Exact Jaccard similarity of two texts' shingle sets: the figure the index's estimates are checked against. */
export function textJaccard(a: string, b: string, n = DEFAULT_SHINGLE): number {
  return jaccard(shingleSet(a, n), shingleSet(b, n));
}
