/**
 * The formats offices still send (issue 21): Word 97 (.doc) and WPS Writer (.wps), and RTF (with
 * GBK inside). Fixtures: opinion.doc/.wps/.rtf and notice.gbk.rtf from scripts/make-fixtures.sh
 * (LibreOffice, and a GBK RTF written as Chinese Word writes one). Bad input of each format fails
 * with its own code.
 *
 * RTF and the LibreOffice fallback need soffice: without it they are skipped, except under CI,
 * where .ci/run installs LibreOffice, so a missing soffice fails them instead.
 * @module
 */
import { readFileSync } from 'node:fs';
import CFB from 'cfb';
import { describe, expect, it } from 'vitest';
import { PipelineError } from '../pipeline/errors.js';
import { extract, sniff } from '../pipeline/extract/index.js';
import { htmlToBlocks } from '../pipeline/extract/html-blocks.js';
import { officeEngine, officeToHtml } from '../pipeline/extract/office.js';
import type { Extraction } from '../pipeline/types.js';
import { similarity } from './helpers/similarity.js';

const FIXTURES = new URL('../corpus/fixtures/', import.meta.url);
const read = (name: string): Buffer => readFileSync(new URL(name, FIXTURES));
const textOf = (e: { blocks: readonly { text: string }[] }): string => e.blocks.map((b) => b.text).join('\n');

async function failure(path: string, bytes: Buffer): Promise<PipelineError> {
  const err = await extract({ path, bytes }).then(() => null, (e: unknown) => e);
  expect(err, `${path} should fail`).toBeInstanceOf(PipelineError);
  return err as PipelineError;
}

const hasOffice = (await officeEngine()) !== null;
/** Under CI a missing soffice is a broken install, not a reason to skip. */
const runOffice = hasOffice || process.env.CI === 'true';
const SKIPPED = runOffice ? '' : ' — skipped: LibreOffice is not installed (apt-get install libreoffice-writer-nogui)';

/** The DOCX of the same 篇五 (made by LibreOffice from the same HTML) as the reference text. */
const reference = async (): Promise<Extraction> => extract({ path: 'opinion-headings.docx', bytes: read('opinion-headings.docx') });

/** An OLE2 file holding the given streams, as cfb writes one. */
function ole2(streams: Record<string, Buffer>): Buffer {
  const cfb = CFB.utils.cfb_new();
  for (const [name, content] of Object.entries(streams)) CFB.utils.cfb_add(cfb, name, content);
  return Buffer.from(CFB.write(cfb, { type: 'buffer' }) as Uint8Array);
}

