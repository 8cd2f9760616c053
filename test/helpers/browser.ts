/**
 * Fixtures of the web tests: an archive seeded with the real corpus (the seed, the compare pair and
 * a document whose text is markup) and the documents with 发文字号, subtitle and history, a multipart body builder, and Debian's chromium driven by
 * playwright-core in a fresh profile that records (and blocks) any request leaving 127.0.0.1.
 * @module
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createEngine } from '../../pipeline/search/index.js';
import { Archive } from '../../pipeline/store/archive.js';
import { ingestEmbedded } from '../../workers/embedded.js';
import { ROOT, SEED } from './cli.js';
import { archiveNumbered, writeNumbered } from './numbered.js';

export const SCREENSHOTS = join(ROOT, 'test-artifacts', 'screenshots');
/** The compare pair used: a central opinion on consultation and a county's version of it. */
const COMPARE = join(ROOT, 'corpus', 'compare');

/** Text that must show as text: a title and clauses carrying script and event-handler markup. */
export const XSS_TEXT = [
  '关于加强委员培训的实施意见<script>window.__xss=1</script>',
  '',
  '一、各单位必须每年召开一次<img src=x onerror="window.__xss=2">培训会议。',
  '二、不得以<b>任何理由</b>拖延 & 推诿。',
  '',
].join('\n');

export interface SeededArchive {
  dataDir: string;
  /** 篇五 of the seed: the implementing opinion with clause 三/9 专题协商会. */
  pian5: string;
  central: string;
  local: string;
  xss: string;
  /** The documents of helpers/numbered.ts, in its order (the 国办发〔2019〕5号 notice first). */
  numbered: string[];
}

/**
 * A data folder holding the seed, the consultation compare pair (central at level central), the
 * markup document, and the numbered documents (three of them central too).
 */
export async function seedArchive(): Promise<SeededArchive> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wenshi-web-'));
  const files = join(dataDir, 'fixtures');
  mkdirSync(files);
  writeFileSync(join(files, 'markup.txt'), XSS_TEXT);
  const archive = new Archive(dataDir);
  // Ingested as `wenshi ingest` does it: stored, then indexed.
  const engine = createEngine({ dataDir });
  try {
    const one = await ingestEmbedded([SEED, join(COMPARE, 'local-consultation.txt'), join(files, 'markup.txt')], archive, { engine });
    const two = await ingestEmbedded([join(COMPARE, 'central-consultation.txt')], archive, { level: 'central', engine });
    if (one.failed.length + two.failed.length > 0) throw new Error(`seeding failed: ${JSON.stringify([...one.failed, ...two.failed])}`);
    const numbered = await archiveNumbered(archive, engine, writeNumbered(files));
    const docs = archive.listDocuments().filter((d) => !numbered.includes(d.id));
    const find = (what: string, test: (d: (typeof docs)[number]) => boolean) => {
      const doc = docs.find(test);
      if (!doc) throw new Error(`seeded archive has no ${what}`);
      return doc.id;
    };
    return {
      dataDir,
      pian5: find('篇五', (d) => d.piece === '篇五'),
      central: find('central document', (d) => d.level === 'central'),
      local: find('local document', (d) => d.title.includes('规范政协协商工作的实施意见')),
      xss: find('markup document', (d) => d.title.includes('<script>')),
      numbered,
    };
  } finally {
    archive.close();
    await engine.close();
  }
}

/** A multipart/form-data body with files (field `file`) and text fields. */
export function multipart(files: { name: string; content: string | Buffer }[], fields: Record<string, string> = {}) {
  const boundary = `----wenshi${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  for (const f of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    chunks.push(Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

export interface Sandbox {
  context: BrowserContext;
  page: Page;
  /** Every request whose host was not 127.0.0.1 (each was aborted). */
  outside: string[];
  close(): Promise<void>;
}

/** Chromium with a fresh profile; requests to anywhere but 127.0.0.1 are recorded and aborted. */
export async function openBrowser(): Promise<Sandbox> {
  const profile = mkdtempSync(join(tmpdir(), 'wenshi-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1366, height: 900 },
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  const outside: string[] = [];
  // chrome-extension: and chrome: are the browser's own PDF viewer and its resources showing a PDF from this server, no request out.
  const local = (url: string) => {
    const u = new URL(url);
    return ['data:', 'blob:', 'chrome-extension:', 'chrome:'].includes(u.protocol) || u.hostname === '127.0.0.1';
  };
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (local(url)) return route.continue();
    outside.push(url);
    return route.abort();
  });
  context.on('request', (r) => {
    if (!local(r.url()) && !outside.includes(r.url())) outside.push(r.url());
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, outside, close: () => context.close() };
}

/** Screenshots stop here: a whole long document would be tens of thousands of pixels. */
const MAX_HEIGHT = 3000;

export interface Shot {
  file: string;
  /** Pixels the page is wider than the window (0 when it fits). */
  overflow: number;
}

/** Saves the page (its top MAX_HEIGHT pixels) at desktop and phone widths, noting any sideways overflow. */
export async function screenshots(page: Page, name: string): Promise<Shot[]> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const shots: Shot[] = [];
  for (const [label, width, height] of [['1366', 1366, 900], ['phone', 390, 844]] as const) {
    await page.setViewportSize({ width, height });
    // From the top, so sticky parts (the outline) sit where a reader first sees them.
    await page.evaluate(() => window.scrollTo(0, 0));
    const [full, wide] = await page.evaluate(() => [document.documentElement.scrollHeight, document.documentElement.scrollWidth]);
    const file = join(SCREENSHOTS, `${name}-${label}.png`);
    await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width, height: Math.min(full!, MAX_HEIGHT) } });
    shots.push({ file, overflow: wide! - width });
  }
  await page.setViewportSize({ width: 1366, height: 900 });
  return shots;
}
