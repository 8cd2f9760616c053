/**
 * The formats offices still send (issue 21): Word 97 (.doc) and WPS Writer (.wps), RTF (with GBK
 * inside), and OFD (GB/T 33190). Fixtures: opinion.doc/.wps/.rtf and notice.gbk.rtf from
 * scripts/make-fixtures.sh (LibreOffice, and a GBK RTF written as Chinese Word writes one), with
 * bad/encrypted.doc (LibreOffice, saved with a password); a Word 95 .doc with GBK text built by
 * test/helpers/word95.ts (LibreOffice reads Word 95 but cannot write it); OFD files built here by
 * test/helpers/ofd.ts. Bad input of each format fails with its own code.
 *
 * The LibreOffice fallback (of .doc and RTF) needs soffice: without it those tests are skipped, except under CI,
 * where .ci/run installs LibreOffice, so a missing soffice fails them instead.
 * @module
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import CFB from 'cfb';
import iconv from 'iconv-lite';
import WordExtractor from 'word-extractor';
import { describe, expect, it } from 'vitest';
import { PipelineError } from '../pipeline/errors.js';
import { extract, sniff } from '../pipeline/extract/index.js';
import { htmlToBlocks } from '../pipeline/extract/html-blocks.js';
import { ocrAvailable } from '../pipeline/extract/ocr.js';
import { officeEngine, officeToHtml } from '../pipeline/extract/office.js';
import type { Extraction } from '../pipeline/types.js';
import { buildOfd, wrap, type OfdSource } from './helpers/ofd.js';
import { buildWord95 } from './helpers/word95.js';
import { similarity } from './helpers/similarity.js';
import { zipEntries } from '../pipeline/extract/zip-entries.js';
import { buildZip, deflateRepeated } from './helpers/zip.js';

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
/** OCR likewise: tesseract with chi_sim is installed by .ci/run. */
const runOcr = (await ocrAvailable()) || process.env.CI === 'true';
const OCR_SKIPPED = runOcr ? '' : ' — skipped: tesseract with chi_sim is not installed';
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

  it.runIf(runOffice)(`hands a file word-extractor cannot read to LibreOffice, and a Works file straight to it, saying so when it fails too${SKIPPED}`, async () => {
    // A Word 97 FIB whose tables are empty: word-extractor finds nothing, LibreOffice neither.
    const word = Buffer.alloc(1024);
    word.writeUInt16LE(0xa5ec, 0);
    word.writeUInt16LE(0xc1, 2);
    word.writeUInt16LE(0x0200, 0x0a);
    const hollow = await failure('hollow.doc', ole2({ WordDocument: word, '1Table': Buffer.alloc(16) }));
    expect(hollow).toMatchObject({ code: 'NO_TEXT', message: expect.stringMatching(/read by LibreOffice .*word-extractor/) });
    const works = await failure('works.wps', ole2({ CONTENTS: Buffer.alloc(2048, 3) }));
    expect(works).toMatchObject({ code: 'CORRUPT_FILE', message: expect.stringContaining('(a Microsoft Works file) needs LibreOffice') });
  }, 120_000);

  it('says ENCRYPTED for a Word file whose FIB marks it password-protected', async () => {
    const streams = docStreams();
    const word = Buffer.from(streams.WordDocument!);
    word.writeUInt16LE(word.readUInt16LE(0x0a) | 0x0100, 0x0a);
    const err = await failure('locked.doc', ole2({ ...streams, WordDocument: word }));
    expect(err.code).toBe('ENCRYPTED');
  });

  it('says ENCRYPTED for a Word 97 file LibreOffice saved with a password to open (RC4, made by scripts/make-fixtures.sh)', async () => {
    const err = await failure('encrypted.doc', read('bad/encrypted.doc'));
    expect(err).toMatchObject({ code: 'ENCRYPTED', message: expect.stringContaining('password-protected') });
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

/** A 政协 notice as Chinese Word 95 saved it: GBK text in a Word 6/95 file. */
const OLD_NOTICE = ['关于征集政协文史资料的通知', '各区县政协：', '市政协决定开展亲历、亲见、亲闻史料征集工作，请于年底前报送。'];

describe('Word 6/95 (.doc) with GBK text', () => {
  it('is a Word 95 file that word-extractor refuses, so it goes to LibreOffice by its FIB', async () => {
    const word = Buffer.from(CFB.find(CFB.read(buildWord95(OLD_NOTICE), { type: 'buffer' }), 'WordDocument')!.content as Uint8Array);
    expect([word.readUInt16LE(0), word.readUInt16LE(2)]).toEqual([0xa5dc, 0x68]);
    await expect(new WordExtractor().extract(buildWord95(OLD_NOTICE))).rejects.toThrow(/magic number/);
  });

  it('stores a fast-saved file\'s paragraphs out of reading order, behind a piece table', () => {
    const word = Buffer.from(CFB.find(CFB.read(buildWord95(OLD_NOTICE, { fastSaved: true }), { type: 'buffer' }), 'WordDocument')!.content as Uint8Array);
    const fcMin = word.readInt32LE(0x18);
    expect(word.readUInt16LE(0x0a) & 0x0004).toBe(0x0004);
    expect(iconv.decode(word.subarray(fcMin, word.readInt32LE(0x1c)), 'cp936').split('\r').filter(Boolean)).toEqual([...OLD_NOTICE].reverse());
  });

  it.runIf(runOffice)(`opens in LibreOffice's own text conversion with the same Chinese, plain and fast-saved (the fixtures are real Word 95 files)${SKIPPED}`, async () => {
    const work = mkdtempSync(join(tmpdir(), 'wenshi-word95-'));
    try {
      writeFileSync(join(work, 'plain.doc'), buildWord95(OLD_NOTICE));
      writeFileSync(join(work, 'fast.doc'), buildWord95(OLD_NOTICE, { fastSaved: true }));
      const profile = `-env:UserInstallation=${pathToFileURL(join(work, 'profile')).href}`;
      const files = ['plain.doc', 'fast.doc'].map((name) => join(work, name));
      await promisify(execFile)('soffice', [profile, '--headless', '--convert-to', 'txt:Text', '--outdir', join(work, 'out'), ...files], { timeout: 120_000 });
      for (const name of ['plain.txt', 'fast.txt']) {
        const text = readFileSync(join(work, 'out', name), 'utf8').replace(/^\uFEFF/, '');
        expect(text.split(/\r?\n/).filter(Boolean), name).toEqual(OLD_NOTICE);
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 120_000);

  it.runIf(runOffice)(`is read through LibreOffice, the GBK decoded and a fast-saved file in reading order, and records that path${SKIPPED}`, async () => {
    for (const fastSaved of [false, true]) {
      const doc = await extract({ path: 'old.doc', bytes: buildWord95(OLD_NOTICE, { fastSaved }) });
      expect(doc).toMatchObject({ format: 'doc', mediaType: 'application/msword', reader: expect.stringMatching(/^LibreOffice \d.* \(a Word 6\/95 file\)$/) });
      expect(doc.blocks.map((b) => b.text), `fastSaved: ${fastSaved}`).toEqual(OLD_NOTICE);
    }
  }, 180_000);
});

/** An RTF whose groups are not all closed (one `{` too many), though it ends with a `}`. */
const UNBALANCED = Buffer.from('{\\rtf1\\ansi\\ansicpg936{\\fonttbl{\\f0\\fcharset134 SimSun;}}{\\f0 \\\'d5\\\'fe\\\'d0\\\'ad\\par}{\n}', 'latin1');

describe('RTF', () => {
  it('decodes GBK text of an \\ansicpg936 RTF (Chinese Word and WPS write them so) in JS', async () => {
    const rtf = await extract({ path: 'notice.gbk.rtf', bytes: read('notice.gbk.rtf') });
    expect(rtf).toMatchObject({ format: 'rtf', mediaType: 'application/rtf', reader: 'wenshi rtf-text' });
    expect(rtf.blocks[0]!.text).toBe('关于征集政协文史资料的通知');
    expect(textOf(rtf)).toContain('市政协决定开展亲历、亲见、亲闻史料征集工作');
  });

  it('reads LibreOffice’s RTF of 篇五 (\\uN escapes) with its headings from the stylesheet’s outline levels', async () => {
    const rtf = await extract({ path: 'opinion.rtf', bytes: read('opinion.rtf') });
    expect(rtf.reader).toBe('wenshi rtf-text');
    expect(similarity(textOf(rtf), textOf(await reference()))).toBeGreaterThanOrEqual(0.99);
    expect(rtf.blocks[0]).toMatchObject({ heading: 1 });
    expect(rtf.blocks.filter((b) => b.heading === 2).length).toBeGreaterThan(0);
  });

  it.runIf(runOffice)(`gives the same paragraphs as LibreOffice on both fixtures${SKIPPED}`, async () => {
    for (const name of ['notice.gbk.rtf', 'opinion.rtf']) {
      const { html } = await officeToHtml(read(name), 'rtf');
      expect(textOf(await extract({ path: name, bytes: read(name) })), name).toBe(textOf({ blocks: htmlToBlocks(html) }));
    }
  }, 120_000);

  it.runIf(runOffice)(`hands an RTF the JS reader cannot follow to LibreOffice, and says what each made of it${SKIPPED}`, async () => {
    const err = await failure('unbalanced.rtf', UNBALANCED);
    expect(err.code).toBe('CORRUPT_FILE');
    expect(err.message).toMatch(/\(wenshi rtf-text failed: the RTF groups are not closed .*\), and LibreOffice could not open it either$/);
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
      const err = await failure('unbalanced.rtf', UNBALANCED);
      expect(err).toMatchObject({ code: 'UNSUPPORTED_FORMAT', message: expect.stringContaining('apt-get install libreoffice-writer-nogui') });
    } finally {
      if (before === undefined) delete process.env.WENSHI_SOFFICE;
      else process.env.WENSHI_SOFFICE = before;
    }
  });
});

const NOTICE: OfdSource = {
  title: '关于开展政协文史资料征集工作的通知',
  author: '某市政协办公厅',
  creationDate: '2021-01-24',
  keywords: ['文史资料', '征集'],
  paragraphs: [
    '各区县政协：',
    '为做好新时代政协文史资料征集工作，充分发挥文史资料存史资政、团结育人的作用，现将有关事项通知如下。各区县政协要高度重视，明确专人负责，广泛动员社会各界人士积极提供史料线索和实物资料。',
    '征集范围包括 1949 年以来本地政治、经济、文化和社会发展中的重要事件、重要人物的亲历亲见亲闻资料。',
    '特此通知。',
  ],
};

describe('OFD', () => {
  it('reads the text in reading order with paragraphs rebuilt from positions, pages and DocInfo signals', async () => {
    const ofd = await extract({ path: 'notice.ofd', bytes: buildOfd([NOTICE]) });
    expect(ofd).toMatchObject({ format: 'ofd', mediaType: 'application/ofd', pages: 1 });
    expect(ofd.blocks.map((b) => b.text)).toEqual([NOTICE.title, ...NOTICE.paragraphs]);
    expect(ofd.signals).toEqual({
      title: { value: NOTICE.title, signal: 'ofd DocInfo Title' },
      issuer: { value: '某市政协办公厅', signal: 'ofd DocInfo Author' },
      date: { value: '2021-01-24', signal: 'ofd DocInfo CreationDate' },
      subject: { value: '文史资料、征集', signal: 'ofd DocInfo Keywords' },
    });
  });

  it('keeps a number set glyph by glyph one word, and reads a letterhead set on a template page', async () => {
    const ofd = await extract({ path: 'notice.ofd', bytes: buildOfd([NOTICE], { perGlyph: true, letterhead: '某市政协办公厅文件' }) });
    expect(ofd.blocks.map((b) => b.text)).toEqual(['某市政协办公厅文件', NOTICE.title, ...NOTICE.paragraphs]);
    expect(textOf(ofd)).toContain('1949 年');
  });

  it('reads XML parts written in GB18030', async () => {
    const ofd = await extract({ path: 'notice.ofd', bytes: buildOfd([NOTICE], { encoding: 'GB18030' }) });
    expect(ofd.blocks.map((b) => b.text)).toEqual([NOTICE.title, ...NOTICE.paragraphs]);
  });

  it('carries a paragraph across a page break and reads every document of a multi-document OFD', async () => {
    const second: OfdSource = { title: '附件', paragraphs: ['附件内容一段。'] };
    const ofd = await extract({ path: 'two.ofd', bytes: buildOfd([NOTICE, second], { linesPerPage: 4 }) });
    const lines = wrap(NOTICE.paragraphs[1]!, 28, 2);
    expect(lines.length).toBeGreaterThan(2);
    expect(ofd.blocks.map((b) => b.text)).toEqual([NOTICE.title, ...NOTICE.paragraphs, '附件', '附件内容一段。']);
    expect(ofd.pages).toBeGreaterThan(2);
  });

  it('reads a sealed, annotated, tagged OFD as its pages alone: annotation text stays out of the body, signals still from DocInfo', async () => {
    const annotations = [
      { page: 0, type: 'Stamp', text: '已阅', remark: '同意印发' },
      { page: 0, type: 'Highlight', text: '重点', remark: '请注意报送时限' },
      { page: 1, type: 'Watermark', text: '内部资料' },
    ] as const;
    const bytes = buildOfd([{ ...NOTICE, seal: '某市政协办公厅', customTags: true, annotations }], { linesPerPage: 6 });
    expect(zipEntries(bytes)!.names).toEqual(expect.arrayContaining([
      'Doc_0/Signs/Signatures.xml', 'Doc_0/Signs/Sign_0/Signature.xml', 'Doc_0/Signs/Sign_0/Seal.esl',
      'Doc_0/Annots/Annotations.xml', 'Doc_0/Annots/Page_0/Annotation.xml', 'Doc_0/Annots/Page_1/Annotation.xml',
      'Doc_0/Tags/CustomTags.xml', 'Doc_0/Tags/Tag_0.xml',
    ]));
    const plain = await extract({ path: 'plain.ofd', bytes: buildOfd([NOTICE], { linesPerPage: 6 }) });
    const ofd = await extract({ path: 'sealed.ofd', bytes });
    expect(ofd.blocks).toEqual(plain.blocks);
    expect(ofd.blocks.map((b) => b.text)).toEqual([NOTICE.title, ...NOTICE.paragraphs]);
    expect(ofd.pages).toBe(plain.pages);
    expect(ofd.pages).toBeGreaterThan(1);
    const marks = annotations.flatMap((a) => ['remark' in a ? a.remark : '', a.text]).filter(Boolean);
    for (const mark of marks) {
      expect(NOTICE.paragraphs.join('') + NOTICE.title, mark).not.toContain(mark);
      expect(textOf(ofd), mark).not.toContain(mark);
    }
    expect(ofd.signals).toEqual(plain.signals);
    expect(ofd.signals?.issuer).toEqual({ value: '某市政协办公厅', signal: 'ofd DocInfo Author' });
  });

  it('says CORRUPT_FILE for a cut-off OFD and for one whose document is missing', async () => {
    const bytes = buildOfd([NOTICE]);
    const cut = await failure('cut.ofd', bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(cut.code).toBe('CORRUPT_FILE');
    const missing = buildZip([{ name: 'OFD.xml', data: '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>' }]);
    expect(await failure('missing.ofd', missing)).toMatchObject({ code: 'CORRUPT_FILE', message: expect.stringContaining('Doc_0/Document.xml') });
  });

  it('names another ZIP called .ofd unsupported, ENCRYPTED for an encrypted package, EMPTY_FILE for an empty one', async () => {
    const other = await failure('other.ofd', buildZip([{ name: 'minutes.txt', data: '会议纪要' }]));
    expect(other).toMatchObject({ code: 'UNSUPPORTED_FORMAT', message: expect.stringContaining('ZIP archive') });
    expect(other.message).toContain('named .ofd');
    const encrypted = buildZip([{ name: 'OFD.xml', data: '<ofd:OFD/>' }, { name: 'Encryptions.xml', data: '<ofd:Encryptions/>' }]);
    expect((await failure('locked.ofd', encrypted)).code).toBe('ENCRYPTED');
    expect((await failure('empty.ofd', Buffer.alloc(0))).code).toBe('EMPTY_FILE');
  });

  it('goes by content, not by a wrong extension: an OFD named .pdf and a .doc named .ofd are read as what they are', async () => {
    expect((await extract({ path: 'notice.pdf', bytes: buildOfd([NOTICE]) })).format).toBe('ofd');
    expect((await extract({ path: 'opinion.ofd', bytes: read('opinion.doc') })).format).toBe('doc');
  });

  it('says NO_TEXT for an OFD whose pages hold neither text nor an image', async () => {
    const blank = buildOfd([{ title: '', paragraphs: [] }]);
    expect(await failure('blank.ofd', blank)).toMatchObject({ code: 'NO_TEXT', message: expect.stringContaining('no page is an image') });
  });

  it.runIf(runOcr)(`reads a page that is only an image (a scan) by OCR, with that page's number and confidence${OCR_SKIPPED}`, async () => {
    const png = read('ocr/page-17.png');
    const ofd = await extract({ path: 'scan.ofd', bytes: buildOfd([{ ...NOTICE, scans: [png] }]) });
    const alone = await extract({ path: 'page-17.png', bytes: png });
    expect(ofd.pages).toBe(2);
    expect(ofd.ocr?.pages).toEqual([{ page: 2, confidence: expect.any(Number), low: false }]);
    expect(ofd.blocks.filter((b) => b.page === 1).map((b) => b.text)).toEqual([NOTICE.title, ...NOTICE.paragraphs]);
    expect(textOf({ blocks: ofd.blocks.filter((b) => b.page === 2) })).toBe(textOf(alone));
  }, 120_000);

  it('refuses an OFD bomb before inflating it, and one whose directory lies about its size', async () => {
    const huge = await deflateRepeated('<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016">', ' ', 200 * 1024 * 1024, '</ofd:Page>');
    const entries = (content: { name: string; data: typeof huge; claimedSize?: number }) =>
      buildZip([{ name: 'OFD.xml', data: '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>' },
        { name: 'Doc_0/Document.xml', data: '<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>' },
        content]);
    const bomb = await failure('bomb.ofd', entries({ name: 'Doc_0/Pages/Page_0/Content.xml', data: huge }));
    expect(bomb).toMatchObject({ code: 'TOO_LARGE', message: expect.stringContaining('Content.xml') });
    const liar = await failure('liar.ofd', entries({ name: 'Doc_0/Pages/Page_0/Content.xml', data: huge, claimedSize: 1000 }));
    expect(liar).toMatchObject({ code: 'TOO_LARGE', message: expect.stringContaining('ZIP bomb') });
  }, 60_000);
});
