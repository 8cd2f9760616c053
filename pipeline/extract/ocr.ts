/**
 * OCR of scanned PDF pages and page images with the tesseract CLI: pages rendered by pdftoppm
 * into a temporary folder (always removed), read a few at a time by single-threaded tesseracts,
 * each page's confidence recorded and weak pages flagged.
 * @module
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PipelineError, type ErrorCode } from '../errors.js';
import type { Block, Extraction } from '../types.js';
import { availability, installedLanguages, processMessage, recognize, renderPage, type EngineSettings } from './ocr-engine.js';
import { ocrBlocks, parseTsv, type OcrPage } from './ocr-layout.js';

export interface OcrOptions {
  /**
   * The tesseract command (a name on PATH or a path).
   * @defaultValue `'tesseract'`
   */
  tesseract?: string;
  /**
   * Poppler's page renderer, for PDF pages.
   * @defaultValue `'pdftoppm'`
   */
  pdftoppm?: string;
  /**
   * Tesseract language(s), `+`-joined (`chi_sim+eng`).
   * @defaultValue `'chi_sim'`
   */
  lang?: string;
  /**
   * Tesseract page segmentation mode: 3 finds the layout itself (blocks, columns, page numbers
   * apart from body text); 6 takes the page as one uniform block.
   * @defaultValue 3
   */
  psm?: number;
  /**
   * Resolution PDF pages are rendered at, in dots per inch.
   * @defaultValue 300
   */
  dpi?: number;
  /**
   * Pages read at the same time, each by a single-threaded tesseract.
   * @defaultValue os.availableParallelism()
   */
  jobs?: number;
  /**
   * Pages whose mean word confidence (0–100) is below this are flagged `low`.
   * @defaultValue 70
   */
  lowConfidence?: number;
  /**
   * Pages below this mean confidence are taken as unreadable (a photo, a blank or a hopeless
   * scan): flagged, and their text, which would be noise, is not kept.
   * @defaultValue 30
   */
  minConfidence?: number;
  /** Told after each page is read: pages done and pages to read (for a batch's progress and ETA). */
  onPage?: (progress: OcrProgress) => void;
}

export interface OcrProgress {
  done: number;
  total: number;
}

type Settings = EngineSettings & Required<Pick<OcrOptions, 'jobs' | 'lowConfidence' | 'minConfidence'>>;

/** What OCR records on an extraction. */
export type OcrInfo = NonNullable<Extraction['ocr']>;

export interface OcrResult {
  /** Paragraph blocks of the readable pages, each with its page. */
  blocks: Block[];
  ocr: OcrInfo;
}

/** Spreads the defaults over `opts` and checks them, naming the option that is wrong. */
function settings(opts: OcrOptions): Settings {
  const s: Settings = {
    tesseract: 'tesseract',
    pdftoppm: 'pdftoppm',
    lang: 'chi_sim',
    psm: 3,
    dpi: 300,
    jobs: availableParallelism(),
    lowConfidence: 70,
    minConfidence: 30,
    ...opts,
  };
  const check = (ok: boolean, what: string): void => {
    if (!ok) throw new RangeError(what);
  };
  check(Number.isInteger(s.jobs) && s.jobs > 0, `jobs must be a positive integer, got ${s.jobs}`);
  check(Number.isInteger(s.psm) && s.psm >= 0 && s.psm <= 13, `psm must be a tesseract page segmentation mode 0–13, got ${s.psm}`);
  check(s.dpi >= 50 && s.dpi <= 1200, `dpi must be between 50 and 1200, got ${s.dpi}`);
  check(s.lowConfidence >= 0 && s.lowConfidence <= 100, `lowConfidence must be 0–100, got ${s.lowConfidence}`);
  check(s.minConfidence >= 0 && s.minConfidence <= s.lowConfidence, `minConfidence must be 0–lowConfidence, got ${s.minConfidence}`);
  check(/^\w+(?:\+\w+)*$/.test(s.lang), `lang must be tesseract language names joined by +, got "${s.lang}"`);
  return s;
}

/** What a batch may choose about OCR; the commands and pages at once belong to each machine. */
export type BatchOcrOptions = Pick<OcrOptions, 'lang' | 'dpi' | 'psm'>;

/** Throws a RangeError naming the option when the options cannot be used (checked before a batch starts). */
export function checkOcrOptions(opts: OcrOptions): void {
  settings(opts);
}

/** The OCR languages a batch may ask for here (tesseract's installed text languages). */
export function ocrLanguages(opts: OcrOptions = {}): Promise<string[]> {
  return installedLanguages(settings(opts).tesseract);
}

