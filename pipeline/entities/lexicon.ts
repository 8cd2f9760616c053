/**
 * jieba's own dictionary as evidence about a word. The dictionary tags a word with its most
 * frequent part of speech in a news corpus, so rare `ns` entries are often ordinary words
 * (安顿, 庙里) and some `nr` entries are not names (柳树); frequency and tag together decide.
 * @module
 */
import { dict } from '@node-rs/jieba/dict.js';

export interface DictEntry {
  freq: number;
  tag: string;
}

/** Corpus frequency from which a dictionary `ns` word is a real place (日本 25307, 延安 1381; 庙里 358). */
const MIN_PLACE_FREQ = 1000;
/** Frequent `ns` words that name no particular place. */
const NOT_PLACES = new Set(['城市', '深度', '中华', '中央', '地方', '全国', '各地', '当地', '本地', '外地', '内地', '大街', '基层', '农村', '城乡', '社区', '乡村', '东方', '西方']);

let entries: Map<string, DictEntry> | undefined;

/** The dictionary entry of a word, if jieba knows it (a name found by its HMM is not there). */
export function dictEntry(word: string): DictEntry | undefined {
  if (!entries) {
    entries = new Map();
    for (const line of Buffer.from(dict).toString('utf8').split('\n')) {
      const [w, freq, tag] = line.split(' ');
      if (w && tag) entries.set(w, { freq: Number(freq), tag });
    }
  }
  return entries.get(word);
}

/** Whether jieba's dictionary knows the word as a frequent place name. */
export function isDictionaryPlace(word: string): boolean {
  const e = dictEntry(word);
  return !!e && e.tag === 'ns' && e.freq >= MIN_PLACE_FREQ && word.length >= 2 && !NOT_PLACES.has(word);
}

export function isDictionaryWord(word: string): boolean {
  return dictEntry(word) !== undefined;
}