/** opinion.doc's streams, so a test can change one. */
function docStreams(): Record<string, Buffer> {
  const cfb = CFB.read(read('opinion.doc'), { type: 'buffer' });
  return Object.fromEntries(
    cfb.FileIndex.map((e, i) => [cfb.FullPaths[i]!.replace(/^Root Entry\//, ''), e] as const)
      .filter(([, e]) => e.type === 2 && e.content)
      .map(([name, e]) => [name, Buffer.from(e.content as Uint8Array)]),
  );
}

describe('Word 97 (.doc) and WPS Writer (.wps)', () => {
  it('reads the Word 97 file with word-extractor, all of its text, and records that reader', async () => {
    const doc = await extract({ path: 'opinion.doc', bytes: read('opinion.doc') });
    expect(doc).toMatchObject({ format: 'doc', mediaType: 'application/msword', reader: expect.stringMatching(/^word-extractor \d/) });
    expect(similarity(textOf(doc), textOf(await reference()))).toBeGreaterThanOrEqual(0.99);
    expect(textOf(doc)).toContain('区政协一般每年召开 1-2 次专题协商会');
  });

  it('reads a .wps (WPS Writer saves Word’s binary format) as the same document', async () => {
    const wps = await extract({ path: 'opinion.wps', bytes: read('opinion.wps') });
    expect(wps.format).toBe('doc');
    expect(textOf(wps)).toBe(textOf(await extract({ path: 'opinion.doc', bytes: read('opinion.doc') })));
  });

  it.runIf(runOffice)(`gives the same text by LibreOffice, the fallback reader, with the headings it keeps${SKIPPED}`, async () => {
    const { html, engine } = await officeToHtml(read('opinion.doc'), 'doc');
    expect(engine).toMatch(/^LibreOffice \d/);
    const blocks = htmlToBlocks(html);
    expect(similarity(textOf({ blocks }), textOf(await reference()))).toBeGreaterThanOrEqual(0.99);
    expect(blocks.filter((b) => b.heading).length).toBeGreaterThan(0);
  }, 120_000);

  it('says ENCRYPTED for a Word file whose FIB marks it password-protected', async () => {
    const streams = docStreams();
    const word = Buffer.from(streams.WordDocument!);
    word.writeUInt16LE(word.readUInt16LE(0x0a) | 0x0100, 0x0a);
    const err = await failure('locked.doc', ole2({ ...streams, WordDocument: word }));
    expect(err.code).toBe('ENCRYPTED');
  });

  it('says ENCRYPTED for an Office file saved with a password (an OLE2 wrapper around an encrypted package)', async () => {
    const err = await failure('locked.doc', ole2({ EncryptionInfo: Buffer.alloc(64, 1), EncryptedPackage: Buffer.alloc(4096, 7) }));
    expect(err.code).toBe('ENCRYPTED');
  });

  it('names an Excel workbook in OLE2 clothing as unsupported, not damaged', async () => {
    const err = await failure('sheet.doc', ole2({ Workbook: Buffer.alloc(4096, 9) }));
    expect(err.code).toBe('UNSUPPORTED_FORMAT');
    expect(err.message).toContain('Excel workbook');
  });

  it('says CORRUPT_FILE for a cut-off .doc and for a .doc that holds no OLE2 file, EMPTY_FILE for an empty one', async () => {
    expect((await failure('truncated.doc', read('bad/truncated.doc'))).code).toBe('CORRUPT_FILE');
    const noise = await failure('not-ole.doc', read('bad/not-ole.doc'));
    expect(noise.code).toBe('CORRUPT_FILE');
    expect(noise.message).toContain('not a Word document');
    expect((await failure('empty.doc', read('bad/empty.doc'))).code).toBe('EMPTY_FILE');
  });
});

describe(`RTF${SKIPPED}`, () => {
  it.runIf(runOffice)('decodes GBK text of an \\ansicpg936 RTF (Chinese Word and WPS write them so)', async () => {
    const rtf = await extract({ path: 'notice.gbk.rtf', bytes: read('notice.gbk.rtf') });
    expect(rtf).toMatchObject({ format: 'rtf', mediaType: 'application/rtf', reader: expect.stringMatching(/^LibreOffice/) });
    expect(rtf.blocks[0]!.text).toBe('关于征集政协文史资料的通知');
    expect(textOf(rtf)).toContain('市政协决定开展亲历、亲见、亲闻史料征集工作');
  }, 120_000);

  it.runIf(runOffice)('reads LibreOffice’s RTF of 篇五 with its headings', async () => {
    const rtf = await extract({ path: 'opinion.rtf', bytes: read('opinion.rtf') });
    expect(similarity(textOf(rtf), textOf(await reference()))).toBeGreaterThanOrEqual(0.99);
    expect(rtf.blocks[0]).toMatchObject({ heading: 1 });
  }, 120_000);

  it('says CORRUPT_FILE for a cut-off RTF and an .rtf that is none', async () => {
    const cut = await failure('truncated.rtf', read('bad/truncated.rtf'));
    expect(cut).toMatchObject({ code: 'CORRUPT_FILE', message: expect.stringContaining('cut off') });
    expect(sniff(read('bad/not-ole.doc')).kind).toBe('binary');
    const noise = await failure('noise.rtf', read('bad/not-ole.doc'));
    expect(noise).toMatchObject({ code: 'CORRUPT_FILE', message: expect.stringContaining('not an RTF document') });
  });

  it('names what to install when LibreOffice is missing', async () => {
    const before = process.env.WENSHI_SOFFICE;
    process.env.WENSHI_SOFFICE = '/nonexistent/soffice';
    try {
      const err = await failure('notice.gbk.rtf', read('notice.gbk.rtf'));
      expect(err).toMatchObject({ code: 'UNSUPPORTED_FORMAT', message: expect.stringContaining('apt-get install libreoffice-writer-nogui') });
    } finally {
      if (before === undefined) delete process.env.WENSHI_SOFFICE;
      else process.env.WENSHI_SOFFICE = before;
    }
  });
});
