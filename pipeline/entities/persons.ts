/**
 * Personal names: from bylines (王振华 口述, 作者：孙庆余), from titles and kinship words next to a
 * name (县长李崇德, 许静之先生, 叶剑英副主席), from jieba's `nr` tag when the word reads as surname +
 * given name, from a speaker's line under a speech's title, from the other items of a list that holds a name
 * (王洪文、张春桥、江青、姚文元), and then every other place the same name occurs. A place's name is
 * no person's (台湾省 starts with the surname 台).
 * @module
 */
import { parseByline } from './byline.js';
import { dictEntry, isDictionaryWord } from './lexicon.js';
import { surnameLength, looksLikeName } from './surnames.js';
import { foreignName, foreignGivenName } from './transliteration.js';
import type { Token } from './tokens.js';
import type { Entity } from './types.js';

/** Titles and kin words that stand right before a name (县长李崇德, 祖父孙茂林, 会长叫曾广田). */
const CUE_BEFORE = new RegExp(
  '(?:总书记|委员长|副总理|总理|部长|省长|市长|区长|县长|校长|掌柜|会长|主任|书记|秘书|教员|士绅|干部|司令|团长|营长|连长|局长|乡长|镇长|保长|村长|主席|经理|老板|师傅|' +
    '祖父|祖母|父亲|母亲|伯父|叔父|舅舅|哥哥|姐姐|弟弟|妹妹|同学|战友|地主|商人|教师|医生|记者)(?:名叫|叫|[ 　])?(?=[\\u4e00-\\u9fff])',
  'g',
);
/** Words that stand right after a name (黄孟舒先生, 马正平同志, 郑伯川、黄孟舒等人). */
const CUE_AFTER = /(?<=[\u4e00-\u9fff])(?:先生|同志|老师|女士|等人|副主席|主席|副总理|总理|委员长|总书记|书记|委员|口述|撰稿)/g;

/** jieba tags a person's name can come back with, as a whole or as its given-name part. */
const NAME_TAGS = new Set(['nr', 'nrfg', 'nrt']);
const GIVEN_TAGS = new Set(['nr', 'nrfg', 'nrt', 'nz', 'ns', 'x']);

/** Buildings jieba's dictionary tags as names (关帝庙): a surname-first word ending so is a place. */
const BUILDING = /[庙寺阁楼塔祠观桥]$/;

/** Characters that rarely stand in a given name: particles and function words (党和政, 时中过). */
const FUNCTION_CHARS = /[的了着过是和与及也都就而被把将从对向于所等们这那么吗呢吧啊在不]/;
/** Parts of speech of a common word that a given name is not (水平 n, 列席 n, 党员 n). */
const COMMON_TAGS = new Set(['n', 'v', 'vn', 'p', 'd', 'c', 'u', 'r', 'm', 'q', 'f', 't', 'l', 'i', 'ad', 'an', 's']);
const COMMON_FREQ = 100;
/** Tags jieba gives a conjunction, adverb or particle in its sentence (和, 都 and 曾 are surnames as well). */
const FUNCTION_TAGS = new Set(['c', 'd', 'u', 'uj', 'ul']);

/**
 * A surname-first string that is no common word: not a dictionary word other than a name (关于),
 * and no frequent common word as its two-character given name (高 + 水平).
 */
export function plausibleName(name: string, cued = false): boolean {
  if (!looksLikeName(name)) return false;
  const given = name.slice(surnameLength(name));
  // 马 + 尼拉 is a transliterated word (Manila) that starts with a surname's character.
  if (FUNCTION_CHARS.test(given) || foreignGivenName(given)) return false;
  // Next to a title the dictionary's tag for a three-character whole is no counter-evidence (it tags
  // 周恩来 `t`); a two-character one still is (全体委员, 明确委员).
  const whole = cued && name.length > 2 ? undefined : dictEntry(name);
  if (whole && !whole.tag.startsWith('nr')) return false;
  // A word and a suffix, not a name, when the first two characters are a word already (许可 + 证, 安全 + 感, 封建 + 性).
  if (name.length === 3 && given.length === 2 && isDictionaryWord(name.slice(0, 2))) return false;
  // Every single character is a dictionary word, so only a two-character given name can be told apart.
  const part = given.length > 1 ? dictEntry(given) : undefined;
  return !(part && COMMON_TAGS.has(part.tag) && part.freq >= COMMON_FREQ);
}

function person(text: string, start: number, end: number, rule: string): Entity {
  return { kind: 'person', text: text.slice(start, end), start, end, rule };
}

