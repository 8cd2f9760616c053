/**
 * DOCX: mammoth turns the document into HTML so headings and lists survive, then the shared
 * HTML → blocks path makes the blocks. Heading levels come from paragraph styles, English or
 * Chinese names, since mammoth drops the auto-numbering labels (一、) that would otherwise say it.
 * @module
 */
import { PipelineError } from '../errors.js';
import type { Extractor } from './extractor.js';
import { matcher, sniff } from './sniff.js';
import { checkDocxBudget, checkDocxMarkup } from './docx-budget.js';
import { zipEntries } from './zip-entries.js';
import { checkZipLimits } from './zip-limits.js';

const LEVELS = [1, 2, 3, 4, 5, 6] as const;

/**
 * Style names Chinese Word and WPS give headings, on top of mammoth's defaults (Heading 1…6,
 * matched case-insensitively). `Title` / `标题` is the document title: level 1.
 */
const STYLE_MAP = [
  ...LEVELS.flatMap((n) => [`p[style-name='标题 ${n}'] => h${n}:fresh`, `p[style-name='标题${n}'] => h${n}:fresh`]),
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='标题'] => h1:fresh",
];

/** checkDocxMarkup on the DOCX's parts; a part that cannot be inflated is left for mammoth to report as damage. */
function checkMarkup(bytes: Buffer, memoryMb: number): void {
  try {
    const parts = zipEntries(bytes);
    if (parts && !parts.encrypted) checkDocxMarkup(parts, memoryMb);
  } catch (err) {
    if (err instanceof PipelineError) throw err;
  }
}

export const docxExtractor: Extractor = {
  format: 'docx',
  mediaTypes: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  extensions: ['docx'],
  match: matcher(['docx'], ['docx']),

  async extract(bytes, { ext, zip, memoryMb }) {
    const detected = sniff(bytes);
    if (detected.kind === 'zip' || detected.kind === 'archive') {
      throw new PipelineError('UNSUPPORTED_FORMAT', `unsupported format: detected ${detected.label}`, 'extract');
    }
    if (detected.kind !== 'docx') {
      throw new PipelineError(
        'CORRUPT_FILE',
        `not a Word document: the file is named .${ext} but holds ${detected.label}, not the ZIP archive a DOCX is`,
        'extract',
      );
    }
    // Before mammoth inflates anything: a DOCX is a ZIP, and a ZIP bomb would exhaust the heap; and
    // under a memory budget, XML whose tree would not fit fails before mammoth builds it.
    await checkZipLimits(bytes, zip, memoryMb, memoryMb === undefined ? undefined : (entries) => checkDocxBudget(entries, memoryMb));
    if (memoryMb !== undefined) checkMarkup(bytes, memoryMb);
    const [{ default: mammoth }, { htmlToBlocks }] = await Promise.all([import('mammoth'), import('./html-blocks.js')]);
    let html: string;
    try {
      // Images would only be inlined as base64 and thrown away; skip reading them.
      const convertImage = mammoth.images.imgElement(async () => ({ src: '' }));
      ({ value: html } = await mammoth.convertToHtml({ buffer: bytes }, { styleMap: STYLE_MAP, convertImage }));
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      throw new PipelineError('CORRUPT_FILE', `the Word document is damaged and cannot be read (${detail})`, 'extract', {
        cause: err,
      });
    }
    const blocks = htmlToBlocks(html);
    if (blocks.length === 0) throw new PipelineError('NO_TEXT', 'the Word document contains no text', 'extract');
    return {
      format: 'docx',
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      encoding: null,
      pages: null,
      blocks,
    };
  },
};
