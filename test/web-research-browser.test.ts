/**
 * The researcher's flows in a real browser (Debian's chromium through playwright-core) against one
 * server on 127.0.0.1, over the seeded archive plus two copies of the central consultation opinion:
 * copies collapsed into one hit and expanded, facets with several values picked, chips, date order,
 * an empty result's way out, a hit opened with its words marked and in view, the original file
 * viewed (a web page sanitized, a PDF in the browser's viewer, an image) and downloaded, a citation copied, and the way back to the search. Screenshots at
 * 1366×900 and 390×844 go to test-artifacts/screenshots/ (not committed).
 * @module
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type WebServer } from '../web/server.js';
import { ocrAvailable } from '../pipeline/extract/ocr.js';
import { multipart, openBrowser, screenshots, seedArchive, type Sandbox, type SeededArchive, type Shot } from './helpers/browser.js';
import { ROOT } from './helpers/cli.js';
import { skipUnlessTool } from './helpers/tools.js';
import { archiveCopies, HTML_COPY_NAME } from './helpers/copies.js';

let seeded: SeededArchive;
let copies: { reprint: string; html: string };
let web: WebServer;
let base: string;
let box: Sandbox;
const shots: Shot[] = [];
const family = () => [seeded.central, copies.reprint, copies.html];
const Q = '专题协商会';
/** Tesseract with chi_sim, to archive a page image (an image original). */
const skipOcr = skipUnlessTool('tesseract with chi_sim', await ocrAvailable({ lang: 'chi_sim' }), 'apt-get install tesseract-ocr tesseract-ocr-chi-sim');

/** The search page once its latest request has been answered and shown. */
async function shown(url: string): Promise<void> {
  await box.page.goto(url);
  await expect.poll(() => box.page.locator('.results[aria-busy="false"]').count()).toBe(1);
}

/** The number in 共 N 条结果. */
async function totalShown(): Promise<number> {
  const text = (await box.page.locator('.summary').textContent()) ?? '';
  return Number(/共 (\d+) 条/.exec(text)?.[1] ?? NaN);
}

/** Uploads one file through the API and gives the first document it made, once the server has stored it. */
async function uploaded(name: string, content: Buffer): Promise<string> {
  const res = await web.app.inject({ method: 'POST', url: '/api/ingest', ...multipart([{ name, content }]) });
  expect(res.statusCode, res.body).toBe(202);
  const id = (res.json() as { batch: { id: string } }).batch.id;
  for (;;) {
    const { batch } = (await web.app.inject(`/api/status?batch=${id}`)).json() as { batch: { finishedAt: number | null; files: { documents: string[] }[] } };
    if (batch.finishedAt !== null) return batch.files[0]!.documents[0]!;
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  seeded = await seedArchive();
  copies = await archiveCopies(seeded.dataDir);
  web = await buildServer({ dataDir: seeded.dataDir, queue: null });
  base = await web.app.listen({ host: '127.0.0.1', port: 0 });
  box = await openBrowser();
  await box.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
});

afterAll(async () => {
  await box?.close();
  await web?.app.close();
});

