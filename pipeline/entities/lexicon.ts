/**
 * jieba's own dictionary as evidence about a word. The dictionary tags a word with one part of
 * speech, and the tag is often wrong: `ns` on ordinary words (东西, 美丽, 安顿), `nr` on words with a
 * suffix (许可证, 安全感), `t` on 周恩来; so a tag is one piece of evidence, checked against others.
 * @module
 */
import { dictEntry } from '../segment/dict-words.js';

export { dictEntries, dictEntry } from '../segment/dict-words.js';

export function isDictionaryWord(word: string): boolean {
  return dictEntry(word) !== undefined;
}
