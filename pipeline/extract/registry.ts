/**
 * The extractors, and the pure choice between them: the highest `match` score wins; no taker is
 * UNSUPPORTED_FORMAT naming what the content was detected to be. An extractor imports its parser
 * when it first extracts (cheerio, which loads undici too, and mammoth): every process that reads
 * files loads the registry, and one reading text formats (a scale ingest's writing thread) spent
 * ~0.3 s of its start loading them.
 * @module
 */
import { extname } from 'node:path';
import { PipelineError } from '../errors.js';
import { docExtractor } from './doc.js';
import { docxExtractor } from './docx.js';
import type { Extractor } from './extractor.js';
import { htmlExtractor } from './html.js';
import { markdownExtractor } from './markdown.js';
import { imageExtractor } from './ocr-image.js';
import { ofdExtractor } from './ofd.js';
import { pdfExtractor } from './pdf.js';
import { rtfExtractor } from './rtf.js';
import { sniff } from './sniff.js';
import { txtExtractor } from './txt.js';

/** Every format we read. Scores come from `SPECIFICITY`, so order only breaks exact ties. */
export const EXTRACTORS: readonly Extractor[] = [
  pdfExtractor, docxExtractor, docExtractor, rtfExtractor, ofdExtractor, imageExtractor, htmlExtractor, markdownExtractor, txtExtractor,
];

/** The lower-case extension of `path` without its dot, `''` when there is none. */
export function extensionOf(path: string): string {
  return extname(path).slice(1).toLowerCase();
}

/** Picks the extractor for a file by its content (its name only settles unrecognisable bytes). */
export function pickExtractor(bytes: Buffer, path: string): Extractor {
  const ext = extensionOf(path);
  let best: Extractor | null = null;
  let bestScore = -1;
  for (const extractor of EXTRACTORS) {
    const score = extractor.match(bytes, ext);
    if (score > bestScore) {
      best = extractor;
      bestScore = score;
    }
  }
  if (best) return best;
  const named = ext ? ` (the file is named .${ext})` : '';
  throw new PipelineError(
    'UNSUPPORTED_FORMAT',
    `unsupported format: detected ${sniff(bytes).label}${named}; readable formats are TXT, Markdown, HTML, PDF, DOCX, DOC/WPS, RTF, OFD and page images (PNG, JPEG, TIFF)`,
    'extract',
  );
}
