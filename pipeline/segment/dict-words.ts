/**
 * jieba's dictionary as one map, word → frequency and part-of-speech tag packed in one number,
 * shared by normalize (word likelihood) and entities (evidence about a word). Parsed by each of
 * them into a map of its own it took ~29 and ~43 MB of heap on every thread that ingests; one
 * `Map` took ~30 MB, the typed arrays of a {@link WordTable} take ~11 MB outside the heap.
 * @module
 */
import { jiebaDict } from './index.js';
import { WordTable } from './word-table.js';

/** Room for the tag's number below the frequency (jieba's dictionary uses 55 tags). */
const TAG_SLOTS = 64;

interface DictWords {
  packed: WordTable;
  tags: string[];
  /** Sum of every word's frequency. */
  total: number;
  /** Length of the longest word, in UTF-16 units. */
  maxLen: number;
}

let loaded: DictWords | undefined;

/** Parsed once per thread, on first need. */
function dictWords(): DictWords {
  if (loaded) return loaded;
  const packed = new WordTable();
  const tags: string[] = [];
  const tagNumber = new Map<string, number>();
  let total = 0;
  let maxLen = 1;
  for (const line of jiebaDict().toString('utf8').split('\n')) {
    const [word, count, tag] = line.split(' ');
    const freq = Number(count);
    if (!word || !tag || !(freq > 0)) continue;
    let t = tagNumber.get(tag);
    if (t === undefined) {
      t = tags.push(tag) - 1;
      if (t >= TAG_SLOTS) throw new Error(`jieba's dictionary has more than ${TAG_SLOTS} part-of-speech tags`);
      tagNumber.set(tag, t);
    }
    packed.set(word, freq * TAG_SLOTS + t);
    total += freq;
    if (word.length > maxLen) maxLen = word.length;
  }
  packed.trim();
  loaded = { packed, tags, total, maxLen };
  return loaded;
}

export interface DictEntry {
  freq: number;
  tag: string;
}

/** The dictionary's entry for a word, if jieba's dictionary has it. */
export function dictEntry(word: string): DictEntry | undefined {
  const v = dictWords().packed.get(word);
  return v === undefined ? undefined : unpack(v);
}

const unpack = (v: number): DictEntry => ({ freq: Math.floor(v / TAG_SLOTS), tag: dictWords().tags[v % TAG_SLOTS]! });

/** A word's frequency in jieba's dictionary, if it has the word. */
export function dictFreq(word: string): number | undefined {
  const v = dictWords().packed.get(word);
  return v === undefined ? undefined : Math.floor(v / TAG_SLOTS);
}

/** The dictionary's total frequency and longest word. */
export function dictStats(): { total: number; maxLen: number } {
  const { total, maxLen } = dictWords();
  return { total, maxLen };
}

/** Every word of the dictionary with its entry, in the dictionary's order. */
export function* dictEntries(): Generator<[string, DictEntry]> {
  for (const [word, v] of dictWords().packed.entries()) yield [word, unpack(v)];
}
