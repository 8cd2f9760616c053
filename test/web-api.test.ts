/**
 * The HTTP API through fastify's `inject()` against an archive seeded with the real corpus: every
 * route, bad parameters (400 naming the parameter), missing documents (404), uploads (limits, safe
 * names), the token on write endpoints, same-origin writes, the Host check and the bind refusal.
 * @module
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { InjectOptions } from 'fastify';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompareReport } from '../pipeline/compare/types.js';
import type { SearchResult } from '../pipeline/search/types.js';
import { ocrAvailable } from '../pipeline/extract/ocr.js';
import { queueConfig } from '../workers/queue/index.js';
import { BlobStore } from '../pipeline/store/blobs.js';
import { DOC_TYPES, type DocType } from '../pipeline/types.js';
import { serveCommand } from '../cli/commands/serve.js';
import { UsageError } from '../cli/context.js';
import { checkBind, isLoopback } from '../web/security.js';
import { safeName } from '../web/uploads.js';
import { buildServer, type WebServer } from '../web/server.js';
import { multipart, seedArchive, type SeededArchive } from './helpers/browser.js';
import { NUMBERED } from './helpers/numbered.js';
import { skipUnlessTool } from './helpers/tools.js';
import { clearPrefix, REDIS_URL, startWorker, uniquePrefix, type WorkerProcess } from './helpers/redis.js';

/** Tesseract with chi_sim and eng, for the scanned-upload test. */
const hasOcr = await ocrAvailable({ lang: 'chi_sim+eng' });
const skipOcr = skipUnlessTool('tesseract with chi_sim and eng', hasOcr, 'apt-get install tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-eng');

let seeded: SeededArchive;
let web: WebServer;

async function call<T = Record<string, unknown>>(server: WebServer, opts: InjectOptions) {
  const res = await server.app.inject(opts);
  return { status: res.statusCode, headers: res.headers, json: () => res.json() as T, body: res.body, raw: res.rawPayload };
}

/** Files and folders left in the uploads folder (each request has a folder of its own, each file one in it). */
function uploadedFiles(): string[] {
  const root = join(seeded.dataDir, 'uploads');
  return existsSync(root) ? readdirSync(root, { recursive: true, encoding: 'utf8' }) : [];
}

/** Polls a batch until the server has finished it. */
async function settled(server: WebServer, id: string) {
  for (;;) {
    const { json } = await call<{ batch: { finishedAt: number | null; files: { name: string; state: string; documents: string[]; error: { code: string } | null }[] } }>(
      server, { url: `/api/status?batch=${id}` });
    const batch = json().batch;
    if (batch.finishedAt !== null) return batch;
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  seeded = await seedArchive();
  web = await buildServer({ dataDir: seeded.dataDir, queue: null });
});

afterAll(async () => {
  await web?.app.close();
});

