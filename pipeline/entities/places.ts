/**
 * Place names: a name with an administrative or settlement suffix (桐溪县, 白沙 + 乡, 柳家湾), a
 * frequent place in jieba's dictionary (上海, 延安), and then every other occurrence of each — and
 * of the bare name of a county or town (桐溪 of 桐溪县) when the dictionary does not know it as a word.
 * @module
 */
import { dictEntry, isDictionaryPlace, isDictionaryWord } from './lexicon.js';
import { recurrences } from './persons.js';
import type { Token } from './tokens.js';
import type { Entity } from './types.js';

/** Suffixes that end a settlement's or district's name. */
const SUFFIX = /[省市县区镇乡村湾庄寨州]$/;
/** A city's name as a memoir writes it (桐溪城) only counts on an unknown word, not on 县城, 省城. */
const CITY = /城$/;
/** Parts of speech of a word that is a place's name with its suffix (桐溪县 x, 柳州市 ns); not common nouns (开发区 n). */
const PLACE_TAGS = new Set(['x', 'ns', 'nr', 'nz', 'nrt']);
/** Before a separate suffix the name may also be a rare common noun (青石 + 镇), not a frequent one (部分 + 乡). */
const RARE_NOUN_FREQ = 300;
/** Characters that cannot open a place's name: prepositions and quantifiers glued on by the segmenter (由县). */
const NOT_FIRST = /^[由在从到把被对向于和与及的了全各每本该这那几一]/;

function place(text: string, start: number, end: number, rule: string): Entity {
  return { kind: 'place', text: text.slice(start, end), start, end, rule };
}

function nameBeforeSuffix(t: Token): boolean {
  if (t.word.length < 2 || t.word.length > 3 || !/^[\u4e00-\u9fff]+$/.test(t.word) || NOT_FIRST.test(t.word)) return false;
  return PLACE_TAGS.has(t.tag) || (t.tag === 'n' && (dictEntry(t.word)?.freq ?? 0) < RARE_NOUN_FREQ);
}

function fromTokens(text: string, tokens: readonly Token[]): Entity[] {
  const out: Entity[] = [];
  tokens.forEach((t, i) => {
    const prev = tokens[i - 1];
    const cjk = /^[\u4e00-\u9fff]+$/.test(t.word);
    if (!cjk) return;
    if (t.word.length >= 3 && t.word.length <= 5 && PLACE_TAGS.has(t.tag) && !NOT_FIRST.test(t.word)
      && (SUFFIX.test(t.word) || (CITY.test(t.word) && t.tag === 'x'))) {
      out.push(place(text, t.start, t.end, `suffix:${t.tag}`));
    } else if (t.word.length === 1 && SUFFIX.test(t.word) && prev && prev.end === t.start && nameBeforeSuffix(prev)) {
      out.push(place(text, prev.start, t.end, 'name+suffix'));
    } else if (t.tag === 'ns' && isDictionaryPlace(t.word)) {
      out.push(place(text, t.start, t.end, 'dictionary'));
    }
  });
  return out;
}

/** 桐溪 of 桐溪县: a bare name the dictionary does not know, so it is unlikely to be an ordinary word. */
function bareNames(found: readonly Entity[]): Entity[] {
  return found.flatMap((e) => {
    const bare = e.text.slice(0, -1);
    return e.rule !== 'dictionary' && bare.length >= 2 && !isDictionaryWord(bare) ? [{ ...e, text: bare, end: e.end - 1 }] : [];
  });
}

export function extractPlaces(text: string, tokens: readonly Token[]): Entity[] {
  const found = fromTokens(text, tokens);
  return [...found, ...recurrences(text, [...found, ...bareNames(found)], 'place')];
}
