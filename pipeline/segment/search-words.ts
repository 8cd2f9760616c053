/**
 * Jieba's search mode, computed here from precise-mode words: each word longer than two characters
 * is preceded by its two-character and then its three-character substrings that are dictionary
 * words (what jieba-rs `cut_for_search` does; a test holds the two outputs equal). Asking the
 * native segmenter for precise words and adding the sub-words here costs less than its own search
 * mode: a long word's sub-words are looked up once and then remembered, and they are shared strings
 * instead of new ones from every call.
 * @module
 */

/** Open-addressing set of two- and three-character BMP words, keyed by their UTF-16 code units. */
class GramTable {
  // Sized for jieba's default dictionary (about 245,000 such words), so it is never rehashed in practice.
  #bits = 19;
  #size = 0;
  /** First two code units of each word (never 0 for a word: 0 marks a free slot). */
  #high = new Uint32Array(1 << this.#bits);
  /** Third code unit, or 0 for a two-character word. */
  #low = new Uint32Array(1 << this.#bits);

  #slot(high: number, low: number): number {
    return Math.imul(high ^ Math.imul(low + 1, 0x9e3779b1), 0x85ebca6b) >>> (32 - this.#bits);
  }

  add(high: number, low: number): void {
    const mask = (1 << this.#bits) - 1;
    for (let i = this.#slot(high, low); ; i = (i + 1) & mask) {
      if (this.#high[i] === 0) {
        this.#high[i] = high;
        this.#low[i] = low;
        if (++this.#size * 2 > mask) this.#grow();
        return;
      }
      if (this.#high[i] === high && this.#low[i] === low) return;
    }
  }

  has(high: number, low: number): boolean {
    const mask = (1 << this.#bits) - 1;
    for (let i = this.#slot(high, low); this.#high[i] !== 0; i = (i + 1) & mask) {
      if (this.#high[i] === high && this.#low[i] === low) return true;
    }
    return false;
  }

  /** Doubles the table, so it stays at most half full. */
  #grow(): void {
    const [high, low] = [this.#high, this.#low];
    this.#bits += 1;
    this.#size = 0;
    this.#high = new Uint32Array(1 << this.#bits);
    this.#low = new Uint32Array(1 << this.#bits);
    for (let i = 0; i < high.length; i++) if (high[i] !== 0) this.add(high[i]!, low[i]!);
  }
}

const isSurrogate = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdfff;
const pair = (a: number, b: number): number => ((a << 16) | b) >>> 0;
const isWordEnd = (byte: number): boolean => byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;

/** Long words whose sub-words are remembered; past this the memory starts again. */
const MEMO_WORDS = 50_000;
const NONE: readonly string[] = [];

/** Dictionary words of two and three characters, and jieba's search mode over precise words. */
export class SearchWords {
  readonly #grams = new GramTable();
  /** The few such words with a character outside the BMP. */
  readonly #astral = new Set<string>();
  readonly #memo = new Map<string, readonly string[]>();

  /** `dictionaries`: jieba dictionary files as loaded into the segmenter (`word [freq] [tag]` lines). */
  constructor(dictionaries: readonly Uint8Array[]) {
    for (const bytes of dictionaries) this.#load(bytes);
  }

  /** Pushes `word`'s dictionary sub-words (two-character ones first), then the word itself. */
  push(word: string, out: string[]): void {
    if (word.length > 2) {
      let subs = this.#memo.get(word);
      if (subs === undefined) {
        subs = this.#hasSurrogate(word) ? this.#astralSubWords(word) : this.#subWords(word);
        if (this.#memo.size >= MEMO_WORDS) this.#memo.clear();
        this.#memo.set(word, subs);
      }
      for (const s of subs) out.push(s);
    }
    out.push(word);
  }

  #subWords(word: string): readonly string[] {
    let subs: string[] | undefined;
    const n = word.length;
    for (let i = 0; i + 2 <= n; i++) {
      if (this.#grams.has(pair(word.charCodeAt(i), word.charCodeAt(i + 1)), 0)) (subs ??= []).push(word.slice(i, i + 2));
    }
    for (let i = 0; n > 3 && i + 3 <= n; i++) {
      if (this.#grams.has(pair(word.charCodeAt(i), word.charCodeAt(i + 1)), word.charCodeAt(i + 2))) (subs ??= []).push(word.slice(i, i + 3));
    }
    return subs ?? NONE;
  }

  #hasSurrogate(word: string): boolean {
    for (let i = 0; i < word.length; i++) if (isSurrogate(word.charCodeAt(i))) return true;
    return false;
  }

  /** The same by code points, for a word with characters outside the BMP. */
  #astralSubWords(word: string): readonly string[] {
    const chars = [...word];
    const subs: string[] = [];
    for (const size of [2, 3]) {
      for (let i = 0; chars.length > size && i + size <= chars.length; i++) {
        const gram = chars.slice(i, i + size).join('');
        const bmp = !this.#hasSurrogate(gram) && this.#grams.has(pair(gram.charCodeAt(0), gram.charCodeAt(1)), size === 3 ? gram.charCodeAt(2) : 0);
        if (bmp || this.#astral.has(gram)) subs.push(gram);
      }
    }
    return subs;
  }

  /**
   * Adds the dictionary's words of two or three characters, decoded from its UTF-8 bytes in place:
   * a string per line would cost more than the whole table.
   */
  #load(bytes: Uint8Array): void {
    const length = bytes.length;
    for (let at = 0; at < length; ) {
      let end = at;
      let units = 0;
      let wide = false;
      let u0 = 0;
      let u1 = 0;
      let u2 = 0;
      // The word ends at the first space, tab or line end; four units are already too long.
      while (end < length && units <= 3) {
        const b = bytes[end]!;
        if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) break;
        let code = 0;
        if (b < 0x80) {
          code = b;
          end += 1;
        } else if (b < 0xe0) {
          code = ((b & 0x1f) << 6) | (bytes[end + 1]! & 0x3f);
          end += 2;
        } else if (b < 0xf0) {
          code = ((b & 0x0f) << 12) | ((bytes[end + 1]! & 0x3f) << 6) | (bytes[end + 2]! & 0x3f);
          end += 3;
        } else {
          wide = true;
          end += 4;
        }
        if (units === 0) u0 = code;
        else if (units === 1) u1 = code;
        else u2 = code;
        units++;
      }
      const whole = end >= length || isWordEnd(bytes[end]!);
      if (whole && units === 2 && !wide) this.#grams.add(pair(u0, u1), 0);
      else if (whole && units === 3 && !wide) this.#grams.add(pair(u0, u1), u2);
      else if (whole && (units === 2 || units === 3)) this.#astral.add(new TextDecoder().decode(bytes.subarray(at, end)));
      while (end < length && bytes[end] !== 0x0a) end++;
      at = end + 1;
    }
  }
}
