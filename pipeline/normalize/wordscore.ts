/**
 * Word-likelihood of short strings from jieba's dictionary frequencies (plus the domain lexicon),
 * used to tell which of two characters beside a space is a scrape-guard intruder.
 * @module
 */
import { jiebaDict, loadLexicon } from '../segment/index.js';

interface Dictionary {
  freq: Map<string, number>;
  logTotal: number;
  maxLen: number;
}

let loaded: Dictionary | undefined;

/** Parsed once per process, on first need (only noisy paragraphs with a one-sided space need it). */
function dictionary(): Dictionary {
  if (loaded) return loaded;
  const freq = new Map<string, number>();
  let total = 0;
  let maxLen = 1;
  for (const line of jiebaDict().toString('utf8').split('\n')) {
    const sp = line.indexOf(' ');
    if (sp <= 0) continue;
    const word = line.slice(0, sp);
    const f = Number.parseInt(line.slice(sp + 1), 10);
    if (!(f > 0)) continue;
    freq.set(word, f);
    total += f;
    if (word.length > maxLen) maxLen = word.length;
  }
  // Same weight the segmenter gives domain terms, so both agree on what a word is.
  for (const term of loadLexicon()) if (!freq.has(term)) freq.set(term, 100_000);
  loaded = { freq, logTotal: Math.log(total), maxLen };
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
      const f = freq.get(s.slice(i, j));
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
    if (freq.has(atStart ? s.slice(0, k) : s.slice(-k))) return true;
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
