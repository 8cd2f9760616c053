/**
 * Word-likelihood of short strings from jieba's dictionary frequencies (plus the domain lexicon),
 * used to tell which of two characters beside a space is a scrape-guard intruder.
 * @module
 */
import { dictFreq, dictStats } from '../segment/dict-words.js';
import { loadLexicon } from '../segment/index.js';

interface Dictionary {
  freq: (word: string) => number | undefined;
  logTotal: number;
  maxLen: number;
}

let loaded: Dictionary | undefined;

/** Made once per process, on first need (only noisy paragraphs with a one-sided space need it). */
function dictionary(): Dictionary {
  if (loaded) return loaded;
  const { total, maxLen } = dictStats();
  // Same weight the segmenter gives domain terms, so both agree on what a word is.
  const terms = new Map(loadLexicon().filter((t) => dictFreq(t) === undefined).map((t) => [t, 100_000]));
  loaded = { freq: (word) => dictFreq(word) ?? terms.get(word), logTotal: Math.log(total), maxLen };
  return loaded;
}

/** Log-probability of the best segmentation of `s` (jieba's unigram route; unknown characters get frequency 1). */
export function bestLogProb(s: string): number {
  const { freq, logTotal, maxLen } = dictionary();
  const n = s.length;
  const best = new Float64Array(n + 1);
  for (let i = n - 1; i >= 0; i--) {
    let top = -Infinity;
    for (let j = i + 1; j <= Math.min(n, i + maxLen); j++) {
      const f = freq(s.slice(i, j));
      if (f === undefined && j > i + 1) continue;
      const score = Math.log(f ?? 1) - logTotal + best[j]!;
      if (score > top) top = score;
    }
    best[i] = top;
  }
  return best[0]!;
}

/** Does `s` end with (or, with `atStart`, begin with) a dictionary word of two or more characters? */
export function touchesWord(s: string, atStart: boolean): boolean {
  const { freq, maxLen } = dictionary();
  for (let k = 2; k <= Math.min(maxLen, s.length); k++) {
    if (freq(atStart ? s.slice(0, k) : s.slice(-k)) !== undefined) return true;
  }
  return false;
}

export type Intruder = 'left' | 'right' | null;

/**
 * Which of `a` (left of a space) and `b` (right of it) is the stray character, given a few
 * characters of context on each side; null when keeping both reads as well as dropping either.
 * `canDrop` says which side may be dropped at all (punctuation never is).
 */
export function intruderSide(
  before: string,
  a: string,
  b: string,
  after: string,
  canDrop: { left: boolean; right: boolean },
  keepBias: number,
): Intruder {
  const keep = bestLogProb(before + a + b + after) + keepBias;
  const dropLeft = canDrop.left ? bestLogProb(before + b + after) : -Infinity;
  const dropRight = canDrop.right ? bestLogProb(before + a + after) : -Infinity;
  if (keep >= dropLeft && keep >= dropRight) return null;
  return dropLeft >= dropRight ? 'left' : 'right';
}
