/**
 * Markdown (LawRefBook exports of laws and regulations, notes kept as `.md`): blocks with heading
 * levels from `#`…`######` and setext underlines; markup marks go (HTML comments, emphasis, link
 * and image syntax, code ticks, quote and bullet marks, table rules, stray HTML tags) and every
 * character of text stays. The first level-1 heading is the source's own title signal.
 * @module
 */
import { PipelineError } from '../errors.js';
import type { Block, SourceSignals } from '../types.js';
import { decodeText } from './decode.js';
import type { Extractor } from './extractor.js';
import { sniff, SPECIFICITY } from './sniff.js';

const EXTENSIONS = ['md', 'markdown'] as const;

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
/** A setext underline: `===` makes the line above a level-1 heading, `---` a level-2 one. */
const SETEXT = /^ {0,3}(?:=+|-+)[ \t]*$/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const FENCE = /^ {0,3}(?:`{3,}|~{3,})/;
/** Comments may span lines; an unclosed `<!--` is left alone, since what follows it may be text. */
const COMMENT = /<!--[\s\S]*?-->/g;
const QUOTE_MARKS = /^(?: {0,3}>[ \t]?)+/;
/** Bullets only: an ordered list's `1.` is a label the structure stage reads. */
const BULLET = /^( *)[-*+][ \t]+(?=\S)/;
const TABLE_ROW = /^ *\|.*\| *$/;
const TABLE_RULE = /^ *\|?(?: *:?-+:? *\|)+(?: *:?-+:? *)?\|? *$/;

/**
 * Inline markup, left to right: an escaped punctuation mark, a link's or image's text, a code
 * span, an autolink, an HTML tag (ASCII names only, so `<中华人民共和国港口法>` used as title
 * marks stays), a pair of emphasis or strike marks (an underscore only outside a Latin word).
 */
const INLINE = new RegExp(
  [
    String.raw`\\([!-/:-@[-\x60{-~])`,
    String.raw`!?\[([^\]]*)\]\([^)]*\)`,
    String.raw`(\x60+)([^\x60]+?)\3`,
    String.raw`<((?:https?|mailto):[^>\s]+)>`,
    String.raw`<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>`,
    String.raw`(\*{1,3}|~~|(?<![A-Za-z0-9])_{1,3})(?=\S)(.*?\S)\6(?![A-Za-z0-9])`,
  ].join('|'),
  'g',
);

/** A line's text without inline markup. */
export function inlineText(line: string): string {
  return line.replace(
    INLINE,
    (_m, escaped?: string, link?: string, _ticks?: string, code?: string, url?: string, _mark?: string, emphasised?: string) =>
      escaped ?? (link !== undefined ? inlineText(link) : null) ?? code ?? url ?? (emphasised !== undefined ? inlineText(emphasised) : ''),
  );
}

/** What Markdown source text reads as: blocks with heading levels, and the title signal. */
export function markdownBlocks(source: string): { blocks: Block[]; signals: SourceSignals } {
  const lines = source.replace(/\r\n?/g, '\n').replace(COMMENT, '').split('\n');
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let fenced = false;

  const flush = (): void => {
    const text = paragraph.join('\n').trim();
    if (text) blocks.push({ text });
    paragraph = [];
  };
  const heading = (level: number, text: string): void => {
    const t = inlineText(text).trim();
    if (t) blocks.push({ text: t, heading: level });
  };

  for (const raw of lines) {
    if (FENCE.test(raw)) {
      fenced = !fenced;
      continue;
    }
    if (fenced) {
      // Code is kept as written, one block per line, like HTML's <pre>.
      flush();
      if (raw.trim()) blocks.push({ text: raw });
      continue;
    }
    const line = raw.replace(QUOTE_MARKS, '');
    const atx = ATX.exec(line);
    if (!line.trim()) {
      flush();
    } else if (atx) {
      flush();
      heading(atx[1]!.length, atx[2] ?? '');
    } else if (SETEXT.test(line) && paragraph.length === 1) {
      const [text] = paragraph;
      paragraph = [];
      heading(line.trim().startsWith('=') ? 1 : 2, text!);
    } else if (THEMATIC_BREAK.test(line) || TABLE_RULE.test(line)) {
      flush();
    } else if (TABLE_ROW.test(line)) {
      // A table row stays one line, its cells apart by tabs, as the HTML extractor gives them.
      flush();
      const cells = line.trim().slice(1, -1).split('|').map((c) => inlineText(c).trim());
      blocks.push({ text: cells.join('\t') });
    } else {
      paragraph.push(inlineText(line.replace(BULLET, '$1')));
    }
  }
  flush();
  const title = blocks.find((b) => b.heading === 1)?.text;
  return { blocks, signals: title ? { title: { value: title, signal: 'markdown heading' } } : {} };
}

export const markdownExtractor: Extractor = {
  format: 'markdown',
  mediaTypes: ['text/markdown'],
  extensions: EXTENSIONS,
  match(head, ext) {
    const { kind } = sniff(head);
    if (kind === 'markdown') return SPECIFICITY.markup;
    // Text named `.md` without headings is still Markdown: the name breaks the tie with plain text.
    const named = (EXTENSIONS as readonly string[]).includes(ext);
    if (named && kind === 'text') return SPECIFICITY.text + SPECIFICITY.extension;
    if (named && kind === 'binary') return SPECIFICITY.extension;
    return -1;
  },

  async extract(bytes) {
    const { text, encoding } = decodeText(bytes);
    const { blocks, signals } = markdownBlocks(text);
    if (blocks.length === 0) throw new PipelineError('NO_TEXT', 'the Markdown file holds no text, only markup or blank lines', 'extract');
    return { format: 'markdown', mediaType: 'text/markdown', encoding, pages: null, blocks, ...(signals.title ? { signals } : {}) };
  },
};
