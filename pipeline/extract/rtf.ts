/**
 * RTF: read in plain JS (rtf-text.ts), with LibreOffice as fallback where that reader fails or
 * finds nothing, as for .doc. No maintained npm package reads RTF as text with its code pages (the
 * parsers there tokenise, as rtf-stream-parser for Outlook's encapsulated HTML, or render to a
 * browser DOM, as rtf.js), and LibreOffice takes seconds per file. Which reader read a file is
 * recorded on its source.
 * @module
 */
import { PipelineError } from '../errors.js';
import type { Block } from '../types.js';
import type { Extractor } from './extractor.js';
import { OfficeFailure, officeToHtml } from './office.js';
import { rtfToBlocks } from './rtf-text.js';
import { matcher, sniff } from './sniff.js';

/** The name the JS reader is recorded under. */
export const RTF_READER = 'wenshi rtf-text';

/** An RTF document ends with the `}` that closes its outermost group. */
const isTruncated = (bytes: Buffer): boolean => !/\}\s*\0*$/.test(bytes.toString('latin1', Math.max(0, bytes.length - 64)));

/** The JS reader's paragraphs, or why it gave none. */
function readInJs(bytes: Buffer): { blocks: Block[] } | { why: string } {
  try {
    const blocks = rtfToBlocks(bytes);
    return blocks.length > 0 ? { blocks } : { why: `${RTF_READER} found no text` };
  } catch (err) {
    return { why: `${RTF_READER} failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}

export const rtfExtractor: Extractor = {
  format: 'rtf',
  mediaTypes: ['application/rtf'],
  extensions: ['rtf'],
  match: matcher(['rtf'], ['rtf']),

  async extract(bytes, { ext }) {
    const detected = sniff(bytes);
    if (detected.kind !== 'rtf') {
      throw new PipelineError('CORRUPT_FILE', `not an RTF document: the file is named .${ext} but holds ${detected.label} (no {\\rtf header)`, 'extract');
    }
    if (isTruncated(bytes)) {
      throw new PipelineError('CORRUPT_FILE', 'the RTF document is cut off: it does not end with the } that closes it (truncated download or copy?)', 'extract');
    }
    const js = readInJs(bytes);
    let blocks: Block[];
    let reader = RTF_READER;
    if ('blocks' in js) blocks = js.blocks;
    else {
      try {
        const converted = await officeToHtml(bytes, 'rtf');
        const { htmlToBlocks } = await import('./html-blocks.js');
        blocks = htmlToBlocks(converted.html);
        reader = `${converted.engine} (${js.why})`;
      } catch (err) {
        if (!(err instanceof OfficeFailure)) throw err;
        throw new PipelineError(err.missing ? 'UNSUPPORTED_FORMAT' : 'CORRUPT_FILE', `the RTF document needs LibreOffice to be read (${js.why}), and ${err.message}`, 'extract', { cause: err });
      }
    }
    if (blocks.length === 0) throw new PipelineError('NO_TEXT', `the RTF document contains no text (read by ${reader})`, 'extract');
    return { format: 'rtf', mediaType: 'application/rtf', encoding: null, pages: null, blocks, reader };
  },
};