/** True when tesseract with the wanted language, and pdftoppm, are installed. */
export async function ocrAvailable(opts: OcrOptions = {}): Promise<boolean> {
  return (await availability(settings(opts))).ok;
}

/** The engine's name; or, when OCR cannot run, a PipelineError `${lead}, but <why>; install it with: …`. */
async function requireEngine(s: Settings, code: ErrorCode, lead: string): Promise<string> {
  const found = await availability(s);
  if (!found.ok) throw new PipelineError(code, `${lead}, but ${found.reason}`, 'extract');
  return found.engine;
}

/** Runs `fn` with a fresh temporary folder that is removed afterwards, whatever happens. */
async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'wenshi-ocr-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * `fn` over `items` with at most `jobs` running at once, results in input order. After a failure
 * no new item starts, and the first error is thrown once the running ones have finished, so no
 * process is left writing into a folder that is being removed.
 */
async function pool<T, R>(items: readonly T[], jobs: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        results[i] = await fn(items[i]!);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: Math.min(jobs, items.length) }, worker));
  const rejected = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (rejected) throw rejected.reason;
  return results;
}

/** Blocks of the readable pages, and every page's confidence with its flag. */
function assemble(engine: string, pages: readonly OcrPage[], s: Settings): OcrResult {
  const readable = pages.map((p) => (p.confidence >= s.minConfidence ? p : { ...p, paragraphs: [] }));
  return {
    blocks: ocrBlocks(readable),
    ocr: { engine, pages: pages.map((p) => ({ page: p.page, confidence: p.confidence, low: p.confidence < s.lowConfidence })) },
  };
}

/**
 * OCRs the given 1-based pages of a PDF (`total` pages in all), rendering each to a grey-scale
 * image and reading up to `jobs` pages at once. Without tesseract (or the language) it fails with
 * NO_TEXT: the PDF is fine, it just carries no text this installation can get at.
 */
export async function ocrPdfPages(bytes: Buffer, pages: readonly number[], total: number, opts: OcrOptions = {}): Promise<OcrResult> {
  const s = settings(opts);
  const engine = await requireEngine(s, 'NO_TEXT', `no text layer (scanned?): ${pages.length} of ${total} page(s) carry no text and need OCR`);
  const read = await withTempDir(async (dir) => {
    const pdf = join(dir, 'source.pdf');
    await writeFile(pdf, bytes);
    let done = 0;
    opts.onPage?.({ done, total: pages.length });
    return pool(pages, s.jobs, async (page): Promise<OcrPage> => {
      const image = await renderPage(s, pdf, page, join(dir, `page-${page}`)).catch((err: unknown) => {
        throw new PipelineError('CORRUPT_FILE', `page ${page} of the PDF cannot be rendered for OCR: ${processMessage(err)}`, 'extract', { cause: err });
      });
      // A failure here is not the input's fault (the page rendered): it stays a plain, retryable error.
      const tsv = await recognize(s, image);
      // Rendered pages are large; drop each as soon as it is read.
      await rm(image, { force: true });
      const [first] = parseTsv(tsv);
      opts.onPage?.({ done: ++done, total: pages.length });
      return { page, confidence: first?.confidence ?? 0, paragraphs: first?.paragraphs ?? [] };
    });
  });
  return assemble(engine, read, s);
}

/**
 * OCRs a page image (PNG, JPEG, TIFF; every page of a multi-page TIFF). `label` names what was
 * detected (`PNG image`). Without tesseract it fails with UNSUPPORTED_FORMAT: here an image is
 * a format nothing can read.
 */
export async function ocrImage(bytes: Buffer, label: string, opts: OcrOptions = {}): Promise<OcrResult> {
  const s = settings(opts);
  const engine = await requireEngine(s, 'UNSUPPORTED_FORMAT', `unsupported format here: detected ${label}, which needs OCR`);
  const tsv = await withTempDir(async (dir) => {
    const image = join(dir, 'image');
    await writeFile(image, bytes);
    return recognize(s, image).catch((err: unknown) => {
      throw new PipelineError('CORRUPT_FILE', `the ${label} cannot be read: ${processMessage(err)}`, 'extract', { cause: err });
    });
  });
  return assemble(engine, parseTsv(tsv), s);
}

/** A short account of why OCR'd pages gave no text, for NO_TEXT messages. */
export function unreadable(ocr: OcrInfo, opts: OcrOptions = {}): string {
  const best = Math.max(0, ...ocr.pages.map((p) => p.confidence));
  return `OCR found no readable text (best page confidence ${best}, under the ${settings(opts).minConfidence} a readable page needs)`;
}
