/**
 * A jieba dictionary cut down to the words some short text can hold, for a process that segments
 * only a few short strings (a search query): jieba built from its whole dictionary costs about a
 * quarter of a second of CPU, a scan of the dictionary for the words of a query a few milliseconds.
 *
 * The words come out the same as with the whole dictionary. jieba-rs links each position of a
 * text only to dictionary words that occur there, and scores a path by Σ ln(freq) − ln(total): the
 * subset keeps every word occurring in the text with its frequency (a word that does not occur is
 * never looked at), and one filler entry, made of characters a text never holds, brings the total
 * to the whole dictionary's. Unknown stretches go to the same HMM, asked only whether the stretch
 * is a word, which the subset answers alike. `load_dict` lets a later line replace an earlier
 * one's frequency, so the lexicon's words are counted at the lexicon's frequency.
 * @module
 */
import { createHash } from 'node:crypto';

/** The filler's word: private-use characters, which no text we cut holds (a text that does is cut with the whole dictionary). */
export const FILLER = '\uE000\uE001\uE002';

/** The code point at byte `at` of UTF-8 text (no validation: jieba's dictionary is valid UTF-8). */
function codePointAt(bytes: Uint8Array, at: number): number {
  const b = bytes[at]!;
  if (b < 0x80) return b;
  if (b < 0xe0) return ((b & 0x1f) << 6) | (bytes[at + 1]! & 0x3f);
  if (b < 0xf0) return ((b & 0x0f) << 12) | ((bytes[at + 1]! & 0x3f) << 6) | (bytes[at + 2]! & 0x3f);
  return ((b & 0x07) << 18) | ((bytes[at + 1]! & 0x3f) << 12) | ((bytes[at + 2]! & 0x3f) << 6) | (bytes[at + 3]! & 0x3f);
}

const SPACE = 0x20;
const NEWLINE = 0x0a;

/**
 * What a scan of the whole dictionary sums, given ahead (dict-totals.ts, written by
 * scripts/dict-totals.ts) so that a short text is looked up instead of scanned for.
 */
export interface DictTotals {
  /** Byte length of the dictionary file they were summed from. */
  bytes: number;
  /** Σ freq over the dictionary's lines. */
  total: number;
  /** The lexicon they were summed for ({@link lexiconDigest}). */
  lexicon: string;
  /** Σ freq of the dictionary's lines whose word the lexicon takes over. */
  overridden: number;
}

/** SHA-256 of the lexicon's words, one a line: whether totals were summed for this lexicon. */
export function lexiconDigest(lexicon: ReadonlyMap<string, number>): string {
  return createHash('sha256').update([...lexicon.keys()].join('\n')).digest('hex');
}

/**
 * Distinct characters up to which a text's lines are looked up: each costs a native search of the
 * file (~3 ms), where the scan costs 50-90 ms in a fresh process, its loop not yet optimised.
 */
const LOOKUP_CHARS = 16;

interface Subset {
  lines: string[];
  /** Σ freq of the dictionary, and of its lines whose word the lexicon takes over. */
  total: number;
  overridden: number;
}

/**
 * Dictionary lines (`word freq tag`) for cutting `text`: the lines of `dict` (jieba's dictionary
 * file, UTF-8) whose word occurs in it, the `lexicon` (word → frequency, taking over a word of
 * `dict`), and the filler that keeps the total of `dict` with the lexicon laid over it. With
 * `totals` that fit `dict` and the lexicon, the lines are found by searching the file for each
 * character of a short text; else (or for a longer text) by one scan of it. The same lines either way.
 */
export function subsetDictionary(dict: Uint8Array, lexicon: ReadonlyMap<string, number>, text: string, totals?: DictTotals): string {
  const chars = new Set(text);
  const known = totals !== undefined && totals.bytes === dict.length && totals.lexicon === lexiconDigest(lexicon);
  const { lines, total: dictTotal, overridden } = known && chars.size <= LOOKUP_CHARS ? lookUp(dict, lexicon, text, chars, totals) : scan(dict, lexicon, text);
  let total = dictTotal;
  let kept = 0;
  for (const line of lines) kept += Number(line.split(' ')[1]);
  for (const [word, freq] of lexicon) {
    lines.push(`${word} ${freq} n`);
    total += freq;
    kept += freq;
  }
  total -= overridden;
  lines.push(`${FILLER} ${total - kept} x`);
  return `${lines.join('\n')}\n`;
}

/** The lines of the text's words, found by searching the file for lines opening with each of its characters, in file order. */
function lookUp(dict: Uint8Array, lexicon: ReadonlyMap<string, number>, text: string, chars: ReadonlySet<string>, totals: DictTotals): Subset {
  const file = Buffer.from(dict.buffer, dict.byteOffset, dict.byteLength);
  const starts: number[] = [];
  for (const ch of chars) {
    // A line's word never opens with a space or a line break (and "\n\n" would find no word).
    if (ch === '\n' || ch === ' ') continue;
    const needle = Buffer.from(`\n${ch}`);
    if (file.subarray(0, needle.length - 1).equals(needle.subarray(1))) starts.push(0);
    for (let at = file.indexOf(needle); at !== -1; at = file.indexOf(needle, at + needle.length)) starts.push(at + 1);
  }
  starts.sort((a, b) => a - b);
  const decoder = new TextDecoder();
  const lines: string[] = [];
  for (const start of starts) {
    const end = file.indexOf(NEWLINE, start);
    const line = decoder.decode(file.subarray(start, end === -1 ? file.length : end));
    const word = line.slice(0, line.indexOf(' '));
    if (!lexicon.has(word) && text.includes(word)) lines.push(line);
  }
  return { lines, total: totals.total, overridden: totals.overridden };
}

/**
 * The lines of the text's words and the sums, from one pass over the file. The file is read as
 * bytes, never decoded whole: decoding its 5 MB cost more than the scan.
 */
function scan(dict: Uint8Array, lexicon: ReadonlyMap<string, number>, text: string): Subset {
  const inText = new Set<number>();
  for (const ch of text) inText.add(ch.codePointAt(0)!);
  const lexiconFirst = new Set<number>();
  for (const word of lexicon.keys()) lexiconFirst.add(word.codePointAt(0)!);
  const decoder = new TextDecoder();
  const lines: string[] = [];
  let total = 0;
  let overridden = 0;
  // One pass over ~350,000 lines, decoding a word only where its first character could matter.
  for (let at = 0; at < dict.length;) {
    let space = at;
    while (space < dict.length && dict[space] !== SPACE) space++;
    let freq = 0;
    let end = space + 1;
    for (let c = dict[end]; c !== undefined && c >= 48 && c <= 57; c = dict[++end]) freq = freq * 10 + c - 48;
    while (end < dict.length && dict[end] !== NEWLINE) end++;
    total += freq;
    const first = codePointAt(dict, at);
    if (inText.has(first) || lexiconFirst.has(first)) {
      const word = decoder.decode(dict.subarray(at, space));
      if (lexicon.has(word)) overridden += freq;
      else if (inText.has(first) && text.includes(word)) lines.push(decoder.decode(dict.subarray(at, end)));
    }
    at = end + 1;
  }
  return { lines, total, overridden };
}
