/**
 * Search folding: traditional → simplified characters (OpenCC), full-width letters and digits →
 * ASCII, ASCII upper → lower case. One UTF-16 unit in, one out, so offsets found in folded text
 * are offsets in the original, and folding a substring equals the substring of the folded text
 * (the property the recall guarantee needs, and why phrase-level conversion is not used).
 * @module
 */
import { Converter } from 'opencc-js/t2cn';

const CJK_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x3400, 0x4dbf], // Extension A
  [0x4e00, 0x9fff], // Unified Ideographs
  [0xf900, 0xfaff], // Compatibility Ideographs
];

let table: Uint16Array | undefined;

/**
 * A code-unit map built once: each character converted alone through OpenCC's traditional,
 * Taiwan and Hong Kong presets; a conversion that is not exactly one BMP character is ignored.
 */
function foldTable(): Uint16Array {
  if (table) return table;
  const map = new Uint16Array(0x10000);
  for (let c = 0; c < map.length; c++) map[c] = c;
  for (let c = 0x41; c <= 0x5a; c++) map[c] = c + 0x20;
  for (let c = 0xff10; c <= 0xff19; c++) map[c] = c - 0xfee0;
  for (let c = 0xff21; c <= 0xff3a; c++) map[c] = c - 0xfee0 + 0x20;
  for (let c = 0xff41; c <= 0xff5a; c++) map[c] = c - 0xfee0;

  const chars: string[] = [];
  for (const [from, to] of CJK_RANGES) for (let c = from; c <= to; c++) chars.push(String.fromCharCode(c));
  // One character per line, so OpenCC's phrase dictionary can never join neighbours.
  const joined = chars.join('\n');
  const presets = (['t', 'tw', 'hk'] as const).map((from) => Converter({ from, to: 'cn' })(joined).split('\n'));
  chars.forEach((ch, i) => {
    const code = ch.charCodeAt(0);
    for (const converted of presets) {
      const out = converted[i];
      if (out !== undefined && out.length === 1 && out !== ch) {
        map[code] = out.charCodeAt(0);
        break;
      }
    }
  });
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
    const map = foldTable();
    unfolded = new Map();
    for (const [from, to] of CJK_RANGES) {
      for (let c = from; c <= to; c++) {
        const s = map[c]!;
        if (s === c) continue;
        const forms = unfolded.get(s);
        if (forms) forms.push(String.fromCharCode(c));
        else unfolded.set(s, [String.fromCharCode(c)]);
      }
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