describe('search results and the document viewer in chromium', () => {
  it('shows the three copies of the opinion as one hit with 另有 2 个版本, expands them, and lists all three when told not to merge', async () => {
    const { page } = box;
    await shown(`${base}/#/search?q=${encodeURIComponent(Q)}&limit=50`);
    const cards = page.locator('ol.hits > li.hit');
    // The documents of the copies with a card of their own (one document may have several clauses found).
    const familyCards = async () => new Set((await cards.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.doc!))).filter((d) => family().includes(d)));
    expect((await familyCards()).size).toBe(1);
    const leader = page.locator('li.hit', { has: page.locator('.versions') });
    expect(await leader.locator('.versions summary').textContent()).toBe('另有 2 个版本');
    expect(await leader.locator('.version').first().isVisible()).toBe(false);
    await leader.locator('.versions summary').click();
    await expect.poll(() => leader.locator('.version').first().isVisible()).toBe(true);
    const ids = [await leader.getAttribute('data-doc'), ...(await leader.locator('.version').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.doc)))];
    expect(new Set(ids)).toEqual(new Set(family()));
    // Every card carries level, region and date (or says they are unknown).
    for (const card of await cards.all()) {
      expect(await card.locator(':scope > .cite .level').count()).toBe(1);
      expect(await card.locator(':scope > .cite .region').count()).toBe(1);
      expect(await card.locator(':scope > .cite .date').count()).toBe(1);
    }
    shots.push(...(await screenshots(page, 'results')));
    const merged = await totalShown();
    // The facets count the folded copies too, and say so: a facet's counts add up to the cards + those copies.
    const note = page.locator('.facet-note');
    const folded = Number(/已合并的 (\d+) 个重复版本/.exec((await note.textContent()) ?? '')?.[1]);
    expect(folded).toBeGreaterThanOrEqual(2);
    const typeCounts = await page.locator('fieldset[data-facet="type"] .count').allTextContents();
    expect(typeCounts.map(Number).reduce((x, y) => x + y, 0)).toBe(merged + folded);
    await page.locator('#search-collapse').uncheck();
    await expect.poll(async () => (await familyCards()).size).toBe(3);
    expect(await note.count()).toBe(0);
    expect(await totalShown()).toBe(merged + folded);
    expect(page.url()).toContain('collapse=0');
    await page.locator('#search-collapse').check();
    await expect.poll(async () => (await familyCards()).size).toBe(1);
  });

  it('picks two types (OR), keeps every type countable, shows the filters as chips that drop them, and the year range with counts', async () => {
    const { page } = box;
    // Unmerged, so that the totals are the facet counts exactly (facets count clauses before merging).
    await shown(`${base}/#/search?q=${encodeURIComponent('协商')}&collapse=0`);
    const type = page.locator('fieldset[data-facet="type"] .facet-value');
    await expect.poll(() => type.count()).toBeGreaterThan(2);
    const counts = Object.fromEntries(await type.evaluateAll((els) => els.map((e) => [e.querySelector('input')!.value, Number(e.querySelector('.count')!.textContent)])));
    const [a, b] = Object.keys(counts) as [string, string];
    await page.locator(`#f-type-${a}`).check();
    await expect.poll(totalShown).toBe(counts[a]);
    // The other values are still there with their own counts: ticking one hides nothing.
    expect(await type.count()).toBe(Object.keys(counts).length);
    expect(Number(await page.locator(`label[for="f-type-${b}"] .count`).textContent())).toBe(counts[b]);
    await page.locator(`#f-type-${b}`).check();
    await expect.poll(totalShown).toBe(counts[a]! + counts[b]!);
    const chips = page.locator('.active-filters .filter-chip');
    expect(await chips.count()).toBe(2);
    // Years: nothing looks chosen until a year is; every year offered shows its count.
    expect(await page.locator('#year-from').inputValue()).toBe('');
    const years = await page.locator('#year-from option').allTextContents();
    expect(years[0]).toBe('不限');
    expect(years.slice(1).every((y) => /^\d{4}（\d+）$/.test(y))).toBe(true);
    await page.locator('#year-from').selectOption(years[1]!.slice(0, 4));
    await expect.poll(() => chips.count()).toBe(3);
    expect(await chips.last().textContent()).toContain(`年份：${years[1]!.slice(0, 4)}–不限`);
    shots.push(...(await screenshots(page, 'facets')));
    await chips.last().click();
    await expect.poll(() => chips.count()).toBe(2);
    await chips.first().click();
    await expect.poll(totalShown).toBe(counts[b]);
    expect(page.url()).not.toContain(`type=${a}`);
    await chips.first().click();
    await expect.poll(() => chips.count()).toBe(0);
  });

  it('orders by date, newest first, and shows a 发文字号 on its card', async () => {
    const { page } = box;
    await shown(`${base}/#/search?in=documents`);
    await page.locator('#search-sort').selectOption('date');
    await expect.poll(() => page.url()).toContain('sort=date');
    await expect.poll(() => page.locator('li.hit time.date').count()).toBeGreaterThan(1);
    const dates = await page.locator('li.hit time.date').evaluateAll((els) => els.map((e) => e.getAttribute('datetime')!));
    expect(dates).toEqual([...dates].sort().reverse());
    // A document with a 发文字号 shows it on its card.
    await shown(`${base}/#/search?q=${encodeURIComponent('政务新媒体')}`);
    const notice = page.locator(`li.hit[data-doc="${seeded.numbered[0]}"]`).first();
    expect(await notice.locator(':scope > .cite .doc-number').allTextContents()).toEqual(['国办发〔2019〕5号']);
  });

  it('says what to try when nothing is found, and does it in one click', async () => {
    const { page } = box;
    await page.goto(`${base}/#/search?q=${encodeURIComponent(Q)}&type=law`);
    const empty = page.locator('.empty-state');
    await expect.poll(() => empty.count()).toBe(1);
    expect(await empty.textContent()).toContain('專題協商會');
    const tip = empty.locator('button.suggestion', { hasText: '去掉筛选「法律」' });
    expect(await tip.count()).toBe(1);
    shots.push(...(await screenshots(page, 'empty')));
    await tip.click();
    await expect.poll(() => page.locator('li.hit').count()).toBeGreaterThan(0);
    expect(page.url()).not.toContain('type=law');
  });

  it('opens a hit with the searched words marked and the first in view, and goes back to the same search and page', async () => {
    const { page } = box;
    await page.goto(`${base}/#/search?q=${encodeURIComponent('协商')}&page=2`);
    await expect.poll(() => page.locator('li.hit').count()).toBeGreaterThan(0);
    const card = page.locator('li.hit').first();
    const path = ((await card.locator(':scope > .cite .path').textContent()) ?? '').replace(/^条款 /, '');
    await card.locator(':scope > a.goto').click();
    const marks = page.locator('.doc-text mark.q');
    await expect.poll(() => marks.count()).toBeGreaterThan(0);
    expect(new Set(await marks.allTextContents())).toEqual(new Set(['协商']));
    const current = page.locator('.doc-text mark.q.current');
    expect(await current.count()).toBe(1);
    if (path !== '正文') expect(await page.locator('.clause.target mark.q.current').count()).toBe(1);
    const inView = await current.evaluate((e) => {
      const r = e.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    });
    expect(inView).toBe(true);
    expect(await page.locator('.words-note').textContent()).toMatch(/检索词「协商」在文中出现 \d+ 处/);
    await page.getByRole('link', { name: '← 返回检索' }).click();
    await expect.poll(() => page.locator('#q').inputValue()).toBe('协商');
    expect(page.url()).toContain('page=2');
    expect(await page.locator('.pager button[aria-current="page"]').textContent()).toBe('2');
  });

  it('shows the original web page in a sandboxed frame, sanitized, and downloads it under its own name', async () => {
    const { page } = box;
    await page.goto(`${base}/#/doc/${copies.html}?q=${encodeURIComponent(Q)}`);
    await expect.poll(() => page.locator('.original').count()).toBe(1);
    expect(await page.locator('.original .file-name').textContent()).toBe(HTML_COPY_NAME);
    await page.locator('.original-toggle summary').click();
    const frame = page.locator('.original-view iframe');
    expect(await frame.getAttribute('sandbox')).toBe('');
    const inner = page.frameLocator('.original-view iframe');
    await expect.poll(() => inner.locator('body').textContent()).toContain('专题协商会');
    expect(await inner.locator('script').count()).toBe(0);
    shots.push(...(await screenshots(page, 'viewer')));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载原件' }).click()]);
    expect(download.suggestedFilename()).toBe(HTML_COPY_NAME);
    expect(readFileSync(await download.path()).equals(readFileSync(join(seeded.dataDir, 'copies', HTML_COPY_NAME)))).toBe(true);
  });

  it('shows a PDF original in the browser\'s viewer and an image original as an image', { timeout: 300_000 }, async () => {
    const { page } = box;
    const pdf = await uploaded('协商意见.pdf', readFileSync(join(ROOT, 'corpus', 'fixtures', 'cjk-cmap.pdf')));
    await page.goto(`${base}/#/doc/${pdf}?q=${encodeURIComponent('协商')}`);
    await expect.poll(() => page.locator('.original .file-name').count()).toBe(1);
    const url = `/api/docs/${pdf}/original`;
    const viewer: string[] = [];
    const onRequest = (r: { url: () => string }) => void (r.url().startsWith('chrome-extension://') && viewer.push(r.url()));
    box.context.on('request', onRequest);
    // The frame asks for the original and gets the PDF itself…
    const [response] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === url),
      page.locator('.original-toggle summary').click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    // (What the frame then holds is the viewer's page; the bytes at that address are the PDF.)
    expect((await (await page.request.get(`${base}${url}`)).body()).subarray(0, 5).toString()).toBe('%PDF-');
    const frame = page.locator('.original-view iframe');
    expect(await frame.getAttribute('src')).toBe(url);
    // …and the browser's own PDF viewer (an extension built into Chromium) opens it in the frame, which no sandbox keeps out.
    expect(await frame.getAttribute('sandbox')).toBeNull();
    await expect.poll(() => viewer.length, { timeout: 30_000 }).toBeGreaterThan(0);
    box.context.off('request', onRequest);
    if (skipOcr) return;
    const png = await uploaded('扫描页.png', readFileSync(join(ROOT, 'corpus', 'fixtures', 'ocr', 'page-17.png')));
    await page.goto(`${base}/#/doc/${png}`);
    await page.locator('.original-toggle summary').click();
    const image = page.locator('.original-view img');
    await expect.poll(() => image.evaluate((e) => (e as HTMLImageElement).naturalWidth), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await image.getAttribute('src')).toBe(`/api/docs/${png}/original`);
    // Under the name it was uploaded with.
    expect(await image.getAttribute('alt')).toBe('原件：扫描页.png');
  });

  it('copies a citation with title, issuer, date, 发文字号 and the clause in one click', async () => {
    const { page } = box;
    const notice = seeded.numbered[0]!;
    await page.goto(`${base}/#/doc/${notice}?c=${encodeURIComponent('二')}`);
    await page.locator('#copy-citation').click();
    await expect.poll(() => page.locator('output.citation').textContent()).toMatch(/^已复制/);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe('国务院办公厅：《国务院办公厅关于加强政务新媒体建设的通知》（国办发〔2019〕5号），2019-04-18，条款 二。');
    expect(await page.locator('output.citation').textContent()).toBe(`已复制：${copied}`);
    shots.push(...(await screenshots(page, 'citation')));
    // The original of a plain text shows in the frame as text.
    await page.goto(`${base}/#/doc/${seeded.central}`);
    await page.locator('.original-toggle summary').click();
    await expect.poll(() => page.frameLocator('.original-view iframe').locator('body').textContent()).toContain('政协一般每年召开一至二次专题协商会');
  });

  it.skipIf(skipOcr)('follows a scan\'s OCR page by page on the 导入与状态 page', { timeout: 300_000 }, async () => {
    const { page } = box;
    await page.goto(`${base}/#/ingest`);
    await page.locator('#files').setInputFiles([
      { name: '扫描件.pdf', mimeType: 'application/pdf', buffer: readFileSync(join(ROOT, 'corpus', 'fixtures', 'ocr', 'mixed-p12-13.pdf')) },
    ]);
    const batch = page.locator('section.batch', { hasText: '扫描件.pdf' });
    // Its one scanned page takes tesseract seconds; the page asks every 0.6 s, so it shows the count before the end.
    await expect.poll(() => batch.locator('.ocr-pages').allTextContents(), { timeout: 120_000 }).toEqual(['文字识别 0/1 页']);
    expect(await batch.locator('progress').getAttribute('max')).toBe('1');
    await expect.poll(() => batch.locator('.state-done').count(), { timeout: 240_000 }).toBe(1);
    expect(await batch.locator('.ocr-pages').count()).toBe(0);
  });

  it('uploads a good and an empty file: the new document by title, the failure in Chinese with 移除 instead of 重试, dismissed for good', async () => {
    const { page } = box;
    await page.goto(`${base}/#/ingest`);
    await page.locator('#files').setInputFiles([
      { name: '空白.txt', mimeType: 'text/plain', buffer: Buffer.from('') },
      { name: '新通知.txt', mimeType: 'text/plain', buffer: Buffer.from('关于召开界别协商会的通知\n\n一、各界别应当于每季度召开一次界别协商会。\n') },
    ]);
    const batch = page.locator('section.batch', { hasText: '新通知.txt' });
    await expect.poll(() => batch.locator('.state-done').count(), { timeout: 30_000 }).toBe(1);
    expect(await batch.locator('.doc-links a').first().textContent()).toBe('关于召开界别协商会的通知');
    expect(await batch.locator('tr.state-failed').textContent()).toContain('文件是空的，没有任何内容（EMPTY_FILE）');
    const row = page.locator('.failures tr', { hasText: '空白.txt' });
    expect(await row.textContent()).toContain('文件是空的，没有任何内容（EMPTY_FILE）');
    expect(await row.getByRole('button', { name: '重试' }).count()).toBe(0);
    shots.push(...(await screenshots(page, 'ingest-failure')));
    await row.getByRole('button', { name: '移除' }).click();
    await expect.poll(() => page.locator('.failures tr', { hasText: '空白.txt' }).count()).toBe(0);
    expect(await page.locator('.upload-msg').textContent()).toMatch(/^已移除：.*空白\.txt$/);
    await page.reload();
    await expect.poll(() => page.locator('.failures h2').count()).toBe(1);
    expect(await page.locator('.failures tr', { hasText: '空白.txt' }).count()).toBe(0);
  });

  it('made no request beyond 127.0.0.1, fits a phone screen, and saved its screenshots', () => {
    expect(box.outside).toEqual([]);
    expect(shots.filter((s) => s.overflow > 0).map((s) => `${s.file}: ${s.overflow}px too wide`)).toEqual([]);
    expect(shots.map((s) => s.file.split('/').pop()).sort()).toEqual(
      ['citation', 'empty', 'facets', 'ingest-failure', 'results', 'viewer'].flatMap((n) => [`${n}-1366.png`, `${n}-phone.png`]));
  });
});
