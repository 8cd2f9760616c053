/**
 * Search folding: traditional → simplified characters (OpenCC), full-width letters and digits →
 * ASCII, ASCII upper → lower case. One UTF-16 unit in, one out, so offsets found in folded text
 * are offsets in the original, and folding a substring equals the substring of the folded text
 * (the property the recall guarantee needs, and why phrase-level conversion is not used).
 * @module
 */
import { OPENCC_PAIRS } from './fold-opencc.js';

let table: Uint16Array | undefined;

/**
 * A code-unit map built once: ASCII and full-width letters and digits by rule, CJK characters from
 * OpenCC's traditional, Taiwan and Hong Kong presets, each character converted alone (the pairs
 * are derived ahead of time by scripts/fold-table.ts).
 */
function foldTable(): Uint16Array {
  if (table) return table;
  const map = new Uint16Array(0x10000);
  for (let c = 0; c < map.length; c++) map[c] = c;
  for (let c = 0x41; c <= 0x5a; c++) map[c] = c + 0x20;
  for (let c = 0xff10; c <= 0xff19; c++) map[c] = c - 0xfee0;
  for (let c = 0xff21; c <= 0xff3a; c++) map[c] = c - 0xfee0 + 0x20;
  for (let c = 0xff41; c <= 0xff5a; c++) map[c] = c - 0xfee0;
  for (let i = 0; i < OPENCC_PAIRS.length; i += 2) map[OPENCC_PAIRS.charCodeAt(i)] = OPENCC_PAIRS.charCodeAt(i + 1);
  table = map;
  return map;
}

const utf16 = new TextDecoder('utf-16le');

/** Each simplified character's traditional forms (the fold table read backwards), built on first use. */
let unfolded: Map<number, string[]> | undefined;

/**
 * The traditional spellings of a simplified word (`户` → `戶`), so word lists kept in simplified
 * characters also match texts printed in traditional or mixed forms. At most `limit` spellings.
 */
export function traditionalForms(word: string, limit = 16): string[] {
  if (!unfolded) {
    unfolded = new Map();
    for (let i = 0; i < OPENCC_PAIRS.length; i += 2) {
      const [from, to] = [OPENCC_PAIRS[i]!, OPENCC_PAIRS.charCodeAt(i + 1)];
      const forms = unfolded.get(to);
      if (forms) forms.push(from);
      else unfolded.set(to, [from]);
    }
  }
  let spellings = [''];
  for (const ch of word) {
    const options = [ch, ...(unfolded.get(ch.charCodeAt(0)) ?? [])];
    spellings = spellings.flatMap((s) => options.map((o) => s + o)).slice(0, limit + 1);
  }
  return spellings.filter((s) => s !== word).slice(0, limit);
}

/** Folds text for matching; the result always has the same length as the input. */
export function fold(text: string): string {
  const map = foldTable();
  let i = 0;
  while (i < text.length && map[text.charCodeAt(i)] === text.charCodeAt(i)) i++;
  if (i === text.length) return text;
  const out = new Uint16Array(text.length);
  for (let j = 0; j < text.length; j++) out[j] = map[text.charCodeAt(j)]!;
  return utf16.decode(out);
}
