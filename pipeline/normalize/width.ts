/**
 * Character-width and whitespace tidying: full-width digits and Latin letters to ASCII (CJK
 * punctuation and the script stay as written), exotic spaces to plain ones, runs collapsed.
 * @module
 */

/** Full-width ０-９, Ａ-Ｚ, ａ-ｚ. */
const FULL_WIDTH_ALNUM = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g;
/**
 * Spaces other than U+0020 (NBSP, ideographic space, en/em spaces…), which become U+0020, and
 * zero-width characters and soft hyphens, which go; one pattern so each block is scanned once.
 * Tabs stay until {@link collapseSpaces}: they part table cells, and a cell edge is no noise gap.
 */
const ODD_SPACE = /[\v\f\r\n\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]|[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const ZERO_WIDTH = /^[\u200b-\u200d\u2060\ufeff\u00ad]$/;
/** Runs of spaces, and tabs with the spaces around them. */
const SPACE_RUN = / *\t[ \t]*| {2,}/g;

/** A line break inside a block, with the characters either side. */
const WRAP = /(\S)[ \t]*\r?\n\s*(?=(\S))/g;
const ALNUM = /[A-Za-z0-9]/;

/**
 * Joins the lines of a hard-wrapped block (a block is one paragraph, so a break inside it is a
 * wrap): nothing between Chinese characters, one space where a Latin word or number meets the break.
 */
export function unwrapLines(text: string): { text: string; joined: number } {
  if (!text.includes('\n')) return { text, joined: 0 };
  let joined = 0;
  const out = text.trim().replace(WRAP, (_m, a: string, b: string) => {
    joined++;
    return ALNUM.test(a) || ALNUM.test(b) ? `${a} ` : a;
  });
  return { text: out, joined };
}

/** What ends a sentence or an entry (`…（12）`). */
const ENTRY_ENDS = new Set('。！？!?：:；;”’」』）)…');
/**
 * A trimmed line that ends a sentence or an entry: its last character, what `/[…]\s*$/` found by
 * trying every position of the line (a paragraph of a law, as a rule).
 */
const endsEntry = (trimmed: string): boolean => ENTRY_ENDS.has(trimmed.charAt(trimmed.length - 1));
/** A wrapped line reaches near the block's widest line; a shorter one ends where its author ended it. */
const WRAPPED_WIDTH = 0.8;

/**
 * Cuts a block at line breaks after complete lines — ending a sentence or an entry, or well short
 * of the block's width (a title, a byline, a 目录 line) — so only hard-wrapped runs are left for
 * {@link unwrapLines} to rejoin.
 */
export function splitCompleteLines(text: string): string[] {
  if (!text.includes('\n')) return [text];
  const lines = text.split('\n');
  const width = Math.max(...lines.map((l) => l.trim().length));
  const chunks: string[] = [];
  let current: string[] = [];
  for (const line of lines) {
    current.push(line);
    const t = line.trim();
    if (endsEntry(t) || t.length < width * WRAPPED_WIDTH) {
      chunks.push(current.join('\n'));
      current = [];
    }
  }
  if (current.length) chunks.push(current.join('\n'));
  return chunks;
}

/** Full-width digits/letters to ASCII; returns the text and how many characters changed. */
export function halfWidth(text: string): { text: string; converted: number } {
  let converted = 0;
  const out = text.replace(FULL_WIDTH_ALNUM, (ch) => {
    converted++;
    return String.fromCharCode(ch.charCodeAt(0) - 0xfee0);
  });
  return { text: out, converted };
}

/** Plain spaces and tabs only, no zero-width characters, trimmed; runs are kept for the noise pass to read. */
export function plainSpaces(text: string): string {
  return text.replace(ODD_SPACE, (ch) => (ZERO_WIDTH.test(ch) ? '' : ' ')).trim();
}

/** Final tidy: trimmed, runs of spaces and tabs collapsed to one space (single spaces, e.g. `XX 区`, stay). */
export function collapseSpaces(text: string): string {
  return text.replace(SPACE_RUN, ' ').trim();
}
