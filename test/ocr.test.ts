/**
 * OCR of scanned PDFs and page images over corpus/fixtures/ocr (made by
 * scripts/make-ocr-fixtures.sh from seed.pdf): accuracy against the text layer of the same seed
 * pages, per-page confidence, a mixed PDF, a PNG page, the layout rules, and the errors when
 * tesseract is missing or a picture holds no readable text.
 * @module
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PipelineError } from '../pipeline/errors.js';
import { extract, pickExtractor, sniff } from '../pipeline/extract/index.js';
import { ocrAvailable, ocrImage, ocrPdfPages } from '../pipeline/extract/ocr.js';
import { joinPieces, ocrBlocks, parseTsv } from '../pipeline/extract/ocr-layout.js';
import { PDFJS_DATA } from '../pipeline/extract/pdf.js';
import type { Extraction } from '../pipeline/types.js';
import type { IngestSummary } from '../workers/summary.js';
import { tempDir, wenshi, wenshiJson } from './helpers/cli.js';
import { similarity } from './helpers/similarity.js';
import { skipUnlessTool } from './helpers/tools.js';

const FIXTURES = new URL('../corpus/fixtures/', import.meta.url);
const read = (name: string): Buffer => readFileSync(new URL(name, FIXTURES));
const extractFixture = (name: string): Promise<Extraction> => extract({ path: name, bytes: read(name) });
const textOf = (blocks: readonly { text: string }[]): string => blocks.map((b) => b.text).join('\n');

/** The text layer of the given 1-based pages of seed.pdf, page by page, as pdf-parse reads it. */
async function seedPages(pages: number[]): Promise<string[]> {
  const parser = new PDFParse({ data: read('seed.pdf'), ...PDFJS_DATA });
  try {
    return (await parser.getText({ partial: pages })).pages.map((p) => p.text);
  } finally {
    await parser.destroy();
  }
}

/** The PipelineError `promise` rejects with. */
async function failure(promise: Promise<unknown>): Promise<PipelineError> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(PipelineError);
  return err as PipelineError;
}

const hasTesseract = await ocrAvailable();
const INSTALL = 'apt-get install tesseract-ocr tesseract-ocr-chi-sim';
/** Said in the titles of the tests that need tesseract, where they are skipped. */
const SKIPPED = hasTesseract ? '' : ` — skipped: tesseract with chi_sim is not installed (${INSTALL})`;
/** Skipped without tesseract; under CI=true its absence fails the run instead. */
const skipOcr = skipUnlessTool('tesseract with chi_sim', hasTesseract, INSTALL);

describe('OCR text layout', () => {
  it('drops the spaces OCR puts between CJK characters, keeps them next to Latin and numbers', () => {
    expect(joinPieces(['加强', '人', '民', '政协'])).toBe('加强人民政协');
    expect(joinPieces(['中共', 'XX', '区委'])).toBe('中共 XX 区委');
    expect(joinPieces(['每年召开', '1-2', '次'])).toBe('每年召开 1-2 次');
    expect(joinPieces(['定', ';有利于', '(单位)', '、', '“四个', '意识”'])).toBe('定;有利于(单位)、“四个意识”');
    expect(joinPieces(['办复率', '100', '%,', '不少'])).toBe('办复率 100%,不少');
    expect(joinPieces(['Hello,', 'world'])).toBe('Hello, world');
  });

  // Two pages of a made-up scan: tesseract's TSV rows (level, page, block, par, line, word, box, conf, text).
  const row = (page: number, par: number, line: number, word: number, left: number, width: number, conf: number, text: string): string =>
    [5, page, 1, par, line, word, left, 100 * line, width, 30, conf, text].join('\t');
  const header = 'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext';
  const tsv = [
    header,
    '1\t1\t0\t0\t0\t0\t0\t0\t1000\t1400\t-1\t',
    row(1, 1, 1, 1, 100, 400, 90, '一、总则'),
    row(1, 2, 1, 1, 100, 800, 80, '政协委员应当'), // a full line without a sentence end …
    row(1, 3, 1, 1, 100, 300, 50, '积极履职。'), // … runs on into the next paragraph
    row(1, 4, 1, 1, 100, 800, 90, '各专门委员会要'), // the page's last line runs on over the break
    row(2, 1, 1, 1, 100, 200, 70, '加强联系。'),
    row(2, 2, 1, 1, 160, 300, 70, '二、附则'),
  ].join('\n');

  it('reads pages, paragraphs and a confidence weighted by characters from the TSV', () => {
    const pages = parseTsv(tsv);
    expect(pages.map((p) => p.page)).toEqual([1, 2]);
    expect(pages[0]!.paragraphs).toHaveLength(4);
    // (90·4 + 80·6 + 50·5 + 90·7) / 22
    expect(pages[0]!.confidence).toBe(78.2);
    expect(pages[1]!.confidence).toBe(70);
  });

  it('joins paragraphs that run on, within a page and across the break, and keeps each block’s page', () => {
    expect(ocrBlocks(parseTsv(tsv))).toEqual([
      { text: '一、总则', page: 1 },
      { text: '政协委员应当积极履职。', page: 1 },
      { text: '各专门委员会要加强联系。', page: 1 },
      { text: '二、附则', page: 2 },
    ]);
  });
});

