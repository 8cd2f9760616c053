/**
 * Place names, read from text folded to simplified characters (offsets unchanged):
 * - a name the gazetteer knows (administrative divisions, CLDR's countries and regions), standing as
 *   a word of its own, with a state's or division's ending written after it (蒙古 + 人民共和国, 台湾 + 省);
 * - a word jieba's dictionary tags `ns` with evidence from the text that it names a place here, not
 *   the common word the tag is often wrong about (东西, 美丽, 青春 are `ns` there): a geographic
 *   ending on a longer name (台湾海峡, 印度洋), a state's ending after it (捷克斯洛伐克 + 共和国), a
 *   river's cue (淮河 + 流域), a landform (苏北 + 平原) or a state's people or government after it
 *   (苏联 + 政府), or a place among the items it is listed with (锡兰 in 印度、缅甸、锡兰);
 * - both inside a word jieba made of a place and what follows it (淮河流域, 中国共产党);
 * - a word the dictionary does not know with a settlement's suffix (桐溪县, 白沙 + 乡, 柳家湾), as
 *   memoirs name places no dataset holds;
 * then every other occurrence of each, and of the bare name of such a county or town (桐溪 of 桐溪县).
 * @module
 */
import { gazetteer, LONGEST_NAME } from './gazetteer.js';
import { dictEntry, isDictionaryWord } from './lexicon.js';
import { recurrences } from './persons.js';
import type { Token } from './tokens.js';
import type { Entity } from './types.js';

/** Endings that make a state's name longer and still a state's name (蒙古 + 人民共和国). */
const STATE_ENDING = /^(?:(?:民主主义)?(?:人民|民主|联邦)?共和国|王国)/;
/** Endings that make a division's name longer and still one (台湾 + 省, 昌都 + 地区). */
const DIVISION_ENDING = /^(?:特别行政区|自治区|地区|省|市|县)/;
/** Landforms named after the place they lie in (苏北 + 平原, 淮北 + 平原). */
const LANDFORM = /^(?:平原|盆地|高原|山脉|半岛|草原)/;
/** Endings of a geographic feature's name: continent, ocean, sea, strait, river, lake, island, canal. */
const FEATURE_ENDING = /(?:洲|洋|海峡|运河|海|河|江|湖|岛|群岛)$/;
/** Words after a river's name that only a river takes (淮河流域, 长江两岸). */
const RIVER_CUE = /^(?:流域|两岸|沿岸|干流|支流|大堤|水系|上游|中游|下游)/;
/**
 * Words after a state's name that only a state's people or government take (苏联政府, 锡兰人民), not
 * the bodies any division has (城市人民政府, 城市人民代表大会).
 */
const STATE_CUE = /^(?:政府|人民(?!政府|代表|法院|检察院|团体|群众|公社|解放军|武装|银行|警察)|领导集团|总理|总统|国王)/;
/**
 * A region named by directions (东北, 西南, 华东 with 华 for China, 中东, 远东; not 东西 or 南北): a
 * dictionary place that is also a direction, so it names the region only where no direction's ending
 * follows (东北 + 方向, 西北 + 风, 西南 + 部), no verb of motion comes before it (向东北, 偏西北), and
 * no place it would lie in (中国 + 东南海面).
 */
const DIRECTION_REGION = /^(?:[东西][南北]|[华中][东西南北]|[近远]东)$/;
const DIRECTION_AFTER = /^[方部风角面边侧向端隅郊麓坡]/;
const DIRECTION_BEFORE = /[向往朝偏]$/;

/** Separators of a list's items (印度、缅甸和锡兰). */
const LIST_SEPARATOR = new Set(['、', '和', '与', '及', '同']);

/** Tags of a word that may be a name before a separate suffix (白沙 `ns` + 乡, 桐溪 `x` + 县). */
const NAME_TAGS = new Set(['x', 'ns', 'nr', 'nz', 'nrt']);
/** Suffixes that end a settlement's or district's name. */
const SUFFIX = /[省市县区镇乡村湾庄寨州]$/;
/** The same without 区, which ends too many made-up words and phrases to vouch for one (先入区, 跨关区, 产业园 + 区). */
const SETTLEMENT = /[省市县镇乡村湾庄寨州]$/;
/** A city's name as a memoir writes it (桐溪城) only counts on an unknown word, not on 县城, 省城. */
const CITY = /城$/;
/** Before a separate suffix the name may also be a rare common noun (青石 + 镇), not a frequent one (部分 + 乡). */
const RARE_NOUN_FREQ = 300;
/** Prepositions and conjunctions the dictionary has glued onto a name (和澳洲 is an `ns` entry). */
const GLUED = /^[由在从到把被对向于和与及的了]/;
/** Characters that cannot open a place's name: prepositions, numerals and quantifiers glued on by the segmenter (由县, 三个市). */
const NOT_FIRST = /^[由在从到把被对向于和与及的了全各每本该这那几一二三四五六七八九十两个大小]/;