/** The people of every line that is a byline (王振华 口述　刘文清 整理). */
/** A speech or article names its speaker on a line of its own under the title and date (政府工作报告 / 日期 / 周恩来). */
const SPEAKER_LINES = 5;

function bylines(text: string): Entity[] {
  const out: Entity[] = [];
  let lineStart = 0;
  text.split('\n').forEach((line, n) => {
    const name = line.trim();
    if (n < SPEAKER_LINES && plausibleName(name, true)) {
      const at = lineStart + line.indexOf(name);
      out.push(person(text, at, at + name.length, 'speaker'));
    }
    const found = parseByline(line, plausibleName);
    const names = found ? [found.narrator, found.author].flatMap((n) => n?.split('、') ?? []) : [];
    for (const name of names) {
      const at = line.indexOf(name);
      if (at < 0 || at >= found!.end) continue;
      out.push(person(text, lineStart + at, lineStart + at + name.length, 'byline'));
    }
    lineStart += line.length + 1;
  });
  return out;
}

/** After a title: surname at `at`, given name of two characters if it ends on a word boundary, else one. */
/**
 * A surname jieba reads as a function word here (总理和中缅, 干部都要象, 我和罗同志) starts a name only
 * when one name-like word of two characters follows it as its given name (叫曾 + 广田).
 */
function readAsFunctionWord(at: number, tokenAt: ReadonlyMap<number, Token>): boolean {
  const first = tokenAt.get(at);
  if (!(first?.word.length === 1 && FUNCTION_TAGS.has(first.tag))) return false;
  const given = tokenAt.get(first.end);
  return !(given && GIVEN_TAGS.has(given.tag) && given.word.length === 2);
}

function nameFrom(text: string, at: number, bounds: Set<number>, tokenAt: ReadonlyMap<number, Token>): number | null {
  const s = surnameLength(text.slice(at));
  if (!s || !bounds.has(at)) return null;
  if (readAsFunctionWord(at, tokenAt)) return null;
  for (const len of [s + 2, s + 1]) {
    const end = at + len;
    if (end <= text.length && bounds.has(end) && plausibleName(text.slice(at, end), true)) return end;
  }
  return null;
}

/** Before a trailing cue ending at `end`: the longest surname + given name that starts on a word boundary. */
function nameBefore(text: string, end: number, bounds: Set<number>, tokenAt: ReadonlyMap<number, Token>): number | null {
  for (const len of [4, 3, 2]) {
    const start = end - len;
    if (start < 0 || !bounds.has(start) || readAsFunctionWord(start, tokenAt)) continue;
    if (plausibleName(text.slice(start, end), true)) return start;
  }
  return null;
}

/** Longest and shortest transliterated name read next to a title (伏罗希洛夫, 尼赫鲁). */
const FOREIGN_LENGTHS = [7, 6, 5, 4, 3];

/**
 * A transliterated name from `from` to `to` (one of them the title's side): on word boundaries, no
 * function word's character in it (和中缅 after 总理), and no word among its tokens that the dictionary knows well other than as a person's name (代表 of
 * 各位代表同志, 苏联 and 最高 of 苏联最高苏维埃), so only a run of sounds (伏 + 罗希洛夫 `nr`) is read.
 */
function foreignSpan(text: string, from: number, to: number, bounds: Set<number>, tokenAt: ReadonlyMap<number, Token>): boolean {
  const name = text.slice(from, to);
  if (!bounds.has(from) || !bounds.has(to) || !/^[\u4e00-\u9fff]+$/.test(name) || FUNCTION_CHARS.test(name) || !foreignName(name)) return false;
  for (let t = tokenAt.get(from); t && t.start < to; t = tokenAt.get(t.end)) if (commonWord(t.word)) return false;
  return true;
}

/**
 * A word of two or more characters the dictionary holds as anything but a person's name: often, or
 * as a place or an organisation at all (苏联最高苏维埃 `nt`).
 */
function commonWord(word: string): boolean {
  const entry = word.length > 1 ? dictEntry(word) : undefined;
  return !!entry && !NAME_TAGS.has(entry.tag) && (entry.freq >= COMMON_FREQ || /^n[st]/.test(entry.tag));
}

