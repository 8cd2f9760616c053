/**
 * The researcher's API (issue 20) through fastify's `inject()` against the seeded archive plus two
 * copies of the central consultation opinion: near-duplicates collapsed into one hit with their
 * versions, the fields every hit carries, date order, facets that stay countable when picked,
 * the ways out of an empty result, and the original file of a document.
 * @module
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollapsedHit } from '../pipeline/search/collapse.js';
import type { Suggestion } from '../pipeline/search/refine.js';
import type { Facets } from '../pipeline/search/types.js';
import { ocrAvailable } from '../pipeline/extract/ocr.js';
import { noteOcrPage, publicBatch, type WebBatch } from '../web/batches.js';
import type { BatchView, StatusView } from '../web/client/api.js';
import { sanitizeHtml } from '../web/original.js';
import { buildServer, type WebServer } from '../web/server.js';
import { multipart, seedArchive, type SeededArchive } from './helpers/browser.js';
import { ROOT } from './helpers/cli.js';
import { skipUnlessTool } from './helpers/tools.js';
import { archiveCopies, CENTRAL_OPINION, HTML_COPY_NAME } from './helpers/copies.js';

interface SearchBody {
  total: number;
  hits: CollapsedHit[];
  facets: Facets;
  collapsed: boolean;
  folded: number;
  tried?: string[];
  suggestions?: Suggestion[];
}

const skipOcr = skipUnlessTool('tesseract with chi_sim', await ocrAvailable({ lang: 'chi_sim' }), 'apt-get install tesseract-ocr tesseract-ocr-chi-sim');

let seeded: SeededArchive;
let copies: { reprint: string; html: string };
let web: WebServer;

async function call(opts: InjectOptions | string) {
  const res = await web.app.inject(opts);
  return { status: res.statusCode, headers: res.headers, body: res.body, raw: res.rawPayload, json: () => res.json() as SearchBody };
}

const search = async (qs: string) => {
  const res = await call(`/api/search?${qs}`);
  expect(res.status, res.body).toBe(200);
  return res.json();
};

beforeAll(async () => {
  seeded = await seedArchive();
  copies = await archiveCopies(seeded.dataDir);
  web = await buildServer({ dataDir: seeded.dataDir, queue: null });
});

afterAll(async () => {
  await web?.app.close();
});

describe('GET /api/search for researchers', () => {
  const q = `q=${encodeURIComponent('专题协商会')}&limit=50`;
  const family = () => [seeded.central, copies.reprint, copies.html];

  it('collapses the three copies of the opinion into one hit naming the other two; collapse=0 shows all three', async () => {
    const collapsed = await search(q);
    expect(collapsed.collapsed).toBe(true);
    const fromFamily = collapsed.hits.filter((h) => family().includes(h.docId));
    expect(new Set(fromFamily.map((h) => h.docId)).size).toBe(1);
    const leader = fromFamily[0]!;
    expect(new Set([leader.docId, ...leader.versions])).toEqual(new Set(family()));
    expect(leader.versionHits.map((h) => h.docId)).toEqual(leader.versions);
    expect(leader.versionHits[0]!.snippet).toContain('<mark>');

    const all = await search(`${q}&collapse=0`);
    expect(all.collapsed).toBe(false);
    expect(new Set(all.hits.filter((h) => family().includes(h.docId)).map((h) => h.docId))).toEqual(new Set(family()));
    // Every hit of the other two copies is folded away, and only those.
    expect(all.total).toBeLessThan(50);
    const folded = all.hits.filter((h) => family().includes(h.docId) && h.docId !== leader.docId).length;
    expect(folded).toBeGreaterThanOrEqual(2);
    expect(collapsed.total).toBe(all.total - folded);
    expect(collapsed.folded).toBe(all.total - collapsed.total);
    expect(all.folded).toBe(0);
    expect(collapsed.hits.length).toBe(collapsed.total);
    // The facets count every copy, folded or not: the same counts as unmerged, adding up to total + folded.
    expect(collapsed.facets).toEqual(all.facets);
    expect(Object.values(collapsed.facets.type).reduce((x, y) => x + y, 0)).toBe(collapsed.total + collapsed.folded);
    // Other documents are untouched: each keeps its hits.
    const others = (r: SearchBody) => r.hits.filter((h) => !family().includes(h.docId)).map((h) => `${h.docId}/${h.clausePath}`);
    expect(others(collapsed)).toEqual(others(all));
  });
});

describe('GET /api/search: hit fields, date order, facets, empty results', () => {
  it('gives every hit its date, level, region and 发文字号', async () => {
    const r = await search(`q=${encodeURIComponent('政务新媒体')}&collapse=0`);
    const notice = r.hits.find((h) => h.docId === seeded.numbered[0]);
    expect(notice).toMatchObject({ date: '2019-04-18', level: 'central', region: null, docNumber: '国办发〔2019〕5号' });
    for (const h of r.hits) expect(Object.keys(h)).toEqual(expect.arrayContaining(['date', 'level', 'region', 'docNumber']));
  });

  it('sorts by date, newest first, undated last', async () => {
    const r = await search('in=documents&sort=date&limit=50');
    const dates = r.hits.map((h) => h.date);
    const dated = dates.filter((d): d is string => d !== null);
    expect(dated.length).toBeGreaterThan(2);
    expect(dated).toEqual([...dated].sort().reverse());
    expect(dates.slice(0, dated.length)).toEqual(dated);
  });

  it('counts each facet without its own filter: two types are ORed and every type stays countable; across facets filters AND', async () => {
    const base = await search(`q=${encodeURIComponent('协商')}&collapse=0`);
    const types = Object.keys(base.facets.type);
    expect(types.length).toBeGreaterThan(2);
    const [a, b] = types as [string, string];
    const two = await search(`q=${encodeURIComponent('协商')}&collapse=0&type=${a}&type=${b}`);
    expect(two.total).toBe(base.facets.type[a]! + base.facets.type[b]!);
    expect(two.facets.type).toEqual(base.facets.type);
    // The level facet is counted within the two types, and a level picked keeps the type counts of that level.
    expect(Object.values(two.facets.level).reduce((x, y) => x + y, 0)).toBe(two.total);
    const level = Object.keys(two.facets.level)[0]!;
    const both = await search(`q=${encodeURIComponent('协商')}&collapse=0&type=${a}&type=${b}&level=${level}`);
    expect(both.total).toBe(two.facets.level[level]);
    expect(both.facets.level).toEqual(two.facets.level);
    const ofLevel = await search(`q=${encodeURIComponent('协商')}&collapse=0&level=${level}`);
    expect(both.facets.type).toEqual(ofLevel.facets.type);
    // The year range keeps the year counts of the whole match.
    const years = await search(`q=${encodeURIComponent('协商')}&collapse=0&yearFrom=2019&yearTo=2019`);
    expect(years.facets.year).toEqual(base.facets.year);
  });

  it('says how to get out of an empty result: the other script tried, a filter dropped', async () => {
    const r = await search(`q=${encodeURIComponent('专题协商会')}&type=law&type=regulation`);
    expect(r.total).toBe(0);
    expect(r.tried).toContain('專題協商會');
    // Dropping either type alone still finds nothing: only dropping both is offered.
    expect(r.suggestions!.map((s) => s.kind)).toEqual(['dropAll']);
    const one = await search(`q=${encodeURIComponent('专题协商会')}&type=opinion&type=law`);
    expect(one.total).toBeGreaterThan(0);
    const years = await search(`q=${encodeURIComponent('专题协商会')}&type=opinion&yearFrom=1990&yearTo=1991`);
    expect(years.total).toBe(0);
    expect(years.suggestions).toEqual([expect.objectContaining({ kind: 'dropYears' }), expect.objectContaining({ kind: 'dropAll' })]);
    expect(years.suggestions!.every((s) => s.total > 0)).toBe(true);
  });
});

describe('GET /api/docs/:id with q, and /api/docs/:id/original', () => {
  it('gives where the search words occur, the other script included', async () => {
    const res = await call(`/api/docs/${seeded.central}?q=${encodeURIComponent('專題協商會')}`);
    const doc = res.json() as unknown as { text: string; highlights: [number, number][] };
    expect(doc.highlights.length).toBeGreaterThan(0);
    for (const [s, e] of doc.highlights) expect(doc.text.slice(s, e)).toBe('专题协商会');
    expect(((await call(`/api/docs/${seeded.central}`)).json() as unknown as { highlights?: unknown }).highlights).toBeUndefined();
  });

  it('sends the first source with its media type and Chinese name; inline HTML is sanitized and sandboxed, a download is the bytes', async () => {
    const inline = await call(`/api/docs/${copies.html}/original`);
    expect(inline.status).toBe(200);
    expect(inline.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(inline.headers['content-disposition']).toBe(`inline; filename="______ ___.html"; filename*=UTF-8''${encodeURIComponent(HTML_COPY_NAME)}`);
    expect(inline.headers['content-security-policy']).toMatch(/^sandbox; default-src 'none'/);
    expect(inline.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(inline.body).toContain('专题协商会');
    expect(inline.body).not.toContain('<script');
    const download = await call(`/api/docs/${copies.html}/original?download=1`);
    expect(download.headers['content-disposition']).toMatch(/^attachment; /);
    expect(download.raw.equals(readFileSync(join(seeded.dataDir, 'copies', HTML_COPY_NAME)))).toBe(true);
    expect(download.headers['content-security-policy']).toContain("default-src 'self'");

    const text = await call(`/api/docs/${seeded.central}/original`);
    expect(text.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(text.body).toBe(readFileSync(CENTRAL_OPINION, 'utf8'));
    expect(text.headers['content-disposition']).toContain("filename*=UTF-8''central-consultation.txt");
  });

  it('sends a PDF original as application/pdf, framed by our page without a sandbox (the browser\'s PDF viewer needs none)', async () => {
    // A PDF whose text the seeded archive does not hold: a document first archived from another file
    // (seed.pdf's pieces are the seed's) has that file for its original.
    const batch = await upload([{ name: '协商意见.pdf', content: readFileSync(join(ROOT, 'corpus', 'fixtures', 'cjk-cmap.pdf')) }]);
    const id = batch.files[0]!.documents[0]!;
    const res = await call(`/api/docs/${id}/original`);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'self'");
    expect(res.headers['content-disposition']).toContain(`inline; filename="`);
    expect(res.raw.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('strips what could run from an HTML original: scripts, frames, handlers, script URLs', () => {
    const clean = sanitizeHtml('<p onclick="x()">正文<a href="javascript:alert(1)">链接</a><iframe src="//x"></iframe><img src=x onerror="y()"><script>z()</script></p>');
    expect(clean).toContain('<p>正文<a>链接</a><img src="x"></p>');
    expect(clean).not.toMatch(/onclick|onerror|javascript:|<iframe|<script/);
  });

  it('404s an unknown document', async () => {
    const res = await call('/api/docs/0000000000000000/original');
    expect(res.status).toBe(404);
  });
});

/** Polls a batch until the server has finished it. */
async function settledBatch(id: string) {
  for (;;) {
    const batch = ((await call(`/api/status?batch=${id}`)).json() as unknown as { batch: BatchView }).batch;
    if (batch.finishedAt !== null) return batch;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function upload(files: { name: string; content: string | Buffer }[]) {
  const res = await call({ method: 'POST', url: '/api/ingest', ...multipart(files) });
  expect(res.status, res.body).toBe(202);
  return settledBatch((res.json() as unknown as { batch: BatchView }).batch.id);
}

describe('ingest and status for the page', () => {
  it.skipIf(skipOcr)('reports a scan\'s OCR pages on the batch file, and names new documents by title', { timeout: 120_000 }, async () => {
    const batch = await upload([{ name: 'mixed.pdf', content: readFileSync(join(ROOT, 'corpus', 'fixtures', 'ocr', 'mixed-p12-13.pdf')) }]);
    const [file] = batch.files;
    expect(file!.state).toBe('stored');
    // One of its two pages is a scan: read by OCR, counted from 0 to 1 of 1.
    expect(file!.ocr).toMatchObject({ done: 1, total: 1 });
    expect(file!.documents.length).toBeGreaterThan(0);
    for (const id of file!.documents) expect(file!.titles[id]).toBe(((await call(`/api/docs/${id}`)).json() as unknown as { title: string }).title);
  });

  it('gives each failure its reason in Chinese with the code, offers retry only where it can help, and dismisses the rest for good', async () => {
    const batch = await upload([{ name: '空文件.txt', content: '' }]);
    expect(batch.files[0]!.error).toMatchObject({ code: 'EMPTY_FILE', reason: '文件是空的，没有任何内容', retryable: false });
    const status = () => call('/api/status').then((r) => r.json() as unknown as StatusView);
    const failed = (await status()).failed.find((f) => f.file.endsWith('空文件.txt'))!;
    expect(failed).toMatchObject({ code: 'EMPTY_FILE', reason: '文件是空的，没有任何内容', retryable: false });
    const res = await call({ method: 'POST', url: '/api/dismiss', payload: { sha256: [failed.sha256] } });
    expect(res.status, res.body).toBe(200);
    expect((await status()).failed.some((f) => f.sha256 === failed.sha256)).toBe(false);
    // Recorded in the archive, not in this server's memory: a new server over the same data agrees.
    const again = await buildServer({ dataDir: seeded.dataDir, queue: null });
    try {
      const body = (await again.app.inject('/api/status')).json() as StatusView;
      expect(body.failed.some((f) => f.sha256 === failed.sha256)).toBe(false);
    } finally {
      await again.app.close();
    }
    const twice = await call({ method: 'POST', url: '/api/dismiss', payload: { sha256: [failed.sha256] } });
    expect(twice.status).toBe(404);
  });

  it('sends every error with its code, the English message and a Chinese sentence', async () => {
    const missing = await call('/api/docs/0000000000000000/original');
    expect(missing.json()).toEqual({ error: 'not_found', message: 'no document with id "0000000000000000"', zh: '找不到所请求的内容' });
    const bad = (await call('/api/search?limit=0')).json() as unknown as { error: string; message: string; zh: string };
    expect(bad).toMatchObject({ error: 'bad_request', zh: '请求的参数有误' });
    expect(bad.message).toContain('limit');
  });

  it('gives a scan\'s time left from the pace so far: this process\'s clock, or the queue worker\'s own', () => {
    const batch: WebBatch = { id: 'w1', kind: 'upload', startedAt: 0, finishedAt: null, error: null,
      files: [{ name: 'scan.pdf', size: 1, path: '/u/scan.pdf', state: 'queued', documents: [], added: [], error: null }] };
    noteOcrPage(batch, '/u/scan.pdf', { done: 0, total: 4 }, 1_000);
    expect(batch.files[0]!.ocr).toMatchObject({ done: 0, total: 4, etaSeconds: null });
    // One page in 3 s: three more take 9 s.
    noteOcrPage(batch, '/u/scan.pdf', { done: 1, total: 4 }, 4_000);
    expect(batch.files[0]!.ocr).toMatchObject({ done: 1, total: 4, etaSeconds: 9 });
    // A worker's report brings its own start and time: two pages in 10 s leave 10 s, whatever this clock says.
    noteOcrPage(batch, '/u/scan.pdf', { done: 2, total: 4 }, 20_000, 10_000);
    expect(batch.files[0]!.ocr).toMatchObject({ done: 2, total: 4, etaSeconds: 10 });
  });

  it('gives a fault of the runner itself (not of a file) its code and a Chinese sentence too', () => {
    const batch = { id: 'w1', kind: 'upload' as const, startedAt: 0, finishedAt: 1, files: [], error: { code: 'TRANSIENT', message: 'Redis at 127.0.0.1:1 refused the connection' } };
    expect(publicBatch(batch, () => null).error).toEqual({ code: 'TRANSIENT', message: 'Redis at 127.0.0.1:1 refused the connection', reason: '暂时性故障，可以重试' });
  });
});
