/**
 * Word 97–2003 (.doc) and WPS Writer (.wps) files: OLE2 compound files whose `WordDocument`
 * stream carries the text. WPS Office saves .wps in Word's binary format, so one reader serves
 * both. word-extractor (pure JS) reads Word 97+; LibreOffice converts what it cannot: Word 6/95
 * files (their text is in the Windows code page, GBK for Chinese, which LibreOffice decodes by
 * the document's language), Microsoft Works files (`.wps` with no WordDocument stream), and
 * files word-extractor fails on. Which path a file took is recorded on its source (`reader`).
 *
 * Before either reader runs, the compound file is opened here (cfb) to tell a Word file from an
 * Excel or PowerPoint one and to recognise encryption, so each gets its own error.
 * @module
 */
import { createRequire } from 'node:module';
import CFB from 'cfb';
import WordExtractor from 'word-extractor';
import { PipelineError } from '../errors.js';
import type { Block, Extraction } from '../types.js';
import type { Extractor } from './extractor.js';
import { OfficeFailure, officeToHtml } from './office.js';
import { matcher, sniff } from './sniff.js';

const WORD_EXTRACTOR = `word-extractor ${(createRequire(import.meta.url)('word-extractor/package.json') as { version: string }).version}`;

/** FIB (File Information Block) fields at the start of the WordDocument stream ([MS-DOC] 2.5.2). */
const FIB = {
  /** wIdent: 0xA5EC from Word 97 on, 0xA5DC for Word 6/95. */
  ident: 0,
  /** nFib: the file format version; Word 97 is 0x00C1, Word 6 0x0065, Word 95 0x0068. */
  version: 2,
  /** Flag word whose bit 0x0100 is fEncrypted (password to open). */
  flags: 0x0a,
} as const;
const WORD97 = 0xc1;
const F_ENCRYPTED = 0x0100;

/** Other programs' OLE2 files, by a stream only they have, named in the UNSUPPORTED error. */
const OTHER_OLE2: readonly { stream: string; what: string }[] = [
  { stream: 'Workbook', what: 'an Excel workbook (.xls)' },
  { stream: 'Book', what: 'an Excel 5 workbook (.xls)' },
  { stream: 'PowerPoint Document', what: 'a PowerPoint deck (.ppt)' },
  { stream: '__substg1.0_0037001F', what: 'an Outlook message (.msg)' },
];

/** Where the text will come from. */
type Route = { reader: 'word-extractor'; why?: undefined } | { reader: 'libreoffice'; why: string };

const fail = (code: 'CORRUPT_FILE' | 'ENCRYPTED' | 'UNSUPPORTED_FORMAT' | 'NO_TEXT', message: string, cause?: unknown): PipelineError =>
  new PipelineError(code, message, 'extract', cause === undefined ? undefined : { cause });

/** Opens the compound file and decides the route, or throws the error the file deserves. */
function route(bytes: Buffer): Route {
  let cfb: CFB.CFB$Container;
  try {
    cfb = CFB.read(bytes, { type: 'buffer' });
  } catch (err) {
    // cfb's own messages are internal (a TypeError on a cut-off sector chain); the cause keeps them.
    throw fail('CORRUPT_FILE', 'the Word document is damaged or cut off: its OLE2 structure (the sectors that hold its streams) cannot be read', err);
  }
  const stream = (name: string): Buffer | null => {
    const entry = CFB.find(cfb, name);
    return entry?.content ? Buffer.from(entry.content as Uint8Array) : null;
  };
  // Office 2007+ files saved with a password to open are OLE2 wrappers around an encrypted package.
  if (stream('EncryptionInfo') && stream('EncryptedPackage')) {
    throw fail('ENCRYPTED', 'the Office document is password-protected (encrypted package); it cannot be read without the password');
  }
  const word = stream('WordDocument');
  if (!word) {
    // Microsoft Works word processor files (also .wps) keep their text in a CONTENTS stream.
    if (stream('CONTENTS')) return { reader: 'libreoffice', why: 'a Microsoft Works file' };
    const other = OTHER_OLE2.find((o) => stream(o.stream));
    throw fail('UNSUPPORTED_FORMAT', `unsupported format: the OLE2 file is ${other?.what ?? 'no Word document (it has no WordDocument stream)'}`);
  }
  if (word.length < 0x20) throw fail('CORRUPT_FILE', 'the Word document is damaged: its WordDocument stream is cut off');
  if (word.readUInt16LE(FIB.flags) & F_ENCRYPTED) {
    throw fail('ENCRYPTED', 'the Word document is password-protected; it cannot be read without the password');
  }
  if (word.readUInt16LE(FIB.version) < WORD97) return { reader: 'libreoffice', why: 'a Word 6/95 file' };
  return { reader: 'word-extractor' };
}

/** Paragraph blocks of word-extractor's body text (paragraphs end with a newline, cells with a tab). */
function bodyBlocks(body: string): Block[] {
  return body
    .split(/\r?\n|\r|\f/)
    .map((line) => line.trim())
    .filter((line) => /[\p{L}\p{N}]/u.test(line))
    .map((text) => ({ text }));
}

async function withWordExtractor(bytes: Buffer): Promise<Block[]> {
  const doc = await new WordExtractor().extract(bytes);
  return bodyBlocks(doc.getBody());
}

async function withLibreOffice(bytes: Buffer, ext: string, why: string): Promise<{ blocks: Block[]; reader: string }> {
  try {
    const { html, engine } = await officeToHtml(bytes, ext);
    const { htmlToBlocks } = await import('./html-blocks.js');
    return { blocks: htmlToBlocks(html), reader: `${engine} (${why})` };
  } catch (err) {
    if (!(err instanceof OfficeFailure)) throw err;
    const code = err.missing ? 'UNSUPPORTED_FORMAT' : 'CORRUPT_FILE';
    throw fail(code, `the Word document (${why}) needs LibreOffice to be read, and ${err.message}`, err);
  }
}

export const docExtractor: Extractor = {
  format: 'doc',
  mediaTypes: ['application/msword', 'application/vnd.ms-works'],
  extensions: ['doc', 'dot', 'wps', 'wpt'],
  match: matcher(['ole2'], ['doc', 'dot', 'wps', 'wpt']),

  async extract(bytes, { ext }): Promise<Extraction> {
    const detected = sniff(bytes);
    if (detected.kind !== 'ole2') {
      throw fail('CORRUPT_FILE', `not a Word document: the file is named .${ext} but holds ${detected.label}, not the OLE2 compound file a .${ext} is`);
    }
    const path = route(bytes);
    let blocks: Block[] = [];
    let reader = WORD_EXTRACTOR;
    if (path.reader === 'word-extractor') {
      let why: string | null = null;
      try {
        blocks = await withWordExtractor(bytes);
        if (blocks.length === 0) why = `${WORD_EXTRACTOR} found no text`;
      } catch (err) {
        why = `${WORD_EXTRACTOR} failed: ${err instanceof Error ? err.message : String(err)}`;
      }
      if (why) ({ blocks, reader } = await withLibreOffice(bytes, ext, why));
    } else {
      ({ blocks, reader } = await withLibreOffice(bytes, ext, path.why));
    }
    if (blocks.length === 0) throw fail('NO_TEXT', `the Word document contains no text (read by ${reader})`);
    return {
      format: 'doc',
      mediaType: path.why === 'a Microsoft Works file' ? 'application/vnd.ms-works' : 'application/msword',
      encoding: null,
      pages: null,
      blocks,
      reader,
    };
  },
};