function place(text: string, start: number, end: number, rule: string): Entity {
  return { kind: 'place', text: text.slice(start, end), start, end, rule };
}

const cjk = (w: string): boolean => /^[\u4e00-\u9fff]+$/.test(w);

/** Gazetteer names that begin and end on a word boundary, longest first, with a state's ending if one follows. */
function known(text: string, bounds: ReadonlySet<number>): Entity[] {
  const names = gazetteer();
  const out: Entity[] = [];
  let at = 0;
  while (at < text.length) {
    let end = -1;
    if (bounds.has(at)) {
      for (let len = Math.min(LONGEST_NAME, text.length - at); len >= 2; len--) {
        if (bounds.has(at + len) && names.has(text.slice(at, at + len))) {
          end = at + len;
          break;
        }
      }
    }
    if (end < 0) {
      at++;
      continue;
    }
    const after = text.slice(end, end + 8);
    const division = names.get(text.slice(at, end)) === 'division';
    const ending = (STATE_ENDING.exec(after) ?? (division ? DIVISION_ENDING.exec(after) : null) ?? LANDFORM.exec(after))?.[0];
    if (ending && bounds.has(end + ending.length)) end += ending.length;
    out.push(place(text, at, end, 'gazetteer'));
    at = end;
  }
  return out;
}

/**
 * The `ns` words of the dictionary, not ending in 国 (外国, 大国, 爱国: only the gazetteer says which 国 is
 * a state) unless in a state's ending (越南民主共和国).
 */
function dictionaryPlace(t: Token): boolean {
  return t.word.length >= 2 && cjk(t.word) && dictEntry(t.word)?.tag === 'ns' && (!/国$/.test(t.word) || /..(?:共和国|王国)$/.test(t.word))
    && !GLUED.test(t.word);
}

/**
 * Token indexes of each list (items joined by 、 和 与 及 同), so one place among them vouches for the
 * rest. An item glued to a place-like word is part of a longer name (苏北 + 平原、淮北 + 平原), no item.
 */
function lists(tokens: readonly Token[], placeStarts: ReadonlySet<number>): number[][] {
  const placeLike = (t: Token | undefined): boolean => !!t && (t.tag === 'ns' || placeStarts.has(t.start));
  const glued = (i: number): boolean => {
    const [prev, t, next] = [tokens[i - 1], tokens[i]!, tokens[i + 1]];
    return (placeLike(prev) && prev!.end === t.start) || (placeLike(next) && next!.start === t.end);
  };
  const out: number[][] = [];
  let run: number[] = [];
  const flush = (): void => {
    const items = run.filter((i) => !glued(i));
    if (items.length > 1) out.push(items);
  };
  tokens.forEach((t, i) => {
    if (LIST_SEPARATOR.has(t.word)) return;
    const prev = tokens[i - 1];
    if (run.length && prev && LIST_SEPARATOR.has(prev.word) && prev.start === tokens[run.at(-1)!]!.end) run.push(i);
    else {
      flush();
      run = [i];
    }
  });
  flush();
  return out;
}

/** `ns` words with evidence in the text that they name a place. */
function evidenced(text: string, tokens: readonly Token[], placeStarts: ReadonlySet<number>): Entity[] {
  const accepted = new Set<number>();
  const groups = lists(tokens, placeStarts);
  tokens.forEach((t, i) => {
    if (!dictionaryPlace(t)) return;
    const after = text.slice(t.end, t.end + 8);
    const ending = STATE_ENDING.exec(after)?.[0] ?? '';
    const inPlace = tokens[i - 1]?.end === t.start && (tokens[i - 1]!.tag === 'ns' || placeStarts.has(tokens[i - 1]!.start));
    const region = DIRECTION_REGION.test(t.word) && !DIRECTION_AFTER.test(after) && !DIRECTION_BEFORE.test(text.slice(0, t.start)) && !inPlace;
    if ((t.word.length >= 3 && FEATURE_ENDING.test(t.word)) || /..(?:共和国|王国)$/.test(t.word) || ending || region
      || RIVER_CUE.test(after) || STATE_CUE.test(after) || LANDFORM.test(after)) accepted.add(i);
  });
  // A list of two rivers, seas or continents vouches for itself (黄河、长江、淮河).
  for (const group of groups) {
    const features = group.filter((i) => dictionaryPlace(tokens[i]!) && FEATURE_ENDING.test(tokens[i]!.word));
    if (features.length >= 2) for (const i of features) accepted.add(i);
  }
  // A list vouches for its dictionary places when one of its items is a place already; repeat until nothing changes.
  for (let changed = true; changed;) {
    changed = false;
    for (const group of groups) {
      if (!group.some((i) => accepted.has(i) || placeStarts.has(tokens[i]!.start))) continue;
      for (const i of group) {
        if (!accepted.has(i) && dictionaryPlace(tokens[i]!)) {
          accepted.add(i);
          changed = true;
        }
      }
    }
  }
  return [...accepted].map((i) => {
    const t = tokens[i]!;
    const ending = (STATE_ENDING.exec(text.slice(t.end, t.end + 8)) ?? LANDFORM.exec(text.slice(t.end, t.end + 8)))?.[0] ?? '';
    return place(text, t.start, t.end + ending.length, 'jieba:ns+evidence');
  });
}

