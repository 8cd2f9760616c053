/**
 * RTF → paragraphs in plain JS, the fast path before LibreOffice: a reader of the RTF 1.9 syntax
 * that keeps document text and drops what is no text (font, colour and style tables, document
 * info, pictures, objects, headers and footers, field instructions, any `\*` destination).
 * 8-bit text (`\'hh` and plain bytes) is decoded in the code page of the current font's charset
 * (`\fcharset134` → GBK) or else the document's `\ansicpgN`; `\uN` is Unicode, followed by `\ucN`
 * fallback characters that are skipped. Heading levels come from `\outlinelevelN`, on the paragraph
 * or on its style (`\sN` in the stylesheet). Throws on what it cannot follow, so the caller can
 * hand the file to LibreOffice.
 * @module
 */
import iconv from 'iconv-lite';
import type { Block } from '../types.js';

/** Destinations whose text is not document text. */
const SKIP = new Set([
  'fonttbl', 'colortbl', 'stylesheet', 'info', 'pict', 'object', 'objdata', 'header', 'headerl', 'headerr', 'headerf',
  'footer', 'footerl', 'footerr', 'footerf', 'footnote', 'fldinst', 'themedata', 'colorschememapping', 'latentstyles',
  'datastore', 'xmlnstbl', 'listtable', 'listoverridetable', 'rsidtbl', 'generator', 'pgdsctbl', 'revtbl', 'filetbl',
  'mmathPr', 'listtext', 'pntext', 'pntxta', 'pntxtb', 'shppict', 'nonshppict', 'bkmkstart', 'bkmkend', 'xe', 'tc',
]);

/** Windows code pages of RTF font charsets (`\fcharsetN`). */
const CHARSET_CODEPAGE: Readonly<Record<number, number>> = {
  0: 1252, 128: 932, 129: 949, 134: 936, 136: 950, 161: 1253, 162: 1254, 163: 1258, 177: 1255, 178: 1256, 186: 1257,
  204: 1251, 222: 874, 238: 1250,
};

/** Control words that stand for a character. */
const CHARS: Readonly<Record<string, string>> = {
  tab: '\t', cell: '\t', emdash: '—', endash: '–', lquote: '‘', rquote: '’', ldblquote: '“', rdblquote: '”', bullet: '•',
  emspace: '\u2003', enspace: '\u2002', qmspace: '\u2005',
};

/** Control words that end a paragraph. */
const BREAKS = new Set(['par', 'line', 'row', 'sect', 'page']);

interface GroupState {
  skip: boolean;
  /** How many fallback characters follow a `\uN`. */
  uc: number;
  font: number;
  /** The destination this group is (fonttbl, stylesheet), for reading the tables. */
  dest: string;
}

const decoderFor = (codepage: number): string => (codepage === 936 ? 'gb18030' : `cp${codepage}`);

