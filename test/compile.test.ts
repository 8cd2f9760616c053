import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile, compileVolume, escapeHtml, planVolume, volumeSummary } from '../pipeline/compile/index.js';
import { processSource } from '../pipeline/flow.js';
import { ingestFile } from '../pipeline/ingest.js';
import { Archive, type StoredDocument } from '../pipeline/store/archive.js';
import { BlobStore, sha256 } from '../pipeline/store/blobs.js';
import { ROOT, tempDir } from './helpers/cli.js';

const WENSHI = join(ROOT, 'corpus', 'wenshi');
const VOLUME = join(WENSHI, 'volume.txt');

/** Stores the volume fixture the way ingest does: one document per article. */
async function storeVolume(archive: Archive): Promise<string[]> {
  const bytes = readFileSync(VOLUME);
  const processed = await processSource({ path: VOLUME, bytes });
  return archive.saveSource({ sha256: sha256(bytes), path: VOLUME, size: bytes.length }, processed).documents;
}

describe('compileVolume over a real archive', () => {
  let archive: Archive;
  let volumeIds: string[];
  const dupIds = new Map<string, string>();
  let selected: StoredDocument[];

  beforeAll(async () => {
    const data = tempDir('wenshi-compile-');
    archive = new Archive(data);
    volumeIds = await storeVolume(archive);
    const ctx = { archive, blobs: new BlobStore(join(data, 'blobs')), options: {} };
    for (const name of readdirSync(join(WENSHI, 'dups')).filter((f) => /\.(txt|html)$/.test(f))) {
      const [outcome] = await ingestFile(join(WENSHI, 'dups', name), ctx);
      if (outcome?.status !== 'stored') throw new Error(`${name} did not ingest: ${JSON.stringify(outcome)}`);
      dupIds.set(name, outcome.documents[0]!);
    }
    // The editor's list: the volume's first three articles, all four copies of the speech, both printings of the memoir, the news report.
    const ids = [...volumeIds.slice(0, 3), ...['a3-edited.txt', 'a1-chrome.html', 'a0-speech.txt', 'a2-noise.txt', 'b1-sishu-1987.txt', 'b2-sishu-2005.txt', 'c3-news.txt'].map((n) => dupIds.get(n)!)];
    selected = ids.map((id) => archive.getDocument(id)!);
  });
  afterAll(() => archive.close());

  it('keeps every listed document when dropDuplicates is false, and says what it dropped otherwise (compile(), both front ends)', async () => {
    const kept = await compile(selected, { title: '汇编', order: 'listed', format: 'md', dropDuplicates: false });
    // Two files of the list hold the same text, so one document id is listed twice: printed once.
    const unique = [...new Set(selected.map((d) => d.id))];
    expect(kept.plan.articles.map((a) => a.id)).toEqual(unique);
    expect(kept.plan.dropped).toEqual([]);
    const { plan } = await compile(selected, { title: '汇编', order: 'listed', format: 'md' });
    const summary = volumeSummary(plan);
    expect(summary.articles.length + summary.dropped.length).toBe(unique.length);
    expect(summary.dropped.every((d) => summary.articles.some((a) => a.id === d.keptId) && d.similarity > 0)).toBe(true);
  });

  it('writes a DOCX that reads back with its title, contents in order, each article once, source notes and index', async () => {
    const docx = await compileVolume(selected, { title: '桐溪文史汇编（试编本）', order: 'listed', format: 'docx', date: '2024-06-01' });
    const { value: text } = await mammoth.extractRawText({ buffer: docx });
    const [front, rest] = [text.slice(0, text.indexOf('编辑说明')), text.slice(text.indexOf('编辑说明'))];
    expect(front).toContain('桐溪文史汇编（试编本）');

    const expected = ['桐溪城解放前后见闻', '民国二十六年的抗日救亡宣传队', '甲申年的那场大水', '在全县文史资料征集工作座谈会上的讲话', '我在桐溪读私塾的日子', '县政协召开文史资料征集工作座谈会'];
    const headings = expected.map((t, i) => `${i + 1}. ${t}`);
    // Contents: every heading, in the listed order (the kept copy of the speech takes the place of the first listed copy).
    const positions = headings.map((h) => front.indexOf(h));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // Body: each article exactly once, even though four copies of the speech and two printings of the memoir were selected.
    for (const h of headings) expect(rest.split(h).length - 1).toBe(1);
    expect(rest.split('同志们，文史资料工作是一项功在当代').length - 1).toBe(1);
    expect(rest).toContain('周秀英 口述　赵立群 整理');
    // Source notes: the file and the pages; the copies left out are named.
    expect(rest).toContain('来源：原载《桐溪县文史资料》第三辑；volume.txt（第三辑/1），第 1–6 页');
    expect(rest).toMatch(/来源：a0-speech\.txt；a2-noise\.txt。另见：[^\n]*a1-chrome\.html/);
    expect(rest).toMatch(/未予收入/);
    // The index of persons and places at the end, pointing at article numbers.
    const persons = rest.slice(rest.lastIndexOf('人名索引'), rest.lastIndexOf('地名索引'));
    expect(persons).toMatch(/王振华　1\n/);
    expect(persons).toMatch(/陈立本　4(，6)?\n/);
    expect(rest.slice(rest.lastIndexOf('地名索引'))).toMatch(/桐溪县　[\d，]+/);
  });

  it('keeps the complete copy with the fewest repairs: not the truncated one, not the one with chrome left in', () => {
    const plan = planVolume(selected, { title: 't', order: 'listed', format: 'md' });
    // a2 normalizes to exactly a0's text, so the archive holds them as one document with two sources.
    expect(dupIds.get('a2-noise.txt')).toBe(dupIds.get('a0-speech.txt'));
    expect(plan.articles[3]!.id).toBe(dupIds.get('a0-speech.txt'));
    const dropped = plan.dropped.map((d) => d.id);
    expect(dropped).toEqual(expect.arrayContaining([dupIds.get('a1-chrome.html'), dupIds.get('a3-edited.txt')]));
    const printings = [dupIds.get('b1-sishu-1987.txt')!, dupIds.get('b2-sishu-2005.txt')!];
    expect(printings.filter((id) => dropped.includes(id))).toHaveLength(1);
    expect(plan.articles.filter((a) => printings.includes(a.id))).toHaveLength(1);
    expect(plan.dropped).toHaveLength(3);
  });

  it('orders by date when asked, undated articles last', () => {
    const plan = planVolume(selected, { title: 't', order: 'date', format: 'md' });
    const dates = plan.articles.map((a) => archive.getDocument(a.id)!.date);
    const dated = dates.filter((d): d is string => d !== null);
    expect(dated).toEqual([...dated].sort());
    expect(dates.slice(dated.length).every((d) => d === null)).toBe(true);
  });

  it('writes Markdown and self-contained HTML with the same articles', async () => {
    const md = await compileVolume(selected, { title: '汇编', order: 'listed', format: 'md' });
    expect(md).toMatch(/^# 汇编$/m);
    expect(md).toMatch(/^## 3\. 甲申年的那场大水$/m);
    const html = await compileVolume(selected, { title: '汇编', order: 'listed', format: 'html' });
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<(link|script|img)\b/);
    expect(html).toContain('<h2>3. 甲申年的那场大水</h2>');
  });

  it('escapes every piece of text in HTML and Markdown', async () => {
    const hostile = { ...selected[0]!, id: 'x1', title: '<script>alert(1)</script> & “引号”', text: '<img src=x onerror=alert(1)>\n正文 <b>粗</b> *星* [链](javascript:x)' };
    const html = await compileVolume([hostile], { title: 'A & <B>', order: 'listed', format: 'html' });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; “引号”');
    expect(html).toContain('<title>A &amp; &lt;B&gt;</title>');
    const md = await compileVolume([hostile], { title: 'A & <B>', order: 'listed', format: 'md' });
    expect(md).toContain('正文 \\<b\\>粗\\</b\\> \\*星\\* \\[链\\](javascript:x)');
    expect(escapeHtml(`'"`)).toBe('&#39;&quot;');
  });
});