describe('page images are recognised by their bytes', () => {
  it.each([
    ['PNG', Buffer.from('\x89PNG\r\n\x1a\n\0\0\0\rIHDR', 'latin1'), 'image/png'],
    ['JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]), 'image/jpeg'],
    ['TIFF', Buffer.from('II*\0\x08\0\0\0', 'latin1'), 'image/tiff'],
    ['TIFF', Buffer.from('MM\0*\0\0\0\x08', 'latin1'), 'image/tiff'],
  ])('%s goes to OCR whatever the file is called', (label, bytes, mediaType) => {
    expect(sniff(bytes)).toEqual({ kind: 'image', label: `${label} image`, mediaType });
    expect(pickExtractor(bytes, 'scan.pdf').format).toBe('image');
  });
});

describe('without tesseract', () => {
  const missing = { tesseract: '/nonexistent/tesseract' };

  it('a page image fails with UNSUPPORTED_FORMAT, saying what to install', async () => {
    const err = await failure(ocrImage(Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), 'PNG image', missing));
    expect(err.code).toBe('UNSUPPORTED_FORMAT');
    expect(err.message).toMatch(/detected PNG image, which needs OCR, but tesseract is not installed/);
    expect(err.message).toContain(INSTALL);
    expect(err.permanent).toBe(true);
  });

  it('a scanned PDF fails with NO_TEXT, saying what to install', async () => {
    const err = await failure(ocrPdfPages(read('ocr/scan-p13-16.pdf'), [1, 2, 3, 4], 4, missing));
    expect(err.code).toBe('NO_TEXT');
    expect(err.message).toMatch(/^no text layer \(scanned\?\): 4 of 4 page\(s\) carry no text and need OCR, but tesseract is not installed/);
    expect(err.message).toContain(INSTALL);
  });

  it.skipIf(skipOcr)(`names the missing language package when tesseract lacks the language${SKIPPED}`, async () => {
    const err = await failure(ocrImage(Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), 'PNG image', { lang: 'chi_tra_x' }));
    expect(err.message).toMatch(/tesseract has no chi_tra_x language data; install it with: apt-get install tesseract-ocr-chi-tra-x/);
  });
});

