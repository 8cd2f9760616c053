/**
 * RTF: converted by LibreOffice, whose RTF import follows the code pages the file declares
 * (`\ansicpg936` and `\fcharset134` fonts for GBK, `\uN` escapes for Unicode), keeps paragraph
 * and heading styles, and skips what is no text (font and style tables, pictures, fields' codes).
 * No maintained npm package reads RTF as text with its code pages: the parsers there tokenise
 * (rtf-stream-parser, for Outlook's encapsulated HTML) or render to a browser DOM (rtf.js).
 * @module
 */
import { PipelineError } from '../errors.js';
import type { Extractor } from './extractor.js';
import { htmlToBlocks } from './html-blocks.js';
import { OfficeFailure, officeToHtml } from './office.js';
import { matcher, sniff } from './sniff.js';

/** An RTF document ends with the `}` that closes its outermost group. */
const isTruncated = (bytes: Buffer): boolean => !/\}\s*\0*$/.test(bytes.toString('latin1', Math.max(0, bytes.length - 64)));

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
    let converted: { html: string; engine: string };
    try {
      converted = await officeToHtml(bytes, 'rtf');
    } catch (err) {
      if (!(err instanceof OfficeFailure)) throw err;
      throw new PipelineError(err.missing ? 'UNSUPPORTED_FORMAT' : 'CORRUPT_FILE', `the RTF document needs LibreOffice to be read, and ${err.message}`, 'extract', { cause: err });
    }
    const blocks = htmlToBlocks(converted.html);
    if (blocks.length === 0) throw new PipelineError('NO_TEXT', 'the RTF document contains no text', 'extract');
    return { format: 'rtf', mediaType: 'application/rtf', encoding: null, pages: null, blocks, reader: converted.engine };
  },
};