describe('GET /api/search', () => {
  it('finds 篇五 clause 三/9 for 专题协商会 with the engine marks and facets', async () => {
    const res = await call<SearchResult>(web, { url: `/api/search?q=${encodeURIComponent('专题协商会')}` });
    expect(res.status).toBe(200);
    const hit = res.json().hits.find((h) => h.docId === seeded.pian5 && h.clausePath === '三/9');
    expect(hit?.snippet).toContain('<mark>专题协商会</mark>');
    expect(res.json().facets.type.opinion).toBeGreaterThan(0);
  });

  it('applies facet filters and pages', async () => {
    const q = encodeURIComponent('协商');
    const all = (await call<SearchResult>(web, { url: `/api/search?q=${q}&limit=5` })).json();
    const reports = (await call<SearchResult>(web, { url: `/api/search?q=${q}&type=work_report&limit=50` })).json();
    expect(reports.total).toBeGreaterThan(0);
    expect(reports.total).toBeLessThan(all.total);
    expect(reports.hits.every((h) => h.type === 'work_report')).toBe(true);
    const central = (await call<SearchResult>(web, { url: `/api/search?q=${q}&level=central&level=provincial&limit=50` })).json();
    expect(central.hits.length).toBeGreaterThan(0);
    expect(central.hits.every((h) => h.docId === seeded.central)).toBe(true);
    const page2 = (await call<SearchResult>(web, { url: `/api/search?q=${q}&limit=5&page=2` })).json();
    expect(page2.hits.map((h) => `${h.docId}${h.clausePath}`)).not.toEqual(all.hits.map((h) => `${h.docId}${h.clausePath}`));
  });

  it('filters by 发文字号 in any bracket style and by the new types, with the 发文字号 facet', async () => {
    const [notice, , regulation] = seeded.numbered;
    const byNumber = (await call<SearchResult>(web, { url: `/api/search?in=documents&docNumber=${encodeURIComponent('国办发[2019]5号')}` })).json();
    expect(byNumber.hits.map((h) => h.docId)).toEqual([notice]);
    // The 发文字号 facet is counted without its own filter, so the other numbers stay in view to add.
    expect(byNumber.facets.docNumber).toMatchObject({ '国办发〔2019〕5号': 1, '国发〔2020〕12号': 1 });
    expect(byNumber.facets.type).toEqual({ notice: 1 });
    const both = (await call<SearchResult>(web, { url: `/api/search?in=documents&q=${encodeURIComponent('政务新媒体')}` })).json();
    expect(both.facets.docNumber).toEqual({ '国办发〔2019〕5号': 1, '国发〔2020〕12号': 1 });
    const regulations = await call<SearchResult>(web, { url: '/api/search?in=documents&type=regulation&type=law&type=reply' });
    expect(regulations.status).toBe(200);
    expect(regulations.json().hits.map((h) => h.docId)).toEqual([regulation]);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=500', 'limit'],
    ['page=abc', 'page'],
    ['in=everything', 'in'],
    ['type=poem', 'type'],
    ['yearFrom=2020&yearTo=2010', 'yearFrom'],
    ['findingKind=%3Cscript%3E', 'findingKind'],
    ['qq=typo', '"qq"'],
  ])('rejects %s with a 400 naming %s', async (params, name) => {
    const res = await call<{ error: string; message: string }>(web, { url: `/api/search?q=x&${params}` });
    expect(res.status).toBe(400);
    expect(res.json().error).toBe('bad_request');
    expect(res.json().message).toContain(name);
  });
});

