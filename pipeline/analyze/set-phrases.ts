/**
 * Set phrases with numerals (`千家万户`, `一个中国`, `四个意识`, `一次性`): a count that sits inside a
 * longer word of jieba's dictionary or the domain lexicon is no count. The words come from the
 * document's one segmentation (the search tokens), so the check costs no jieba call of its own.
 * @module
 */

/** Chinese digits, by code unit: only they form such words (an Arabic number never does). */
const DIGIT = new Uint8Array(0x10000);
for (const ch of '零〇一二两三四五六七八九十百千万') DIGIT[ch.charCodeAt(0)] = 1;

/** Whether a text starts with a Chinese digit. */
export const startsWithChineseDigit = (text: string, at = 0): boolean => DIGIT[text.charCodeAt(at)] === 1;

/** The words of several characters holding a Chinese digit, as document offsets `[start, end)`, in order. */
export class NumeralWords {
  readonly #spans: number[] = [];

  /** Records `word` at `start` when it is such a word. */
  add(word: string, start: number): void {
    if (word.length < 2) return;
    for (let i = 0; i < word.length; i++) {
      if (DIGIT[word.charCodeAt(i)]) {
        this.#spans.push(start, start + word.length);
        return;
      }
    }
  }

  /** Whether a count at `[start, end)` lies inside a longer word: starts after it, or the word runs on. */
  holds(start: number, end: number): boolean {
    const s = this.#spans;
    for (let i = 0; i < s.length; i += 2) {
      const [from, to] = [s[i]!, s[i + 1]!];
      if (from <= start && start < to) return from < start || to > end;
      if (from > start) break;
    }
    return false;
  }
}
