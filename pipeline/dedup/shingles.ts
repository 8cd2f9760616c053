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

/**
 * The distinct hashed n-grams of a text, sorted ascending, so two sets intersect in one merge pass.
 * A text shorter than n has none.
 */
export function shingleSet(text: string, n = DEFAULT_SHINGLE): Uint32Array {
  const s = contentOf(text);
  // Code points, so a character outside the BMP is one character, not two halves; a typed array
  // filled in a loop (Array.from with a mapper made this function 40 % slower on the scale corpus).
  const cps = new Int32Array(s.length);
  let length = 0;
  for (let i = 0; i < s.length; i++) {
    const cp = s.codePointAt(i)!;
    cps[length++] = cp;
    if (cp > 0xffff) i++;
  }
  const count = length - n + 1;
  if (count <= 0) return new Uint32Array(0);
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    let h = 0x811c9dc5;
    for (let j = 0; j < n; j++) h = Math.imul(h ^ cps[i + j]!, 0x01000193);
    out[i] = mix32(h);
  }
  out.sort();
  let w = 0;
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[w - 1]) out[w++] = out[i]!;
  return out.slice(0, w);
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
