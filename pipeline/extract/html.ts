/**
 * HTML pages: decode by BOM, declared charset or detection, read what the page states about
 * itself (metadata table, `<meta>`, `<title>`), then keep the visible text as blocks with heading
 * levels (shared HTML → blocks path).
 * @module
 */
import { PipelineError } from '../errors.js';
import { decodeText } from './decode.js';
import type { Extractor } from './extractor.js';
import { htmlSignals } from './html-signals.js';
import { matcher } from './sniff.js';

/** Bytes searched for a charset declaration, as browsers do in their pre-scan. */
const PRESCAN = 4096;

/** `<meta charset=…>` or `<meta http-equiv="Content-Type" content="…; charset=…">`. */
const META_CHARSET = /<meta\b[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i;

/** The charset a page declares in its first bytes, if any. */
export function declaredCharset(bytes: Buffer): string | null {
  return META_CHARSET.exec(bytes.toString('latin1', 0, PRESCAN))?.[1] ?? null;
}

export const htmlExtractor: Extractor = {
  format: 'html',
  mediaTypes: ['text/html', 'application/xhtml+xml'],
  extensions: ['html', 'htm', 'xhtml', 'shtml'],
  match: matcher(['html'], ['html', 'htm', 'xhtml', 'shtml']),

  async extract(bytes) {
    const { text, encoding } = decodeText(bytes, declaredCharset(bytes));
    const [cheerio, { htmlToBlocks }] = await Promise.all([import('cheerio'), import('./html-blocks.js')]);
    const $ = cheerio.load(text);
    const signals = htmlSignals($);
    const blocks = htmlToBlocks($);
    if (blocks.length === 0) {
      throw new PipelineError(
        'NO_TEXT',
        'the HTML page has no visible text: only scripts, styles, navigation or empty markup',
        'extract',
      );
    }
    return { format: 'html', mediaType: 'text/html', encoding, pages: null, blocks, ...(Object.keys(signals).length ? { signals } : {}) };
  },
};