function cued(text: string, tokens: readonly Token[], bounds: Set<number>): Entity[] {
  const out: Entity[] = [];
  const tokenAt = new Map(tokens.map((t) => [t.start, t]));
  for (const m of text.matchAll(CUE_BEFORE)) {
    const at = m.index + m[0].length;
    const end = nameFrom(text, at, bounds, tokenAt) ?? FOREIGN_LENGTHS.map((n) => at + n).find((e) => foreignSpan(text, at, e, bounds, tokenAt));
    if (end !== undefined) out.push(person(text, at, end, 'title-before'));
  }
  for (const m of text.matchAll(CUE_AFTER)) {
    if (!bounds.has(m.index)) continue;
    const start = nameBefore(text, m.index, bounds, tokenAt) ?? FOREIGN_LENGTHS.map((n) => m.index - n).find((s) => s >= 0 && foreignSpan(text, s, m.index, bounds, tokenAt));
    if (start !== undefined) out.push(person(text, start, m.index, 'title-after'));
  }
  return out;
}

/**
 * jieba's evidence: a three-character `nr` word, or an unknown word (`x`, found by the HMM) that
 * reads as surname + given name; or a lone surname tagged as a name followed by a given-name word (李 + 崇德).
 */
/**
 * Without a title, a name ending like a river or lake (温榆河 and 甘 + 江河 come back `nr` in a list of
 * rivers) or opening with a conjunction (和适航 `nr`) is no person's.
 */
const UNCUED_NOT_NAME = (name: string): boolean => /[河江湖渠]$/.test(name) || ['c', 'u', 'uj', 'ul'].includes(dictEntry(name[0]!)?.tag ?? '');

function tagged(text: string, tokens: readonly Token[]): Entity[] {
  const out: Entity[] = [];
  tokens.forEach((t, i) => {
    const wholeName = t.word.length >= 3 && plausibleName(t.word) && !BUILDING.test(t.word);
    // A word the dictionary has seen only a few times is a name only if the text uses it again (莫谈国
    // `nr` 3 is a cut across 莫谈国事, met once). Words its HMM made up (`x`, or `nr` for 温榆河) are no
    // evidence on their own: in laws they are rivers, 保函未, 和适航; a name among them is found by its title or list.
    const recurs = (dictEntry(t.word)?.freq ?? 0) >= COMMON_FREQ || text.indexOf(t.word, t.end) >= 0;
    if (wholeName && recurs && NAME_TAGS.has(t.tag) && isDictionaryWord(t.word)) {
      out.push(person(text, t.start, t.end, `jieba:${t.tag}`));
      return;
    }
    const next = tokens[i + 1];
    if (t.word.length === 1 && ['nr', 'zg', 'ng'].includes(t.tag) && next && next.start === t.end && GIVEN_TAGS.has(next.tag)
      && next.word.length <= 2 && plausibleName(t.word + next.word) && !isDictionaryWord(t.word + next.word)) {
      out.push(person(text, t.start, next.end, 'jieba:surname+given'));
    }
  });
  return out.filter((e) => !UNCUED_NOT_NAME(e.text));
}

/** Every occurrence of each name already found, so a name is marked wherever it recurs. */
export function recurrences(text: string, found: readonly Entity[], kind: Entity['kind']): Entity[] {
  const out: Entity[] = [];
  for (const name of new Set(found.map((e) => e.text))) {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
      out.push({ kind, text: name, start: at, end: at + name.length, rule: 'repeat' });
    }
  }
  return out;
}

/** The other items of a list (、) one of whose items is a name already: names too when they read as names. */
function listed(text: string, tokens: readonly Token[], found: readonly Entity[]): Entity[] {
  const starts = new Set(found.map((e) => e.start));
  const out: Entity[] = [];
  let run: Token[] = [];
  const flush = (): void => {
    if (run.length > 1 && run.some((t) => starts.has(t.start))) {
      for (const t of run) if (!starts.has(t.start) && plausibleName(t.word)) out.push(person(text, t.start, t.end, 'list'));
    }
    run = [];
  };
  tokens.forEach((t, i) => {
    if (t.word === '、') return;
    const prev = tokens[i - 1];
    if (!(run.length && prev?.word === '、' && prev.start === run.at(-1)!.end)) flush();
    run.push(t);
  });
  flush();
  return out;
}

/** @param places places already found: a name inside one is the place's, not a person's (台湾省); 周德昌 holds the place 德昌 and stays */
export function extractPersons(text: string, tokens: readonly Token[], bounds: Set<number>, places: readonly Entity[] = []): Entity[] {
  const notPlace = (e: Entity): boolean => !places.some((p) => p.start <= e.start && e.end <= p.end);
  const direct = [...bylines(text), ...cued(text, tokens, bounds), ...tagged(text, tokens)].filter(notPlace);
  const found = [...direct, ...listed(text, tokens, direct).filter(notPlace)];
  return [...found, ...recurrences(text, found, 'person')];
}
