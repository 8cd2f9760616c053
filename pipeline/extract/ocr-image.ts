/**
 * Page images (PNG, JPEG, TIFF, recognised by their magic bytes) read by OCR.
 * @module
 */
import { PipelineError } from '../errors.js';
import type { Extractor } from './extractor.js';
import { ocrImage, unreadable } from './ocr.js';
import { matcher, sniff } from './sniff.js';

export const imageExtractor: Extractor = {
  format: 'image',
  mediaTypes: ['image/png', 'image/jpeg', 'image/tiff'],
  extensions: ['png', 'jpg', 'jpeg', 'tif', 'tiff'],
  match: matcher(['image'], ['png', 'jpg', 'jpeg', 'tif', 'tiff']),

  async extract(bytes, { ext, ocr: ocrOptions }) {
    const detected = sniff(bytes);
    if (detected.kind !== 'image') {
      throw new PipelineError('CORRUPT_FILE', `not an image: the file is named .${ext} but holds ${detected.label}`, 'extract');
    }
    const { blocks, ocr } = await ocrImage(bytes, detected.label, ocrOptions);
    if (blocks.length === 0) throw new PipelineError('NO_TEXT', `the ${detected.label} has no text: ${unreadable(ocr, ocrOptions)}`, 'extract');
    return {
      format: 'image',
      mediaType: detected.mediaType ?? 'application/octet-stream',
      encoding: null,
      pages: ocr.pages.length,
      blocks,
      ocr,
    };
  },
};
