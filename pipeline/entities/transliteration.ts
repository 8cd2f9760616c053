/**
 * Whether characters read as a transliteration of a foreign name (伏罗希洛夫, 尼拉 of 马尼拉) rather
 * than as a Chinese given name (恩来, 崇德) or common words (的抵触情绪), by character statistics from
 * data, not a list of names: the Chinese names CLDR gives the world's countries and languages (Node's
 * ICU data through `Intl.DisplayNames`: 阿尔巴尼亚, 斯瓦希里语), which are transliterations, against the
 * given names of the three-character personal names in jieba's dictionary (surname + given name,
 * tagged `nr`) and against the characters of its other words.
 * @module
 */
import { dictEntries } from './lexicon.js';
import { surnameLength } from './surnames.js';

/** Generic words CLDR puts around a transliterated name (斯瓦希里 + 语, 所罗门 + 群岛). */
const GENERIC_ENDING = /(?:语|文|共和国|群岛|岛|国)$/;
/** Added to every count, so a character neither source has says nothing either way. */
const SMOOTHING = 0.5;
/**
 * A given name whose characters lean this far towards transliteration (log-likelihood ratio
 * summed over its characters) is a foreign word: 尼拉 4.7, 勒斯 2.7 against 孟舒 1.6, 恩来 0.9.
 */
const FOREIGN_GIVEN_NAME = 2.5;
/**
 * A whole name of three or more characters is foreign from these means per character, against given
 * names and against common words: 伏罗希洛夫 0.8 and 3.6, 柯西金 0.5 and 2.0; 苏联最高苏维埃 passes
 * too, which is why a name read so must also hold no common word (see persons.ts); 的抵触情绪 1.6
 * and −0.3, 毛泽东 0.4 and 1.7.
 */
const FOREIGN_PER_CHAR = { given: 0.5, words: 1.5 };

interface Counts {
  of: Map<string, number>;
  total: number;
}

interface Model {
  foreign: Counts;
  given: Counts;
  words: Counts;
}

let model: Model | undefined;
const counts = (): Counts => ({ of: new Map(), total: 0 });

function add(counts: Counts, chars: string): void {
  for (const ch of chars) {
    counts.of.set(ch, (counts.of.get(ch) ?? 0) + 1);
    counts.total += 1;
  }
}

/** Every Chinese name CLDR gives a two-letter region code or a two- or three-letter language code. */
function cldrNames(): Set<string> {
  const region = new Intl.DisplayNames(['zh-CN'], { type: 'region', fallback: 'none' });
  const language = new Intl.DisplayNames(['zh-CN'], { type: 'language', fallback: 'none' });
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const names = new Set<string>();
  const take = (display: Intl.DisplayNames, code: string): void => {
    try {
      const name = display.of(code);
      if (name) names.add(name);
    } catch {
      // Not a well-formed code for this type (some three-letter ones): nothing to learn.
    }
  };
  for (const a of letters) {
    for (const b of letters) {
      take(region, (a + b).toUpperCase());
      take(language, a + b);
      for (const c of letters) take(language, a + b + c);
    }
  }
  return names;
}

const chineseWord = (w: string): boolean => /^[\u4e00-\u9fff]+$/.test(w);

function build(): Model {
  const m: Model = { foreign: counts(), given: counts(), words: counts() };
  for (const name of cldrNames()) {
    const bare = name.replace(GENERIC_ENDING, '');
    if (bare.length >= 2 && chineseWord(bare)) add(m.foreign, bare);
  }
  for (const [word, entry] of dictEntries()) {
    if (!chineseWord(word)) continue;
    if (entry.tag === 'nr' && word.length === 3 && surnameLength(word) === 1) add(m.given, word.slice(1));
    // Names of every kind are left out of the common words: they hold transliterations too.
    else if (!/^n[rstz]/.test(entry.tag)) add(m.words, word);
  }
  return m;
}

const logShare = (c: Counts, ch: string): number => Math.log(((c.of.get(ch) ?? 0) + SMOOTHING) / c.total);

/** How far the characters lean towards a transliteration (> 0) rather than the other kind of text (< 0). */
function score(chars: string, against: 'given' | 'words'): number {
  const m = (model ??= build());
  let sum = 0;
  for (const ch of chars) sum += logShare(m.foreign, ch) - logShare(m[against], ch);
  return sum;
}

/** A given name (the part after a surname) that reads as part of a foreign word (马 + 尼拉). */
export function foreignGivenName(given: string): boolean {
  return given.length >= 2 && score(given, 'given') >= FOREIGN_GIVEN_NAME;
}

/** A name of three or more characters that reads as a transliteration as a whole (伏罗希洛夫). */
export function foreignName(name: string): boolean {
  return name.length >= 3 && score(name, 'given') / name.length >= FOREIGN_PER_CHAR.given
    && score(name, 'words') / name.length >= FOREIGN_PER_CHAR.words;
}