/**
 * 分包 + 市: a stem the dictionary knows as a verb or adjective names no place; nor does one holding a
 * function word or ending in a suffix itself, cut out of a law's phrase (报经 + 省, 费由 + 乡, 省和 + 市, 跨区 + 县).
 */
function verbStem(stem: string): boolean {
  const tag = dictEntry(stem)?.tag ?? '';
  return /^[vad]/.test(tag) || /[由经向和与及的了在从到把被对于为以将时应须报指占]/.test(stem) || SUFFIX.test(stem);
}

function nameBeforeSuffix(t: Token): boolean {
  if (t.word.length < 2 || t.word.length > 3 || !cjk(t.word) || NOT_FIRST.test(t.word) || verbStem(t.word)) return false;
  return NAME_TAGS.has(t.tag) || (t.tag === 'n' && (dictEntry(t.word)?.freq ?? 0) < RARE_NOUN_FREQ);
}

/** Unknown words with a settlement's suffix (桐溪县), or a rare word followed by one (白沙 + 乡). */
function suffixed(text: string, tokens: readonly Token[]): Entity[] {
  const out: Entity[] = [];
  tokens.forEach((t, i) => {
    const prev = tokens[i - 1];
    if (!cjk(t.word)) return;
    if (t.word.length >= 3 && t.word.length <= 5 && !isDictionaryWord(t.word) && !NOT_FIRST.test(t.word) && (SETTLEMENT.test(t.word) || CITY.test(t.word))
      && !verbStem(t.word.slice(0, -1))) {
      out.push(place(text, t.start, t.end, 'suffix'));
    } else if (t.word.length === 1 && SETTLEMENT.test(t.word) && prev && prev.end === t.start && nameBeforeSuffix(prev)) {
      out.push(place(text, prev.start, t.end, 'name+suffix'));
    }
  });
  return out;
}

/** 桐溪 of 桐溪县: a bare name the dictionary does not know, so it is unlikely to be an ordinary word. */
function bareNames(found: readonly Entity[]): Entity[] {
  return found.flatMap((e) => {
    const bare = e.text.slice(0, -1);
    return (e.rule === 'suffix' || e.rule === 'name+suffix') && bare.length >= 2 && !isDictionaryWord(bare) ? [{ ...e, text: bare, end: e.end - 1 }] : [];
  });
}

/**
 * jieba keeps a place and what follows it as one word (淮河流域, 西藏地方, 中国共产党, 中华人民共和国宪法):
 * such a word is cut after its longest leading place name when the rest is a word of the dictionary too,
 * or when the word names an organisation, whose name often opens with its place (美国 + 第七舰队).
 */
function splitCompounds(tokens: readonly Token[]): Token[] {
  const names = gazetteer();
  return tokens.flatMap((t) => {
    if (t.word.length < 3 || !cjk(t.word)) return [t];
    for (let len = t.word.length - 1; len >= 2; len--) {
      const [head, rest] = [t.word.slice(0, len), t.word.slice(len)];
      const entry = dictEntry(head);
      // The rest is a word of two characters at least (not 亚 of 东南亚), and no feature's generic (台湾 + 海峡 is one name).
      const restIsWord = isDictionaryWord(rest) || (t.tag === 'nt' && names.has(head));
      if ((names.has(head) || entry?.tag === 'ns') && rest.length >= 2 && restIsWord && !FEATURE_ENDING.test(rest)) {
        const cut = t.start + len;
        return [{ word: head, tag: 'ns', start: t.start, end: cut }, { word: rest, tag: dictEntry(rest)?.tag ?? t.tag, start: cut, end: t.end }];
      }
    }
    return [t];
  });
}

/** @param text the document folded to simplified characters, as `tokens` were cut from it */
export function extractPlaces(text: string, whole: readonly Token[], wordBounds: ReadonlySet<number>): Entity[] {
  const tokens = splitCompounds(whole);
  const bounds = new Set([...wordBounds, ...tokens.map((t) => t.start)]);
  const fromData = known(text, bounds);
  const starts = new Set(fromData.map((e) => e.start));
  const found = [...fromData, ...evidenced(text, tokens, starts), ...suffixed(text, tokens)];
  return [...found, ...recurrences(text, [...found, ...bareNames(found)], 'place')];
}
