/**
 * PDF: per-page text with pdf-parse (pdf.js), always given the CMap and standard-font data of the
 * pdf.js it runs on (without them CJK text in predefined-CMap fonts comes back silently empty),
 * then paragraphs rebuilt from visual lines.
 * @module
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PDFParse } from 'pdf-parse';
import { PipelineError } from '../errors.js';
import type { Extractor } from './extractor.js';
import { pagesToBlocks } from './pdf-paragraphs.js';
import { matcher, sniff } from './sniff.js';

/** pdfjs-dist as pdf-parse resolves it, so the data files match the code that reads them. */
const pdfjsDir = dirname(createRequire(import.meta.resolve('pdf-parse')).resolve('pdfjs-dist/package.json'));

/** Data folders pdf.js needs, with the trailing slash it requires. */
export const PDFJS_DATA = {
  cMapUrl: join(pdfjsDir, 'cmaps') + '/',
  standardFontDataUrl: join(pdfjsDir, 'standard_fonts') + '/',
} as const;

/** A PDF ends with `%%EOF` within its last KiB; its absence means the file was cut off. */
function isTruncated(bytes: Buffer): boolean {
  return !bytes.subarray(Math.max(0, bytes.length - 1024)).includes('%%EOF', 0, 'latin1');
}

/** Maps pdf-parse's exceptions (by name, as it re-creates them) to our codes. */
function failure(err: unknown, bytes: Buffer): PipelineError {
  const name = err instanceof Error ? err.name : '';
  const detail = err instanceof Error ? err.message : String(err);
  if (name === 'PasswordException') {
    return new PipelineError('ENCRYPTED', 'the PDF is password-protected; it cannot be read without the password', 'extract', {
      cause: err,
    });
  }
  const why = isTruncated(bytes)
    ? 'the file is cut off before its end-of-file marker (truncated download or copy?)'
    : `its structure is damaged (${detail})`;
  return new PipelineError('CORRUPT_FILE', `the PDF cannot be read: ${why}`, 'extract', { cause: err });
}

export const pdfExtractor: Extractor = {
  format: 'pdf',
  mediaTypes: ['application/pdf'],
  extensions: ['pdf'],
  match: matcher(['pdf'], ['pdf']),

  async extract(bytes, { ext }) {
    const detected = sniff(bytes);
    if (detected.kind !== 'pdf') {
      throw new PipelineError(
        'CORRUPT_FILE',
        `not a PDF: the file is named .${ext} but holds ${detected.label} (no %PDF header)`,
        'extract',
      );
    }
    const parser = new PDFParse({ data: bytes, ...PDFJS_DATA });
    try {
      const result = await parser.getText();
      const pages = result.pages.map((p) => p.text);
      const blocks = pagesToBlocks(pages);
      if (blocks.length === 0) {
        throw new PipelineError(
          'NO_TEXT',
          `no text layer (scanned?): none of the ${result.total} page(s) carries text; it needs OCR`,
          'extract',
        );
      }
      return { format: 'pdf', mediaType: 'application/pdf', encoding: null, pages: result.total, blocks };
    } catch (err) {
      throw err instanceof PipelineError ? err : failure(err, bytes);
    } finally {
      await parser.destroy();
    }
  },
};