describe('GET /api/docs and /api/docs/:id', () => {
  it('lists documents, filterable by title and level', async () => {
    const all = (await call<{ total: number; docs: { id: string }[] }>(web, { url: '/api/docs' })).json();
    expect(all.docs.map((d) => d.id)).toEqual(expect.arrayContaining([seeded.pian5, seeded.central, seeded.local, seeded.xss]));
    const central = (await call<{ docs: { id: string }[] }>(web, { url: '/api/docs?level=central' })).json();
    // The compare pair's central opinion, and the numbered notices and report (the regulation is provincial).
    const [notice, numberedNotice, , report] = seeded.numbered;
    expect(central.docs.map((d) => d.id).sort()).toEqual([seeded.central, notice, numberedNotice, report].sort());
    const byTitle = (await call<{ docs: { id: string }[] }>(web, { url: `/api/docs?q=${encodeURIComponent('规范政协协商')}` })).json();
    expect(byTitle.docs.map((d) => d.id).sort()).toEqual([seeded.central, seeded.local].sort());
  });

  it('pages, sorts by date, title and type, and filters by type and year', async () => {
    type Page = { total: number; page: number; limit: number; docs: { id: string; title: string; type: string; date: string | null; year: number | null; docNumber: string | null; region: string | null; source: string | null }[] };
    const get = async (qs: string) => (await call<Page>(web, { url: `/api/docs?${qs}` })).json();
    const all = await get('limit=1000');
    expect(all.docs).toHaveLength(all.total);
    expect(all.docs[0]).not.toHaveProperty('text');
    // The source file by name: server paths stay on the server.
    expect(all.docs.find((d) => d.id === seeded.local)?.source).toBe('local-consultation.txt');
    const [one, two] = [await get('limit=2&page=1&sort=title'), await get('limit=2&page=2&sort=title')];
    expect(one.total).toBe(all.total);
    expect(two.page).toBe(2);
    const titles = (await get('limit=1000&sort=title')).docs.map((d) => d.title);
    expect(titles).toEqual([...titles].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect([...one.docs, ...two.docs].map((d) => d.title)).toEqual(titles.slice(0, 4));
    const dated = (await get('limit=1000&sort=date')).docs;
    const dates = dated.map((d) => d.date ?? (d.year ? String(d.year) : null));
    const known = dates.filter((d): d is string => d !== null);
    expect(known.length).toBeGreaterThan(0);
    expect(known).toEqual([...known].sort());
    // Undated documents come last, newest first or not.
    expect(dates.slice(known.length).every((d) => d === null)).toBe(true);
    expect((await get('limit=1000&sort=date&desc=true')).docs[0]!.id).toBe(dated[known.length - 1]!.id);
    const types = (await get('limit=1000&sort=type')).docs.map((d) => d.type);
    const ranks = types.map((t) => DOC_TYPES.indexOf(t as DocType));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const year = dated.find((d) => d.year)!.year!;
    const ofYear = await get(`year=${year}`);
    expect(ofYear.total).toBeGreaterThan(0);
    expect(ofYear.docs.every((d) => d.year === year)).toBe(true);
    const opinions = await get('type=opinion&type=work_report');
    expect(opinions.docs.every((d) => ['opinion', 'work_report'].includes(d.type))).toBe(true);
    expect((await call(web, { url: '/api/docs?sort=random' })).status).toBe(400);
    expect((await call(web, { url: '/api/docs?page=0' })).status).toBe(400);
  });

  it('returns a document with outline, clause spans, and provenance with encoding and changes', async () => {
    const res = await call<{
      title: string; piece: string; text: string; sections: { path: string }[]; clauses: { path: string; start: number; end: number }[];
      provenance: { file: string; encoding: string; changes: Record<string, number> }[];
    }>(web, { url: `/api/docs/${seeded.pian5}` });
    expect(res.status).toBe(200);
    const doc = res.json();
    expect(doc.piece).toBe('篇五');
    expect(doc.sections.map((s) => s.path)).toContain('三/9');
    const clause = doc.clauses.find((c) => c.path === '三/9')!;
    expect(doc.text.slice(clause.start, clause.end)).toContain('区政协一般每年召开 1-2 次专题协商会');
    expect(doc.provenance[0]!.file).toBe('000_7bf2245de4f05e93.txt');
    expect(doc.provenance[0]!.encoding).toMatch(/utf-?8/i);
    expect(Object.values(doc.provenance[0]!.changes).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    // Server paths stay on the server.
    expect(JSON.stringify(doc.provenance)).not.toContain(resolve(seeded.dataDir, '..'));
  });

  it('returns a document\'s 发文字号, subtitle and history', async () => {
    const [notice, , regulation, report] = seeded.numbered.map((id) => call(web, { url: `/api/docs/${id}` }).then((r) => r.json()));
    expect(await notice).toMatchObject({ docNumber: '国办发〔2019〕5号', subtitle: null, history: [] });
    expect(await regulation).toMatchObject({ type: 'regulation', docNumber: null, history: NUMBERED[2]!.meta.history });
    expect(await report).toMatchObject({ subtitle: '2019年3月5日在第十三届全国人民代表大会第二次会议上' });
  });

  it('404s a missing document and 400s an id with path characters', async () => {
    const missing = await call<{ message: string }>(web, { url: '/api/docs/0123456789abcdef' });
    expect(missing.status).toBe(404);
    expect(missing.json().message).toContain('0123456789abcdef');
    expect((await call(web, { url: '/api/docs/..%2F..%2Fetc%2Fpasswd' })).status).toBe(400);
    expect((await call(web, { url: '/api/docs?limit=-1' })).status).toBe(400);
  });
});

describe('POST /api/compile', () => {
  const post = (server: WebServer, payload: object, headers: Record<string, string> = {}) =>
    call<{ articles: { number: number; id: string; title: string }[]; dropped: unknown[]; message: string }>(server, { method: 'POST', url: '/api/compile', payload, headers });

  it('compiles the listed documents as a DOCX attachment whose headings follow the list, and says what it compiled', async () => {
    const ids = [seeded.local, seeded.pian5, seeded.central];
    const summary = await post(web, { ids, title: '协商文件汇编', order: 'listed', format: 'json' });
    expect(summary.status).toBe(200);
    expect(summary.json().articles.map((a) => a.id)).toEqual(ids);
    expect(summary.json().dropped).toEqual([]);
    const docx = await post(web, { ids, title: '协商文件汇编', order: 'listed', format: 'docx' });
    expect(docx.status).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('协商文件汇编.docx')}`);
    const { value: text } = await mammoth.extractRawText({ buffer: docx.raw });
    const positions = summary.json().articles.map((a) => text.lastIndexOf(`${a.number}. ${a.title}`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('orders by date on request and writes Markdown and HTML', async () => {
    const ids = [seeded.local, seeded.pian5];
    const md = await post(web, { ids, title: 'A <汇编>', order: 'date', format: 'md', dropDuplicates: false });
    expect(md.headers['content-type']).toContain('text/markdown');
    expect(md.body).toContain('汇编');
    const html = await post(web, { ids, title: 'A <汇编>', format: 'html' });
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('A &lt;汇编&gt;');
  });

  it('400s a missing or blank title, an unknown order, a repeated id; 404s an unknown document', async () => {
    expect((await post(web, { ids: [seeded.local] })).json().message).toContain('title');
    expect((await post(web, { ids: [seeded.local], title: '   ' })).status).toBe(400);
    expect((await post(web, { ids: [seeded.local], title: 'T', order: 'random' })).json().message).toContain('listed, date, type');
    expect((await post(web, { ids: [seeded.local, seeded.local], title: 'T' })).status).toBe(400);
    expect((await post(web, { ids: [], title: 'T' })).status).toBe(400);
    expect((await post(web, { ids: ['0000000000000000'], title: 'T' })).status).toBe(404);
  });

  it('needs the bearer token when WENSHI_TOKEN is set, and a same-origin request', async () => {
    const guarded = await buildServer({ dataDir: seeded.dataDir, queue: null, token: 's3cret-token' });
    try {
      const body = { ids: [seeded.local], title: 'T', format: 'json' };
      expect((await post(guarded, body)).status).toBe(401);
      expect((await post(guarded, body, { authorization: 'Bearer s3cret-token' })).status).toBe(200);
      expect((await post(web, body, { origin: 'http://evil.example' })).status).toBe(403);
    } finally {
      await guarded.app.close();
    }
  });
});

describe('GET /api/findings', () => {
  it('returns the findings of a document, filterable by modality', async () => {
    const all = (await call<{ total: number; findings: { docId: string; modality: string | null; start: number; end: number; sentence: string }[] }>(
      web, { url: `/api/findings?doc=${seeded.pian5}&limit=5000` })).json();
    expect(all.total).toBeGreaterThan(10);
    const text = (await call<{ text: string }>(web, { url: `/api/docs/${seeded.pian5}` })).json().text;
    for (const f of all.findings) expect(text.slice(f.start, f.end)).toBe(f.sentence);
    const dflt = (await call<{ findings: { modality: string; sentence: string }[] }>(web, { url: `/api/findings?doc=${seeded.pian5}&modality=default` })).json();
    expect(dflt.findings.length).toBeGreaterThan(0);
    expect(dflt.findings.every((f) => f.modality === 'default')).toBe(true);
    expect(dflt.findings.some((f) => f.sentence.includes('一般每年召开 1-2 次专题协商会'))).toBe(true);
  });

  it('404s a missing document and 400s an unknown modality', async () => {
    expect((await call(web, { url: '/api/findings?doc=ffffffffffffffff' })).status).toBe(404);
    const bad = await call<{ message: string }>(web, { url: '/api/findings?modality=sometimes' });
    expect(bad.status).toBe(400);
    expect(bad.json().message).toContain('modality');
  });
});

describe('GET /api/compare', () => {
  it('compares the local opinion with the central one: verdicts, coverage and side-by-side differences', async () => {
    const res = await call<CompareReport & { sides: { central: { side: string }[]; local: { side: string }[] }[] }>(
      web, { url: `/api/compare?local=${seeded.local}&central=${seeded.central}&diff=true` });
    expect(res.status).toBe(200);
    const report = res.json();
    expect(report.local.id).toBe(seeded.local);
    expect(report.items.length).toBeGreaterThan(10);
    expect(report.counts.missing).toBeGreaterThan(0);
    expect(report.counts.weakened).toBeGreaterThan(0);
    expect(report.coverage).toBeGreaterThan(0.5);
    expect(report.coverage).toBeLessThan(1);
    expect(report.sides).toHaveLength(report.items.length);
    expect(report.sides.some((s) => s.central.some((p) => p.side === 'central'))).toBe(true);
  });

  it('serves the report as DOCX, HTML and JSON downloads', async () => {
    const base = `/api/compare?local=${seeded.local}&central=${seeded.central}`;
    const docx = await call(web, { url: `${base}&format=docx` });
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.raw.subarray(0, 2).toString()).toBe('PK');
    expect(docx.headers['content-disposition']).toMatch(/^attachment; filename="compare-[\w+-]+\.docx"$/);
    const html = await call(web, { url: `${base}&format=html` });
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('<table');
    const json = await call<CompareReport>(web, { url: `${base}&format=json` });
    expect(json.json().counts).toEqual((await call<CompareReport>(web, { url: base })).json().counts);
    expect('sides' in json.json()).toBe(false);
  });

  it('400s without a central document and 404s an unknown one', async () => {
    const noCentral = await call<{ message: string }>(web, { url: `/api/compare?local=${seeded.local}` });
    expect(noCentral.status).toBe(400);
    expect(noCentral.json().message).toContain('central');
    expect((await call(web, { url: `/api/compare?local=${seeded.local}&central=abcdefabcdefabcd` })).status).toBe(404);
    expect((await call(web, { url: `/api/compare?local=${seeded.local}&central=${seeded.central}&format=pdf` })).status).toBe(400);
    const self = await call<{ message: string }>(web, { url: `/api/compare?local=${seeded.local}&central=${seeded.local}` });
    expect(self.status).toBe(400);
    expect(self.json().message).toContain('itself');
  });

  it('exports only the verdicts asked for, Markdown included, with reasons in plain Chinese', async () => {
    const base = `/api/compare?local=${seeded.local}&central=${seeded.central}`;
    const all = (await call<CompareReport>(web, { url: base })).json();
    const missing = (await call<CompareReport>(web, { url: `${base}&verdict=missing&format=json` })).json();
    expect(missing.items.length).toBe(all.counts.missing);
    expect(missing.items.every((i) => i.verdict === 'missing')).toBe(true);
    expect(missing.additions).toEqual([]);
    expect(missing.items.every((i) => /^未见对应条款/.test(i.explanation[0]!))).toBe(true);
    const md = await call(web, { url: `${base}&verdict=weakened&verdict=addition&format=md` });
    expect(md.headers['content-type']).toContain('text/markdown');
    const rows = md.body.split('\n').filter((l) => l.startsWith('| **'));
    expect(rows.length).toBe(all.counts.weakened);
    expect(md.body).toContain('改为');
    const review = (await call<CompareReport>(web, { url: `${base}&verdict=review&format=json` })).json();
    expect(all.counts.review).toBeGreaterThan(0);
    expect(review.items.length).toBe(all.counts.review);
    expect(review.items.every((i) => i.review !== undefined)).toBe(true);
  });
});

describe('POST /api/ingest and GET /api/status', () => {
  it('stores an upload under a generated name, processes it and makes it searchable', async () => {
    const text = '关于开展蓝鲸协商试点的实施意见\n\n一、各乡镇应当每季度召开一次蓝鲸协商座谈会。\n';
    const res = await call<{ batch: { id: string; files: { name: string; state: string }[] } }>(web, {
      method: 'POST', url: '/api/ingest', ...multipart([{ name: '../../逃逸 试点.txt', content: text }]),
    });
    expect(res.status).toBe(202);
    // busboy drops the directories of a client-given name; safeName would too.
    expect(res.json().batch.files[0]).toMatchObject({ name: '逃逸 试点.txt', state: 'queued' });
    const batch = await settled(web, res.json().batch.id);
    expect(batch.files[0]).toMatchObject({ state: 'stored', error: null });
    const docId = batch.files[0]!.documents[0]!;
    expect(existsSync(join(seeded.dataDir, '逃逸 试点.txt'))).toBe(false);
    // Saved under a safe name while it was read; kept as a blob only once the batch is done.
    const doc = (await call<{ provenance: { file: string; sourceSha: string }[] }>(web, { url: `/api/docs/${docId}` })).json();
    expect(doc.provenance[0]!.file).toBe('逃逸_试点.txt');
    expect(uploadedFiles()).toEqual([]);
    const sha = doc.provenance[0]!.sourceSha;
    expect((await new BlobStore(join(seeded.dataDir, 'blobs')).get(sha)).toString('utf8')).toBe(text);
    const hits = (await call<SearchResult>(web, { url: `/api/search?q=${encodeURIComponent('蓝鲸协商')}` })).json().hits;
    expect(hits.map((h) => h.docId)).toContain(docId);
    const status = (await call<{ documents: number; batches: { id: string }[]; upload: { accepted: string[] }; ocr: { languages: string[] } }>(web, { url: '/api/status' })).json();
    expect(status.batches.map((b) => b.id)).toContain(res.json().batch.id);
    expect(status.upload.accepted).toContain('.docx');
    // The OCR languages a scan can be read in here: text languages only (osd finds orientation).
    if (hasOcr) expect(status.ocr.languages).toEqual(expect.arrayContaining(['chi_sim', 'eng']));
    expect(status.ocr.languages).not.toContain('osd');
    expect(JSON.stringify(status)).not.toContain(seeded.dataDir);
  });

  it.skipIf(skipOcr)('reads an uploaded page image with the OCR language the form asks for', async () => {
    const png = readFileSync(resolve('corpus/fixtures/ocr/page-17.png'));
    const res = await call<{ batch: { id: string } }>(web, { method: 'POST', url: '/api/ingest', ...multipart([{ name: 'scan.png', content: png }], { ocrLang: 'chi_sim+eng' }) });
    expect(res.status).toBe(202);
    const batch = await settled(web, res.json().batch.id);
    expect(batch.files[0]).toMatchObject({ state: 'stored', error: null });
    const doc = (await call<{ provenance: { ocr: { engine: string } | null }[] }>(web, { url: `/api/docs/${batch.files[0]!.documents[0]!}` })).json();
    expect(doc.provenance[0]!.ocr!.engine).toMatch(/\(chi_sim\+eng\)$/);
  });

  it('refuses other file types (415) and a request that is not multipart (415), and 400s a bad level or OCR language', async () => {
    const exe = await call<{ error: string; message: string }>(web, { method: 'POST', url: '/api/ingest', ...multipart([{ name: 'tool.exe', content: 'MZ' }]) });
    expect(exe.status).toBe(415);
    expect(exe.json().message).toContain('.exe');
    const json = await call(web, { method: 'POST', url: '/api/ingest', payload: { path: '/etc/passwd' } });
    expect(json.status).toBe(415);
    const level = await call<{ message: string }>(web, { method: 'POST', url: '/api/ingest', ...multipart([{ name: 'a.txt', content: '内容' }], { level: 'galactic' }) });
    expect(level.status).toBe(400);
    expect(level.json().message).toContain('level');
    const lang = await call<{ message: string }>(web, { method: 'POST', url: '/api/ingest', ...multipart([{ name: 'a.txt', content: '内容' }], { ocrLang: 'chi sim; rm' }) });
    expect(lang.status).toBe(400);
    expect(lang.json().message).toContain('form field ocrLang: lang must be tesseract language names joined by +');
    expect(uploadedFiles().filter((f) => f.endsWith('a.txt'))).toEqual([]);
    expect((await call(web, { method: 'POST', url: '/api/ingest', ...multipart([]) })).status).toBe(400);
  });

  it('records a failing file with its reason, and retries it', async () => {
    const res = await call<{ batch: { id: string } }>(web, { method: 'POST', url: '/api/ingest', ...multipart([{ name: 'empty.txt', content: '' }]) });
    const batch = await settled(web, res.json().batch.id);
    expect(batch.files[0]).toMatchObject({ state: 'failed', error: { code: 'EMPTY_FILE' } });
    const status = (await call<{ failed: { sha256: string; file: string; code: string; error: string; attempts: number }[] }>(web, { url: '/api/status' })).json();
    const failure = status.failed.find((f) => f.file === 'empty.txt')!;
    expect(failure).toMatchObject({ code: 'EMPTY_FILE', attempts: 1 });
    expect(failure.error.length).toBeGreaterThan(10);
    const retry = await call<{ batch: { id: string } }>(web, { method: 'POST', url: '/api/retry', payload: { sha256: [failure.sha256] } });
    expect(retry.status).toBe(202);
    const again = await settled(web, retry.json().batch.id);
    expect(again.files).toHaveLength(1);
    expect(again.files[0]).toMatchObject({ name: 'empty.txt', state: 'failed' });
    const after = (await call<{ failed: { sha256: string; attempts: number }[] }>(web, { url: '/api/status' })).json();
    expect(after.failed.find((f) => f.sha256 === failure.sha256)?.attempts).toBe(2);
    // The upload was put back from the store for the retry, and removed again after.
    expect(uploadedFiles()).toEqual([]);
    expect((await call(web, { method: 'POST', url: '/api/retry', payload: { sha256: ['nothex'] } })).status).toBe(400);
  });

  it('404s an unknown batch', async () => {
    expect((await call(web, { url: '/api/status?batch=wnope' })).status).toBe(404);
  });

  it('names saved files from safe characters only', () => {
    expect(safeName('..\\..\\a b.txt')).toBe('a_b.txt');
    expect(safeName('../../etc/passwd')).toBe('passwd');
    expect(safeName('.bashrc.txt')).toBe('bashrc.txt');
    expect(safeName('')).toBe('file');
    expect(safeName('政协'.repeat(50) + '.PDF')).toMatch(/^(政协)+\.pdf$/);
    expect(safeName('政协'.repeat(50) + '.PDF').length).toBeLessThanOrEqual(60);
  });

  it('refuses a file over the size limit without writing it', async () => {
    const small = await buildServer({ dataDir: seeded.dataDir, queue: null, maxUploadBytes: 100 });
    try {
      const res = await call<{ message: string }>(small, { method: 'POST', url: '/api/ingest', ...multipart([{ name: 'big.txt', content: '大'.repeat(200) }]) });
      expect(res.status).toBe(413);
      expect(res.json().message).toContain('100');
      const saved = readdirSync(join(seeded.dataDir, 'uploads')).flatMap((f) => readdirSync(join(seeded.dataDir, 'uploads', f)));
      expect(saved.some((n) => n.endsWith('big.txt'))).toBe(false);
    } finally {
      await small.app.close();
    }
  });
});

describe('security', () => {
  it('needs the bearer token on write endpoints when WENSHI_TOKEN is set, and only there', async () => {
    const guarded = await buildServer({ dataDir: seeded.dataDir, queue: null, token: 's3cret-token' });
    try {
      const upload = () => multipart([{ name: 'note.txt', content: '关于令牌测试的通知\n\n一、必须携带令牌。\n' }]);
      const none = await call<{ error: string; message: string }>(guarded, { method: 'POST', url: '/api/ingest', ...upload() });
      expect(none.status).toBe(401);
      expect(none.json().message).toContain('Authorization: Bearer');
      const wrong = await call(guarded, { method: 'POST', url: '/api/ingest', ...upload(), headers: { ...upload().headers, authorization: 'Bearer nope' } });
      expect(wrong.status).toBe(401);
      expect((await call(guarded, { method: 'POST', url: '/api/retry', payload: {} })).status).toBe(401);
      const good = upload();
      const ok = await call(guarded, { method: 'POST', url: '/api/ingest', payload: good.payload, headers: { ...good.headers, authorization: 'Bearer s3cret-token' } });
      expect(ok.status).toBe(202);
      expect((await call(guarded, { url: '/api/search?q=x' })).status).toBe(200);
      expect((await call<{ writeTokenRequired: boolean }>(guarded, { url: '/api/status' })).json().writeTokenRequired).toBe(true);
      await guarded.ctx.batches.idle();
    } finally {
      await guarded.app.close();
    }
  });

  it('refuses writes from another origin and requests naming another host', async () => {
    const cross = await call(web, { method: 'POST', url: '/api/retry', payload: {}, headers: { origin: 'http://evil.example' } });
    expect(cross.status).toBe(403);
    const rebinding = await call(web, { url: '/api/docs', headers: { host: 'evil.example:7800' } });
    expect(rebinding.status).toBe(421);
    expect((await call(web, { url: '/api/docs', headers: { host: '127.0.0.1:7800' } })).status).toBe(200);
  });

  it('sends a CSP that keeps every request on this server, and nosniff', async () => {
    const page = await call(web, { url: '/' });
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.body).toContain('/assets/app.js');
    const script = await call(web, { url: '/assets/app.js' });
    expect(script.status).toBe(200);
    expect(script.body).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)[a-z]/i);
    expect((await call(web, { url: '/assets/..%2f..%2fserver.ts' })).status).toBe(404);
  });

  it('refuses to listen beyond loopback without a token', async () => {
    expect(isLoopback('127.0.0.1') && isLoopback('::1') && isLoopback('localhost') && isLoopback('[::ffff:127.0.0.1]')).toBe(true);
    expect(isLoopback('0.0.0.0') || isLoopback('192.168.1.5') || isLoopback('::')).toBe(false);
    expect(() => checkBind('0.0.0.0', undefined)).toThrow(/WENSHI_TOKEN/);
    expect(() => checkBind('0.0.0.0', 'token')).not.toThrow();
    const saved = process.env.WENSHI_TOKEN;
    delete process.env.WENSHI_TOKEN;
    try {
      await expect(serveCommand.run(['--host', '0.0.0.0', '--data', seeded.dataDir])).rejects.toBeInstanceOf(UsageError);
      await expect(serveCommand.run(['--port', 'abc'])).rejects.toThrow(/port/);
    } finally {
      if (saved !== undefined) process.env.WENSHI_TOKEN = saved;
    }
  });
});

describe('queue mode', () => {
  const prefix = uniquePrefix('web');
  const env = { REDIS_URL, WENSHI_QUEUE_PREFIX: prefix };
  let queued: WebServer;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    queued = await buildServer({ dataDir: seeded.dataDir, queue: queueConfig(env)! });
  });

  afterAll(async () => {
    await queued?.app.close();
    await worker?.stop();
    await clearPrefix(prefix);
  });

  it('mounts the BullMQ dashboard and reports queue counts', async () => {
    const status = (await call<{ mode: string; queue: { stages: Record<string, { waiting: number }> }; dashboard: string }>(queued, { url: '/api/status' })).json();
    expect(status.mode).toBe('queue');
    expect(Object.keys(status.queue.stages)).toEqual(['extract', 'store']);
    const board = await call(queued, { url: status.dashboard });
    expect(board.status).toBe(200);
    expect(board.body).toContain('wenshi 队列');
    expect(board.body).not.toContain('googleapis');
    const queues = await call<{ queues: { name: string }[] }>(queued, { url: '/queues/api/queues' });
    expect(queues.json().queues.map((q) => q.name).sort()).toEqual(['extract', 'store']);
    const write = await call(queued, { method: 'PUT', url: '/queues/api/queues/extract/pause', headers: { origin: 'http://evil.example' } });
    expect(write.status).toBe(403);
  });

  it('queues an upload for `wenshi worker` and follows it to the archive and the index', async () => {
    worker = await startWorker('web1', env);
    const res = await call<{ batch: { id: string } }>(queued, {
      method: 'POST', url: '/api/ingest', ...multipart([{ name: '队列.txt', content: '关于排队处理孔雀议事会的实施意见\n\n一、应当每年召开一次孔雀议事会。\n' }]),
    });
    expect(res.status).toBe(202);
    const batch = await settled(queued, res.json().batch.id);
    expect(batch.files[0]).toMatchObject({ state: 'stored', error: null });
    const stages = (await call<{ queue: { stages: Record<string, { completed: number }> } }>(queued, { url: '/api/status' })).json().queue.stages;
    expect(stages.extract!.completed).toBe(1);
    // The worker runs both stages, so it stored what it extracted in the same job.
    expect(stages.store!.completed).toBe(0);
    const hits = (await call<SearchResult>(queued, { url: `/api/search?q=${encodeURIComponent('孔雀议事会')}` })).json().hits;
    expect(hits.map((h) => h.docId)).toContain(batch.files[0]!.documents[0]);
  });

  it.skipIf(skipOcr)('shows the OCR pages a worker reads of an uploaded scan, as in-process ingest does', { timeout: 300_000 }, async () => {
    worker ??= await startWorker('web1', env);
    // Two pages, one of them scanned: the worker reads that one by OCR.
    const scan = readFileSync(resolve('corpus/fixtures/ocr/mixed-p12-13.pdf'));
    const res = await call<{ batch: { id: string } }>(queued, { method: 'POST', url: '/api/ingest', ...multipart([{ name: '扫描件.pdf', content: scan }]) });
    expect(res.status).toBe(202);
    type OcrView = { done: number; total: number; etaSeconds: number | null } | undefined;
    const seen: NonNullable<OcrView>[] = [];
    for (;;) {
      const batch = (await call<{ batch: { finishedAt: number | null; files: { state: string; ocr?: OcrView }[] } }>(queued, { url: `/api/status?batch=${res.json().batch.id}` })).json().batch;
      const ocr = batch.files[0]!.ocr;
      if (ocr && (seen.at(-1)?.done !== ocr.done)) seen.push(ocr);
      if (batch.finishedAt !== null) {
        expect(batch.files[0]!.state).toBe('stored');
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    // Its scanned page: none read while tesseract works on it (seconds; the status is read every 100 ms),
    // then one of one, kept once the file is stored.
    expect(seen.every((o) => o.total === 1)).toBe(true);
    expect(seen.map((o) => o.done)).toEqual([0, 1]);
  });
});
