/**
 * The web page in a real browser (Debian's chromium through playwright-core) against a real server
 * on 127.0.0.1: search with highlights and facets, a document with findings marked, a compare,
 * an upload followed to the end, markup in documents shown as text, and no request leaving the
 * machine. Saves screenshots of each page at 1366 px and phone width to test-artifacts/screenshots/.
 * @module
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type WebServer } from '../web/server.js';
import { ROOT } from './helpers/cli.js';
import { multipart, openBrowser, screenshots, seedArchive, type Sandbox, type SeededArchive, type Shot } from './helpers/browser.js';

let seeded: SeededArchive;
let web: WebServer;
let base: string;
let box: Sandbox;
const shots: Shot[] = [];

beforeAll(async () => {
  seeded = await seedArchive();
  web = await buildServer({ dataDir: seeded.dataDir, queue: null });
  base = await web.app.listen({ host: '127.0.0.1', port: 0 });
  box = await openBrowser();
});

afterAll(async () => {
  await box?.close();
  await web?.app.close();
});

describe('web page in chromium', () => {
  it('searches as you type and highlights 篇五 clause 三/9', async () => {
    const { page } = box;
    await page.goto(`${base}/#/search`);
    await page.locator('#q').pressSequentially('专题协商会');
    const hit = page.locator('li.hit', { has: page.locator('.path', { hasText: '条款 三/9' }) })
      .filter({ hasText: '关于加强人民政协协商民主建设的实施意见' });
    await expect.poll(() => hit.count()).toBe(1);
    expect(await hit.locator('.snippet mark').first().textContent()).toBe('专题协商会');
    expect(page.url()).toContain(`q=${encodeURIComponent('专题协商会')}`);
    shots.push(...(await screenshots(page, 'search')));
  });

  it('narrows the results with a facet', async () => {
    const { page } = box;
    const before = Number((await page.locator('.summary').textContent())!.match(/共 (\d+) 条/)![1]);
    await page.locator('#f-type-work_report').check();
    await expect.poll(async () => page.url()).toContain('type=work_report');
    await expect.poll(async () => (await page.locator('.summary').textContent()) ?? '').toMatch(/共 \d+ 条/);
    const badges = await page.locator('li.hit .badge').allTextContents();
    expect(badges.length).toBeGreaterThan(0);
    expect(new Set(badges)).toEqual(new Set(['工作报告']));
    expect(badges.length).toBeLessThan(before);
    await page.locator('#f-type-work_report').uncheck();
    await expect.poll(() => page.locator('li.hit .badge', { hasText: '实施意见' }).count()).toBeGreaterThan(0);
  });

  it('opens the clause in its document with findings marked by modality', async () => {
    const { page } = box;
    const hit = page.locator('li.hit', { has: page.locator('.path', { hasText: '条款 三/9' }) }).filter({ hasText: '关于加强人民政协协商民主建设的实施意见' });
    await hit.locator('a.goto').click();
    const clause = page.locator('.clause.target');
    await expect.poll(() => clause.count()).toBe(1);
    expect(await clause.getAttribute('data-path')).toBe('三/9');
    const mark = clause.locator('mark.finding.m-default');
    expect(await mark.first().textContent()).toContain('一般每年召开 1-2 次专题协商会');
    expect(await page.locator('.legend mark.m-mandatory').count()).toBe(1);
    expect(await page.locator('.findings tbody tr').count()).toBeGreaterThan(10);
    expect(await page.locator('.provenance').textContent()).toContain('000_7bf2245de4f05e93.txt');
    // The outline jumps to a clause and the address becomes its permalink.
    await page.locator('nav.outline a', { hasText: '调研论证' }).click();
    await expect.poll(async () => page.locator('.clause.target').getAttribute('data-path')).toBe('四/14');
    expect(decodeURIComponent(page.url())).toContain(`#/doc/${seeded.pian5}?c=四/14`);
    shots.push(...(await screenshots(page, 'document')));
  });

  it('groups the pickers by level, refuses comparing a document with itself, and opens from a document', async () => {
    const { page } = box;
    await page.goto(`${base}/#/doc/${seeded.local}`);
    await page.getByRole('link', { name: '比对…' }).click();
    await expect.poll(() => page.locator('#local option:checked').count()).toBe(1);
    expect(await page.locator('#local option:checked').getAttribute('value')).toBe(seeded.local);
    expect(await page.locator('#central optgroup').count()).toBeGreaterThan(0);
    await page.locator('#central').selectOption([seeded.local]);
    await page.getByRole('button', { name: '开始比对' }).click();
    await expect.poll(() => page.locator('.compare-out').textContent()).toContain('不能把文件与它自己比对');
  });

  it('compares the local opinion with the central one and filters by verdict or to the items to check', async () => {
    const { page } = box;
    await page.goto(`${base}/#/compare`);
    await page.locator('#local-filter').fill('XX县');
    await page.locator('#local').selectOption(seeded.local);
    await page.locator('#central').selectOption([seeded.central]);
    await page.getByRole('button', { name: '开始比对' }).click();
    const rows = page.locator('table.verdicts tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(10);
    const verdicts = new Set(await page.locator('table.verdicts .verdict').allTextContents());
    for (const v of ['已覆盖', '弱化', '缺失']) expect(verdicts.has(v)).toBe(true);
    expect(await page.locator('table.verdicts .diff-central').count()).toBeGreaterThan(0);
    expect(await page.locator('.coverage').textContent()).toMatch(/覆盖率 \d+%/);
    await page.locator('.chip.v-missing').click();
    await expect.poll(async () => new Set(await page.locator('table.verdicts .verdict').allTextContents())).toEqual(new Set(['缺失']));
    const docx = await page.locator('.downloads a', { hasText: 'DOCX' }).getAttribute('href');
    expect(docx).toContain('verdict=missing');
    const res = await page.request.get(`${base}${docx}`);
    expect(res.headers()['content-type']).toContain('wordprocessingml');
    const md = await page.locator('.downloads a', { hasText: 'Markdown' }).getAttribute('href');
    expect(await (await page.request.get(`${base}${md}`)).text()).not.toMatch(/\| (已覆盖|已弱化) /);
    expect(await page.locator('.chip.v-missing').getAttribute('title')).toContain('找不到');
    await page.locator('.legend summary').click();
    expect(await page.locator('.legend dd').count()).toBe(7);
    await page.locator('.chip.v-missing').click();
    shots.push(...(await screenshots(page, 'compare')));
    // The items whose verdict was decided near the line, alone: each shows its mark and why.
    const all = await rows.count();
    const marks = page.locator('table.verdicts .review-mark');
    await page.locator('.chip.v-review').click();
    await expect.poll(async () => [await rows.count() < all, await rows.count() === await marks.count()]).toEqual([true, true]);
    expect(await marks.count()).toBeGreaterThan(0);
    expect(await page.locator('.reasons .review').first().textContent()).toMatch(/^待核：.*请核对$/);
    expect(await page.locator('.downloads a', { hasText: 'Markdown' }).getAttribute('href')).toContain('verdict=review');
    await page.locator('.chip.v-review').click();
  });

  it('uploads a file and watches it appear in the archive and in search', async () => {
    const { page } = box;
    const dir = mkdtempSync(join(tmpdir(), 'wenshi-upload-'));
    const file = join(dir, '白鹭议事厅.txt');
    writeFileSync(file, '关于推进白鹭议事厅建设的实施意见\n\n一、各街道应当每月召开一次白鹭议事会。\n二、可以视情邀请群众代表列席。\n');
    await page.goto(`${base}/#/ingest`);
    // OCR choices whose language data this machine lacks are disabled, and say which.
    const { languages } = (await (await page.request.get(`${base}/api/status`)).json() as { ocr: { languages: string[] } }).ocr;
    await expect.poll(async () => (await page.locator('#drop-hint').textContent()) ?? '').toContain('接受'); // the status has been rendered
    const options = await page.locator('#ocr-lang option').evaluateAll((els) =>
      els.map((o) => ({ value: (o as HTMLOptionElement).value || 'chi_sim', disabled: (o as HTMLOptionElement).disabled, text: o.textContent ?? '' })));
    for (const o of options) {
      const missing = o.value.split('+').filter((l) => !languages.includes(l));
      expect(o.disabled).toBe(missing.length > 0);
      if (missing.length) expect(o.text).toContain(`本机未安装 ${missing.join('、')}`);
    }
    await page.locator('#files').setInputFiles(file);
    const row = page.locator('section.batch tbody tr', { hasText: '白鹭议事厅.txt' });
    await expect.poll(async () => (await row.locator('.state').textContent()) ?? '', { timeout: 20_000 }).toBe('已入库');
    shots.push(...(await screenshots(page, 'ingest')));
    await row.locator('.doc-links a').click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('关于推进白鹭议事厅建设的实施意见');
    await page.goto(`${base}/#/search?q=${encodeURIComponent('白鹭议事会')}`);
    await expect.poll(() => page.locator('li.hit .snippet mark').first().textContent()).toBe('白鹭议事会');
  });

  it('shows markup inside a document as text, never as elements', async () => {
    const { page } = box;
    await page.goto(`${base}/#/doc/${seeded.xss}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('关于加强委员培训的实施意见<script>window.__xss=1</script>');
    const text = (await page.locator('.doc-text').textContent()) ?? '';
    expect(text).toContain('<img src=x onerror="window.__xss=2">');
    expect(text).toContain('<b>任何理由</b>');
    expect(await page.locator('main img, main b, main script').count()).toBe(0);
    await page.goto(`${base}/#/search?q=${encodeURIComponent('培训会议')}`);
    const snippet = page.locator('li.hit .snippet', { hasText: 'onerror' });
    await expect.poll(() => snippet.count()).toBe(1);
    expect(await snippet.textContent()).toContain('<img src=x onerror="window.__xss=2">');
    expect(await page.locator('main img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  });

  it('is keyboard reachable', async () => {
    const { page } = box;
    await page.goto(`${base}/#/ingest`);
    await page.locator('.dropzone').waitFor();
    const reached = new Set<string>();
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      reached.add(await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el?.className === 'dropzone' ? 'dropzone' : el?.getAttribute('data-route') ?? el?.id ?? '';
      }));
    }
    for (const stop of ['search', 'compare', 'ingest', 'dropzone', 'level']) expect(reached).toContain(stop);
  });

  it('shows a document\'s 发文字号, subtitle and history, and narrows a search by the 发文字号 facet', async () => {
    const { page } = box;
    const [notice, , regulation, report] = seeded.numbered;
    await page.goto(`${base}/#/doc/${notice}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('国务院办公厅关于加强政务新媒体建设的通知');
    const number = page.locator('article.document > dl.meta dd.doc-number');
    expect(await number.textContent()).toBe('国办发〔2019〕5号');
    expect(await page.locator('article.document > dl.meta dt').allTextContents()).toContain('发文字号');
    await page.goto(`${base}/#/doc/${regulation}`);
    await expect.poll(() => page.locator('section.history li').allTextContents()).toEqual([
      '2005-11-25 通过 青川省第十届人民代表大会常务委员会第十七次会议',
      '2018-01-23 修正 青川省第十二届人民代表大会常务委员会第三十五次会议',
    ]);
    expect(await page.locator('article.document > dl.meta').textContent()).toContain('法规规章');
    shots.push(...(await screenshots(page, 'regulation')));
    await page.goto(`${base}/#/doc/${report}`);
    await expect.poll(() => page.locator('p.subtitle').textContent()).toBe('——2019年3月5日在第十三届全国人民代表大会第二次会议上');

    await page.goto(`${base}/#/search?q=${encodeURIComponent('政务新媒体')}&in=documents`);
    const facet = page.locator('fieldset[data-facet="docNumber"]');
    await expect.poll(() => facet.locator('legend').textContent()).toBe('发文字号');
    expect((await facet.locator('label').allTextContents()).sort()).toEqual(['国办发〔2019〕5号 1', '国发〔2020〕12号 1']);
    await expect.poll(() => page.locator('li.hit').count()).toBe(2);
    await facet.locator('input[value="国办发〔2019〕5号"]').check();
    await expect.poll(() => decodeURIComponent(page.url())).toContain('docNumber=国办发〔2019〕5号');
    await expect.poll(() => page.locator('li.hit h3').allTextContents()).toEqual(['国务院办公厅关于加强政务新媒体建设的通知']);
  });

  it('picks three documents on the 文档 page, reorders them in the 汇编清单, compiles and downloads a DOCX with those headings', async () => {
    const { page } = box;
    await page.goto(`${base}/#/docs?sort=title`);
    const rows = page.locator('table.doc-list tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(3);
    // Every row shows the columns an editor sorts by; the title sort is the address's.
    expect(await page.locator('table.doc-list thead th').allTextContents()).toEqual(['', '标题', '类型', '层级', '地区', '日期', '发文字号', '来源文件']);
    expect(await page.locator('#docs-sort').inputValue()).toBe('title');
    for (const id of [seeded.pian5, seeded.central, seeded.local]) await page.locator(`#pick-${id}`).check();
    await expect.poll(() => page.locator('.basket').textContent()).toContain('汇编清单：3 篇');
    await page.locator('#docs-type').selectOption('opinion');
    await expect.poll(() => page.url()).toContain('type=opinion');
    await expect.poll(async () => new Set(await page.locator('table.doc-list tbody td:nth-child(3)').allTextContents())).toEqual(new Set(['实施意见']));
    shots.push(...(await screenshots(page, 'documents')));

    await page.locator('.basket a', { hasText: '去编排汇编' }).click();
    const items = page.locator('.volume-list li[data-id]');
    await expect.poll(() => items.count()).toBe(3);
    expect(await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))).toEqual([seeded.pian5, seeded.central, seeded.local]);
    // The last one up: it now comes second, and the order survives a reload (localStorage).
    await items.nth(2).getByRole('button', { name: /上移/ }).click();
    await page.reload();
    await expect.poll(() => items.evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))).toEqual([seeded.pian5, seeded.local, seeded.central]);
    await page.locator('#volume-title').fill('协商文件汇编');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('button[data-format="docx"]').click()]);
    expect(download.suggestedFilename()).toBe('协商文件汇编.docx');
    const file = join(mkdtempSync(join(tmpdir(), 'wenshi-volume-')), 'volume.docx');
    await download.saveAs(file);
    const contents = await page.locator('.volume-contents li').allTextContents();
    expect(contents).toHaveLength(3);
    expect(await page.locator('.volume-result').textContent()).toContain('没有重复的文档');
    const { value: text } = await mammoth.extractRawText({ path: file });
    expect(text).toContain('协商文件汇编');
    const positions = contents.map((t, i) => text.lastIndexOf(`${i + 1}. ${t}`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    shots.push(...(await screenshots(page, 'volume')));
  });

  it('leaves a near-copy out of the volume and says which copy it kept and how alike they are', async () => {
    const { page } = box;
    // A reprint of the central opinion with a site's line added: a near-duplicate, not the same text.
    const text = `${readFileSync(join(ROOT, 'corpus', 'compare', 'central-consultation.txt'), 'utf8')}\n（本文转载自某网站）\n`;
    const upload = multipart([{ name: '转载-协商工作意见.txt', content: text }]);
    const res = await web.app.inject({ method: 'POST', url: '/api/ingest', ...upload });
    const batchId = (res.json() as { batch: { id: string } }).batch.id;
    let copy: string | undefined;
    await expect.poll(async () => {
      const batch = (await web.app.inject({ url: `/api/status?batch=${batchId}` })).json() as { batch: { finishedAt: number | null; files: { documents: string[] }[] } };
      copy = batch.batch.files[0]?.documents[0];
      return batch.batch.finishedAt !== null;
    }, { timeout: 20_000 }).toBe(true);
    expect(copy).toBeDefined();
    await page.goto(`${base}/#/docs?q=${encodeURIComponent('关于加强和规范政协协商工作的意见')}`);
    await page.locator(`#pick-${copy}`).check();
    await page.locator('.basket a', { hasText: '去编排汇编' }).click();
    await expect.poll(() => page.locator('.volume-list li[data-id]').count()).toBe(4);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('button[data-format="md"]').click()]);
    expect(download.suggestedFilename()).toBe('协商文件汇编.md');
    const dropped = page.locator('.dropped li');
    await expect.poll(() => dropped.count()).toBe(1);
    // The listed-first copy of a piece keeps its place; which copy is printed is the compile's choice.
    expect(await dropped.textContent()).toMatch(/与第 3 篇《关于加强和规范政协协商工作的意见》相似度 [01]\.\d\d，已收入后者/);
    expect(await page.locator('.volume-contents li').count()).toBe(3);
    // Without dropping, all four are printed.
    await page.locator('#volume-drop').uncheck();
    await Promise.all([page.waitForEvent('download'), page.locator('button[data-format="html"]').click()]);
    await expect.poll(() => page.locator('.volume-contents li').count()).toBe(4);
    expect(await page.locator('.dropped li').count()).toBe(0);
    await page.locator('.volume-list li[data-id]').last().getByRole('button', { name: /移除/ }).click();
    await expect.poll(() => page.locator('.volume-list li[data-id]').count()).toBe(3);
  });

  it('adds every result of a search to the 汇编清单', async () => {
    const { page } = box;
    await page.goto(`${base}/#/search?q=${encodeURIComponent('协商')}`);
    await expect.poll(() => page.locator('li.hit').count()).toBeGreaterThan(0);
    await page.locator('#add-all').click();
    await expect.poll(() => page.locator('.collect').textContent()).toMatch(/共 \d+ 篇文档，新加入汇编清单 \d+ 篇/);
    const [, found, added] = (await page.locator('.collect').textContent())!.match(/共 (\d+) 篇文档，新加入汇编清单 (\d+) 篇/)!;
    expect(Number(found)).toBeGreaterThan(3);
    // Three of them were on the list already.
    expect(Number(added)).toBeLessThan(Number(found));
    await page.goto(`${base}/#/volume`);
    await expect.poll(() => page.locator('.volume-list li[data-id]').count()).toBe(3 + Number(added));
  });

  it('says in Chinese why a compile failed (a listed document no longer in the archive)', async () => {
    const { page } = box;
    await page.goto(`${base}/#/volume`);
    await page.evaluate(() => {
      const list = JSON.parse(localStorage.getItem('wenshi-selection')!) as { docs: { id: string; title: string }[] };
      list.docs.push({ id: '0000000000000000', title: '已删除的文档' });
      localStorage.setItem('wenshi-selection', JSON.stringify(list));
    });
    await page.reload();
    await page.locator('button[data-format="docx"]').click();
    await expect.poll(() => page.locator('.volume-result [role="alert"]').textContent()).toContain('清单中有文档已不在文库中');
    await page.locator('.volume-list li[data-id="0000000000000000"]').getByRole('button', { name: /移除/ }).click();
    await expect.poll(() => page.locator('.volume-list li[data-id="0000000000000000"]').count()).toBe(0);
  });

  it('made no request beyond 127.0.0.1, fits a phone screen, and saved screenshots of every page', () => {
    expect(box.outside).toEqual([]);
    expect(shots.filter((s) => s.overflow > 0).map((s) => `${s.file}: ${s.overflow}px too wide`)).toEqual([]);
    expect(shots.map((s) => s.file.split('/').pop()).sort()).toEqual([
      'compare-1366.png', 'compare-phone.png', 'document-1366.png', 'document-phone.png', 'documents-1366.png', 'documents-phone.png',
      'ingest-1366.png', 'ingest-phone.png', 'regulation-1366.png', 'regulation-phone.png', 'search-1366.png', 'search-phone.png',
      'volume-1366.png', 'volume-phone.png',
    ]);
  });
});