/** The paragraphs of an RTF document. */
export function rtfToBlocks(bytes: Buffer): Block[] {
  const src = bytes.toString('latin1');
  let ansi = 1252;
  let defaultFont = -1;
  const fontPages = new Map<number, number>();
  const styleLevels = new Map<number, number>();
  let state: GroupState = { skip: false, uc: 1, font: -1, dest: '' };
  const stack: GroupState[] = [];
  const blocks: Block[] = [];
  let text = '';
  let pending: number[] = [];
  let skipFallback = 0;
  let level: number | null = null;
  let style = 0;
  // Table state, set by \fN / \sN inside the font table and stylesheet.
  let tableFont = -1;
  let tableStyle = 0;

  const codepage = (): number => fontPages.get(state.font >= 0 ? state.font : defaultFont) ?? ansi;
  const flush = (): void => {
    if (pending.length === 0) return;
    const enc = decoderFor(codepage());
    text += iconv.encodingExists(enc) ? iconv.decode(Buffer.from(pending), enc) : Buffer.from(pending).toString('latin1');
    pending = [];
  };
  const emit = (s: string): void => {
    flush();
    text += s;
  };
  const byte = (b: number): void => {
    if (skipFallback > 0) {
      skipFallback--;
      return;
    }
    if (!state.skip) pending.push(b);
  };
  const endParagraph = (): void => {
    flush();
    const clean = text.replace(/[ \t\u00a0]+/g, ' ').trim();
    if (clean) {
      const heading = level ?? styleLevels.get(style);
      blocks.push(heading === undefined ? { text: clean } : { text: clean, heading: Math.min(6, heading + 1) });
    }
    text = '';
  };

  const control = (word: string, param: number | null): void => {
    if (state.dest === 'fonttbl') {
      if (word === 'f' && param !== null) tableFont = param;
      else if (word === 'fcharset' && param !== null && CHARSET_CODEPAGE[param]) fontPages.set(tableFont, CHARSET_CODEPAGE[param]!);
      else if (word === 'cpg' && param !== null) fontPages.set(tableFont, param);
      return;
    }
    if (state.dest === 'stylesheet') {
      if (word === 's' && param !== null) tableStyle = param;
      else if (word === 'outlinelevel' && param !== null && param < 9) styleLevels.set(tableStyle, param);
      return;
    }
    if (SKIP.has(word)) {
      if (word === 'fonttbl' || word === 'stylesheet') state.dest = word;
      state.skip = true;
      return;
    }
    switch (word) {
      case 'ansicpg': if (param !== null) ansi = param; return;
      case 'deff': if (param !== null) defaultFont = param; return;
      case 'f': if (param !== null) { flush(); state.font = param; } return;
      case 'uc': if (param !== null) state.uc = param; return;
      case 'u':
        if (param !== null && !state.skip) emit(String.fromCharCode(param < 0 ? param + 65536 : param));
        skipFallback = state.uc;
        return;
      case 'pard': level = null; style = 0; return;
      case 'plain': flush(); state.font = -1; return;
      case 's': if (param !== null) style = param; return;
      case 'outlinelevel': if (param !== null && param < 9) level = param; return;
    }
    if (state.skip) return;
    if (BREAKS.has(word)) endParagraph();
    else if (CHARS[word]) emit(CHARS[word]!);
  };

  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === '{') {
      flush();
      stack.push(state);
      state = { ...state, dest: state.dest === 'fonttbl' || state.dest === 'stylesheet' ? state.dest : '' };
      i++;
    } else if (ch === '}') {
      flush();
      const outer = stack.pop();
      if (!outer) break;
      state = outer;
      i++;
    } else if (ch === '\\') {
      const next = src[i + 1] ?? '';
      if (next === "'") {
        byte(parseInt(src.slice(i + 2, i + 4), 16));
        i += 4;
      } else if (next === '*') {
        state.skip = true;
        i += 2;
      } else if (/[a-zA-Z]/.test(next)) {
        const m = /^([a-zA-Z]{1,32})(-?\d{1,10})? ?/.exec(src.slice(i + 1, i + 45))!;
        const param = m[2] === undefined ? null : Number(m[2]);
        i += 1 + m[0].length;
        if (m[1] === 'bin' && param !== null) i += param;
        else control(m[1]!, param);
      } else {
        // Control symbols: escaped characters, a non-breaking space and hyphens, a paragraph mark.
        if (next === '\n' || next === '\r') control('par', null);
        else if (next === '~' && !state.skip) emit('\u00a0');
        else if (next === '\\' || next === '{' || next === '}') byte(next.charCodeAt(0));
        i += 2;
      }
    } else {
      if (ch !== '\r' && ch !== '\n') byte(ch.charCodeAt(0));
      i++;
    }
  }
  if (stack.length > 0) throw new Error(`the RTF groups are not closed (${stack.length} open at the end)`);
  endParagraph();
  return blocks;
}