describe.skipIf(skipOcr)(`OCR with tesseract${SKIPPED}`, () => {
  let scan: Extraction;
  // A temporary folder of this file's own (os.tmpdir() follows TMPDIR), so leftovers can be counted.
  const outerTmp = process.env.TMPDIR;
  let tmp: string;
  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'ocr-test-'));
    process.env.TMPDIR = tmp;
    scan = await extractFixture('ocr/scan-p13-16.pdf');
  });
  afterAll(() => {
    if (outerTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = outerTmp;
    rmSync(tmp, { recursive: true, force: true });
  });

  it('reads the image-only PDF like the text layer of the same pages of seed.pdf (≥ 98 %)', async () => {
    const layer = await seedPages([13, 14, 15, 16]);
    const accuracy = similarity(layer.join(''), textOf(scan.blocks));
    console.log(`OCR character accuracy, seed.pdf pages 13–16: ${(accuracy * 100).toFixed(2)} %`);
    expect(accuracy).toBeGreaterThanOrEqual(0.98);
    // Page by page too, so one good page cannot hide a lost one.
    layer.forEach((text, i) => {
      const page = scan.blocks.filter((b) => b.page === i + 1);
      expect(similarity(text, textOf(page)), `page ${i + 1}`).toBeGreaterThan(0.9);
    });
  });

  it('records every page’s confidence and the engine', () => {
    expect(scan).toMatchObject({ format: 'pdf', pages: 4 });
    expect(scan.ocr?.engine).toMatch(/^tesseract \d+\.\d+.* \(chi_sim\)$/);
    expect(scan.ocr?.pages.map((p) => p.page)).toEqual([1, 2, 3, 4]);
    for (const p of scan.ocr!.pages) {
      expect(p.confidence).toBeGreaterThan(80);
      expect(p.low).toBe(false);
    }
  });

  it('keeps Chinese solid: no space between two CJK characters', () => {
    const spaced = scan.blocks.filter((b) => /[\p{Script=Han}，。、][^\S\n]+[\p{Script=Han}，。、]/u.test(b.text));
    expect(spaced.map((b) => b.text)).toEqual([]);
  });

  it('uses the text layer where a page has one and OCRs only the page that has none', async () => {
    const mixed = await extractFixture('ocr/mixed-p12-13.pdf');
    const [page12, page13] = await seedPages([12, 13]);
    expect(mixed.ocr?.pages.map((p) => p.page)).toEqual([2]);
    // Exactly the text layer (OCR is never letter-perfect), and the scanned page close to it.
    const strip = (s: string): string => s.replace(/\s+/g, '');
    expect(strip(textOf(mixed.blocks.filter((b) => b.page === 1)))).toBe(strip(page12!));
    expect(similarity(page13!, textOf(mixed.blocks.filter((b) => b.page === 2)))).toBeGreaterThanOrEqual(0.98);
  });

  it('ingests a PNG page image', async () => {
    const png = await extractFixture('ocr/page-17.png');
    expect(png).toMatchObject({ format: 'image', mediaType: 'image/png', encoding: null, pages: 1 });
    expect(png.blocks.every((b) => b.page === 1)).toBe(true);
    expect(png.ocr?.pages).toEqual([{ page: 1, confidence: expect.any(Number), low: false }]);
    const [layer] = await seedPages([17]);
    const accuracy = similarity(layer!, textOf(png.blocks));
    console.log(`OCR character accuracy, seed.pdf page 17 as PNG: ${(accuracy * 100).toFixed(2)} %`);
    expect(accuracy).toBeGreaterThanOrEqual(0.98);
  });

  it('calls a cut-off image damaged, and leaves no temporary files behind, failed or not', async () => {
    const err = await failure(extract({ path: 'cut.png', bytes: read('ocr/page-17.png').subarray(0, 3000) }));
    expect(err.code).toBe('CORRUPT_FILE');
    expect(err.message).toMatch(/^the PNG image cannot be read: .*png/i);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('calls a picture without readable text NO_TEXT, not a document of noise', async () => {
    const err = await failure(extractFixture('bad/picture.png'));
    expect(err.code).toBe('NO_TEXT');
    expect(err.message).toMatch(/the PNG image has no text: OCR found no readable text \(best page confidence \d+/);
  });
});

describe.skipIf(skipOcr)(`OCR settings from the command line${SKIPPED}`, () => {
  it('reads with the language the batch asks for, and a retry may ask for another', async () => {
    const input = join(tempDir(), 'in');
    mkdirSync(input);
    copyFileSync(new URL('ocr/page-17.png', FIXTURES), join(input, 'page-17.png'));
    const data = tempDir();
    const missing = await wenshiJson<IngestSummary>(['ingest', input, '--ocr-lang', 'chi_tra_x', '--data', data]);
    expect(missing.code).toBe(1);
    expect(missing.json.failed[0]!.error).toContain('tesseract has no chi_tra_x language data; install it with: apt-get install tesseract-ocr-chi-tra-x');
    const retried = await wenshiJson<IngestSummary>(['retry', '--ocr-lang', 'chi_sim+eng', '--data', data]);
    expect(retried.code).toBe(0);
    expect(retried.json).toMatchObject({ sources: 1, failed: [] });
    const [doc] = (await wenshiJson<{ id: string }[]>(['docs', '--data', data])).json;
    const shown = (await wenshiJson<{ provenance: { ocr: { engine: string } | null }[] }>(['show', doc!.id, '--data', data])).json;
    expect(shown.provenance[0]!.ocr!.engine).toMatch(/\(chi_sim\+eng\)$/);
  });

  it('refuses settings tesseract cannot use before reading any file', async () => {
    for (const [flag, value, message] of [['--ocr-dpi', '5', '--ocr-dpi must be between 50 and 1200'], ['--ocr-lang', 'chi sim', '--ocr-lang must be tesseract language names joined by +'], ['--ocr-psm', '99', '--ocr-psm must be a tesseract page segmentation mode']]) {
      const r = await wenshi(['ingest', 'no-such-folder', flag!, value!, '--data', tempDir()]);
      expect(r.code, `${flag} ${value}`).toBe(2);
      expect(r.stderr).toContain(message);
    }
  });
});
