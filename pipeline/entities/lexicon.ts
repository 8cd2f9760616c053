/**
 * jieba's own dictionary as evidence about a word. The dictionary tags a word with one part of
 * speech, and the tag is often wrong: `ns` on ordinary words (东西, 美丽, 安顿), `nr` on words with a
 * suffix (许可证, 安全感), `t` on 周恩来; so a tag is one piece of evidence, checked against others.
 * @module
 */
import { jiebaDict } from '../segment/index.js';

export interface DictEntry {
  freq: number;
  tag: string;
}

let entries: Map<string, DictEntry> | undefined;

/** Every word of the dictionary with its entry. */
export function dictionary(): ReadonlyMap<string, DictEntry> {
  if (!entries) {
    entries = new Map();
    for (const line of jiebaDict().toString('utf8').split('\n')) {
      const [w, freq, tag] = line.split(' ');
      if (w && tag) entries.set(w, { freq: Number(freq), tag });
    }
  }
  return entries;
}

/** The dictionary entry of a word, if jieba knows it (a name found by its HMM is not there). */
export function dictEntry(word: string): DictEntry | undefined {
  return dictionary().get(word);
}

export function isDictionaryWord(word: string): boolean {
  return dictEntry(word) !== undefined;
}
