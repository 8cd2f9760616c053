/**
 * PDF: per-page text with pdf-parse (pdf.js), always given the CMap and standard-font data of the
 * pdf.js it runs on (without them CJK text in predefined-CMap fonts comes back silently empty),
 * then paragraphs rebuilt from visual lines; pages without a text layer (scans) are read by OCR.
 * @module
 */
import { join } from 'node:path';
import { PipelineError } from '../errors.js';
import type { Block } from '../types.js';
import type { Extractor } from './extractor.js';
import { ocrAvailable, ocrPdfPages, unreadable, type OcrResult } from './ocr.js';
import { pagesToBlocks } from './pdf-paragraphs.js';
import { loadPdfParse, PDFJS_DIR } from './pdfjs.js';
import { matcher, sniff } from './sniff.js';

/** Data folders pdf.js needs, with the trailing slash it requires. */
export const PDFJS_DATA = {
  cMapUrl: join(PDFJS_DIR, 'cmaps') + '/',
  standardFontDataUrl: join(PDFJS_DIR, 'standard_fonts') + '/',
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

/** A page needs OCR when its text layer has no letter or ideograph (at most a page number). */
const needsOcr = (text: string): boolean => !/\p{L}/u.test(text);

/** Both block lists in page order; blocks of one page keep their order. */
const byPage = (a: readonly Block[], b: readonly Block[]): Block[] => [...a, ...b].sort((x, y) => (x.page ?? 0) - (y.page ?? 0));

/** Each page's text layer, as pdf-parse reads it; pdf.js failures become PipelineErrors. */
async function pageTexts(bytes: Buffer): Promise<{ num: number; text: string }[]> {
  const PDFParse = await loadPdfParse();
  const parser = new PDFParse({ data: bytes, ...PDFJS_DATA });
  try {
    return (await parser.getText()).pages;
  } catch (err) {
    throw failure(err, bytes);
  } finally {
    await parser.destroy();
  }
}

export const pdfExtractor: Extractor = {
  format: 'pdf',
  mediaTypes: ['application/pdf'],
  extensions: ['pdf'],
  match: matcher(['pdf'], ['pdf']),

  async extract(bytes, { ext, ocr: ocrOptions }) {
    const detected = sniff(bytes);
    if (detected.kind !== 'pdf') {
      throw new PipelineError(
        'CORRUPT_FILE',
        `not a PDF: the file is named .${ext} but holds ${detected.label} (no %PDF header)`,
        'extract',
      );
    }
    const pages = await pageTexts(bytes);
    const scanned = pages.filter((p) => needsOcr(p.text)).map((p) => p.num);
    const text = pagesToBlocks(pages.map((p) => (needsOcr(p.text) ? '' : p.text)));
    // Without OCR installed, a PDF that has some text still gives that text, as before OCR existed;
    // only a PDF with none fails (NO_TEXT, saying what to install).
    let ocr: OcrResult | null = null;
    if (scanned.length > 0 && (text.length === 0 || (await ocrAvailable(ocrOptions)))) {
      ocr = await ocrPdfPages(bytes, scanned, pages.length, ocrOptions);
    }
    const blocks = ocr ? byPage(text, ocr.blocks) : text;
    if (blocks.length === 0) {
      const why = ocr ? `, and ${unreadable(ocr.ocr, ocrOptions)}` : '';
      throw new PipelineError('NO_TEXT', `no text layer (scanned?): none of the ${pages.length} page(s) carries text${why}`, 'extract');
    }
    return {
      format: 'pdf',
      mediaType: 'application/pdf',
      encoding: null,
      pages: pages.length,
      blocks,
      ...(ocr && { ocr: ocr.ocr }),
    };
  },
};
