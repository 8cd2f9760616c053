/**
 * Plain text: detect and record the encoding, refuse binary data, and cut paragraphs at blank
 * lines. Paragraph text stays raw (line breaks and indentation kept) for the normalizer.
 * @module
 */
import { PipelineError } from '../errors.js';
import type { Block } from '../types.js';
import { decodeText } from './decode.js';
import type { Extractor } from './extractor.js';
import { matcher } from './sniff.js';

/** Fewer blank lines than this share of text lines means the file puts one paragraph per line. */
const LINE_PER_PARAGRAPH = 0.1;

/**
 * Paragraphs: runs of non-blank lines, each kept as written (CRLF and CR become LF). A file that
 * hardly uses blank lines puts one paragraph on each line; the normalizer rejoins lines that break
 * a sentence either way.
 */
export function paragraphs(text: string): Block[] {
  const all = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
  const filled = all.filter((l) => /\S/.test(l)).length;
  if (all.length - filled < filled * LINE_PER_PARAGRAPH) return all.filter((l) => /\S/.test(l)).map((l) => ({ text: l }));
  const blocks: Block[] = [];
  let lines: string[] = [];
  for (const line of all) {
    if (/\S/.test(line)) {
      lines.push(line);
    } else if (lines.length > 0) {
      blocks.push({ text: lines.join('\n') });
      lines = [];
    }
  }
  if (lines.length > 0) blocks.push({ text: lines.join('\n') });
  return blocks;
}

export const txtExtractor: Extractor = {
  format: 'txt',
  mediaTypes: ['text/plain'],
  extensions: ['txt', 'text'],
  match: matcher(['text'], ['txt', 'text']),

  async extract(bytes) {
    const { text, encoding } = decodeText(bytes);
    const blocks = paragraphs(text);
    if (blocks.length === 0) throw new PipelineError('NO_TEXT', 'the text file holds only blank lines', 'extract');
    return { format: 'txt', mediaType: 'text/plain', encoding, pages: null, blocks };
  },
};
