/**
 * HTML → blocks, shared by the HTML extractor and the DOCX extractor (mammoth's output): drop
 * page furniture, keep block boundaries and heading levels, collapse markup whitespace.
 * @module
 */
import * as cheerio from 'cheerio';
import type { AnyNode } from 'domhandler';
import type { Block } from '../types.js';

/** Never content: code, styling, forms, embedded frames and the document head. */
const DROP = 'head, script, style, noscript, template, nav, aside, form, iframe, svg, canvas, object, embed';

/**
 * Site header and footer are chrome; the same tags inside an <article> or <main> often hold the
 * article's own title or byline, so those stay.
 */
const DROP_OUTSIDE_ARTICLE = 'header, footer';

/** Elements that start and end a block of text. */
const BLOCK = new Set([
  'address', 'article', 'blockquote', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'header', 'hr', 'li', 'main', 'menu', 'ol', 'p', 'pre',
  'section', 'summary', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'ul', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
]);

/** Table cells stay on their row's line, separated by a tab. */
const CELL = new Set(['td', 'th']);

/** Whitespace that HTML rendering collapses (not U+00A0 or U+3000, which are content). */
const MARKUP_SPACE = /[ \t\n\r\f]+/g;

/** Turns an HTML document or fragment (or a page already parsed, which it then changes) into blocks of visible text. */
export function htmlToBlocks(html: string | cheerio.CheerioAPI): Block[] {
  const $ = typeof html === 'string' ? cheerio.load(html) : html;
  $(DROP).remove();
  $(DROP_OUTSIDE_ARTICLE)
    .filter((_, el) => $(el).parents('article, main').length === 0)
    .remove();

  const blocks: Block[] = [];
  let buffer = '';
  let heading: number | undefined;
  let pre = 0;

  const flush = (): void => {
    const text = buffer.trim();
    if (text) blocks.push(heading ? { text, heading } : { text });
    buffer = '';
  };

  const walk = (node: AnyNode): void => {
    if (node.type === 'text') {
      buffer += pre > 0 ? node.data : node.data.replace(MARKUP_SPACE, ' ');
      return;
    }
    if (node.type !== 'tag' && node.type !== 'root') return;
    const name = node.type === 'tag' ? node.name : '';
    if (name === 'br') return flush();
    if (CELL.has(name) && buffer.trim()) buffer += '\t';
    const level = /^h([1-6])$/.exec(name)?.[1];
    const isBlock = BLOCK.has(name);
    if (isBlock) flush();
    if (level) heading = Number(level);
    if (name === 'pre') pre++;
    for (const child of node.children) walk(child);
    if (name === 'pre') {
      pre--;
      // Preformatted lines are lines: each becomes its own block.
      const lines = buffer.split('\n');
      for (const line of lines) {
        buffer = line;
        flush();
      }
    }
    if (isBlock) flush();
    if (level) heading = undefined;
  };

  walk($.root()[0] as AnyNode);
  flush();
  return blocks;
}
