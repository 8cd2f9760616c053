/**
 * The contract every search engine passes (run per engine by engine-*.test.ts, Hono
 * `common.case` style). Fixtures: the six seed pieces as paragraph-clause documents plus small
 * documents of our own (sections and findings, traditional characters, HTML/script text).
 * Expected results are counted directly from the fixtures with the shared unit derivation.
 * @module
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentUnits } from '../pipeline/search/units.js';
import { fold } from '../pipeline/search/fold.js';
import type { IndexDocument, IndexFinding, SearchEngine, SearchHit, SearchQuery, Unit } from '../pipeline/search/types.js';
import type { Section } from '../pipeline/types.js';

const SEED = fileURLToPath(new URL('../corpus/seed/000_7bf2245de4f05e93.txt', import.meta.url));

/** The six pieces of the seed page (篇一…篇六), web header and related-articles footer left out. */
export function seedPieces(): { label: string; text: string }[] {
  const lines = readFileSync(SEED, 'utf8').split('\n');
  const starts = lines.flatMap((l, i) => (/^篇[一二三四五六][:：]/.test(l) ? [i] : []));
  const footer = lines.findIndex((l) => l.includes('相关文章'));
  return starts.map((s, k) => ({
    label: lines[s]!.slice(0, 2),
    text: lines.slice(s + 1, starts[k + 1] ?? (footer === -1 ? lines.length : footer)).join('\n').trim(),
  }));
}

type Meta = Omit<IndexDocument, 'text' | 'sections' | 'findings'>;

const SEED_META: readonly Omit<Meta, 'id'>[] = [
  { title: '发挥政协基层组织作用 推进基层协商民主建设', type: 'experience', level: 'county', region: '融水', issuer: '融水县政协', year: 2020, date: '2020-12-01', docNumber: null },
  { title: '《关于加强社会主义协商民主建设的意见》学习心得', type: 'study_notes', level: 'district', region: null, issuer: null, year: 2019, date: null, docNumber: null },
  { title: '区县政协常委会工作报告', type: 'work_report', level: 'district', region: null, issuer: '区政协常委会', year: 2021, date: '2021-01-15', docNumber: null },
  { title: '工作报告', type: 'work_report', level: 'district', region: null, issuer: '区政协常委会', year: 2020, date: '2020-01-10', docNumber: null },
  { title: '关于加强人民政协协商民主建设的实施意见', type: 'opinion', level: 'district', region: null, issuer: '区委', year: 2021, date: '2021-01-24', docNumber: null },
  { title: '区关于加强新时代人民政协党的建设工作的实施意见', type: 'opinion', level: 'county', region: null, issuer: '区委', year: 2018, date: null, docNumber: null },
];

/** The seed pieces as documents without sections (indexed paragraph by paragraph). */
export function seedDocuments(): IndexDocument[] {
  return seedPieces().map((p, i) => ({ id: `seed-${i + 1}`, ...SEED_META[i]!, text: p.text, sections: [] }));
}

interface Line {
  text: string;
  section?: Omit<Section, 'start' | 'end' | 'kind'>;
}

/** A document from lines; a section runs from its line to the next section line of the same or outer depth. */
function sectionedDocument(meta: Meta, lines: readonly Line[], findings: Omit<IndexFinding, 'start' | 'end'>[] = []): IndexDocument {
  const text = lines.map((l) => l.text).join('\n');
  const starts = lines.map((_, i) => lines.slice(0, i).reduce((n, l) => n + l.text.length + 1, 0));
  const sections: Section[] = lines.flatMap((l, i) => {
    if (!l.section) return [];
    const next = lines.findIndex((m, j) => j > i && m.section && m.section.depth <= l.section!.depth);
    const end = next === -1 ? text.length : starts[next]! - 1;
    return [{ ...l.section, kind: 'clause' as const, start: starts[i]!, end }];
  });
  return {
    ...meta,
    text,
    sections,
    findings: findings.map((f) => {
      const start = text.indexOf(f.sentence);
      if (start === -1) throw new Error(`fixture finding ${f.id} is not in the text`);
      return { ...f, start, end: start + f.sentence.length };
    }),
  };
}

const sec = (path: string, label: string, heading: string, depth: number) => ({ path, label, heading, depth });

/** Our own documents: sections + findings, traditional characters, HTML and script text. */
export function ownDocuments(): IndexDocument[] {
  const rules = sectionedDocument(
    { id: 'own-rules', title: '关于加强县政协专题协商的实施办法', type: 'opinion', level: 'county', region: '柳州', issuer: '中共柳州县委员会', year: 2022, date: '2022-05-01', docNumber: null },
    [
      { text: '为推进协商民主建设，根据中国人民政治协商会议章程，制定本办法。' },
      { text: '一、总则', section: sec('一', '一、', '总则', 1) },
      { text: '本章规定专题协商的基本要求。' },
      { text: '(一)县政协每年召开1-2次专题协商会，由党委统筹安排。', section: sec('一/(一)', '(一)', '县政协每年召开1-2次专题协商会', 2) },
      { text: '(二)双月协商座谈会一般每两个月召开一次。', section: sec('一/(二)', '(二)', '双月协商座谈会一般每两个月召开一次', 2) },
      { text: '二、培训', section: sec('二', '二、', '培训', 1) },
      { text: '1.确保每位委员每届至少接受一次履职培训。', section: sec('二/1', '1.', '确保每位委员每届至少接受一次履职培训', 2) },
      { text: '2.区人民代表大会代表可以应邀列席政协会议。', section: sec('二/2', '2.', '区人民代表大会代表可以应邀列席政协会议', 2) },
    ],
    [
      { id: 'f-meeting-1', clausePath: '一/(一)', type: 'requirement', kind: 'meeting', modality: 'mandatory', sentence: '县政协每年召开1-2次专题协商会' },
      { id: 'f-meeting-2', clausePath: '一/(二)', type: 'requirement', kind: 'meeting', modality: 'default', sentence: '双月协商座谈会一般每两个月召开一次' },
      { id: 'f-training', clausePath: '二/1', type: 'requirement', kind: 'training', modality: 'mandatory', sentence: '确保每位委员每届至少接受一次履职培训' },
    ],
  );
  const traditional: IndexDocument = {
    id: 'own-traditional', title: '政協工作報告', type: 'work_report', level: 'provincial', region: null, issuer: '省政協', year: 2018, date: '2018-03-02', docNumber: null,
    text: '本屆政協每年召開雙月協商座談會，聽取各界意見。\n政協委員聯絡工作站設在各鄉鎮。',
    sections: [],
  };
  const html: IndexDocument = {
    id: 'own-html', title: '网页转载说明', type: 'other', level: 'unknown', region: null, issuer: null, year: null, date: null, docNumber: null,
    text: '本页转载自政协网站<script>alert(1)</script>，原文有删节。\n图片<img onerror=x>已移除 & 请政协委员注意"引号"。',
    sections: [],
  };
  return [rules, traditional, html];
}

/** A law, a reply to a proposal and two numbered notices (发文字号), the newer document types and fields. */
export function numberedDocuments(): IndexDocument[] {
  const doc = (meta: Omit<Meta, 'region'>, text: string): IndexDocument => ({ region: null, ...meta, text, sections: [] });
  return [
    doc({ id: 'own-law', title: '中华人民共和国河道保护法', type: 'law', level: 'central', issuer: '全国人民代表大会常务委员会', year: 2016, date: '2016-07-02', docNumber: null },
      '第一条 为了保护河道，保障防洪安全，制定本法。\n第二条 国家实行河道保护责任制。'),
    doc({ id: 'own-notice-2019', title: '国务院办公厅关于加强政务新媒体建设的通知', type: 'notice', level: 'central', issuer: '国务院办公厅', year: 2019, date: '2019-04-18', docNumber: '国办发〔2019〕5号' },
      '各地区各部门应当每年开展一次政务新媒体检查。\n政务新媒体检查结果向社会公开。'),
    doc({ id: 'own-notice-2020', title: '国务院关于做好政务新媒体检查工作的通知', type: 'notice', level: 'central', issuer: '国务院', year: 2020, date: '2020-06-01', docNumber: '国发〔2020〕12号' },
      '政务新媒体检查结果应当向社会公开。'),
    doc({ id: 'own-reply', title: '关于河道保护第1234号提案的答复', type: 'reply', level: 'central', issuer: '水利部', year: 2006, date: '2006-08-01', docNumber: '水函〔2006〕82号' },
      '你们提出的关于加强河道保护的提案收悉。现答复如下：河道保护责任制已在各地实行。'),
  ];
}

export function fixtureDocuments(): IndexDocument[] {
  return [...seedDocuments(), ...ownDocuments(), ...numberedDocuments()];
}

/** A hit's identity: document and offset. */
export const hitKey = (h: Pick<SearchHit, 'docId' | 'start'>): string => `${h.docId}@${h.start}`;

interface Expected {
  doc: IndexDocument;
  unit: Unit;
}

function unitsOf(docs: readonly IndexDocument[], kind: Unit['kind']): Expected[] {
  return docs.flatMap((doc) => documentUnits(doc).filter((u) => u.kind === kind).map((unit) => ({ doc, unit })));
}

/** Whether a string occurs (folded) in the unit's document title or its own text. */
function occurs(e: Expected, s: string): boolean {
  const f = fold(s);
  return fold(e.doc.title).includes(f) || fold(e.unit.text).includes(f);
}

/** Every hit of a query, page after page. */
export async function allHits(engine: SearchEngine, query: SearchQuery): Promise<SearchHit[]> {
  const hits: SearchHit[] = [];
  for (let page = 1; ; page++) {
    const r = await engine.search({ ...query, limit: 100, page });
    hits.push(...r.hits);
    if (r.hits.length < 100) return hits;
  }
}

function countBy<T>(items: readonly T[], key: (t: T) => string | number | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) {
    const k = key(item);
    if (k !== null) out[String(k)] = (out[String(k)] ?? 0) + 1;
  }
  return out;
}

export interface EngineSuiteOptions {
  name: string;
  /** A fresh, empty engine. */
  newEngine: () => SearchEngine | Promise<SearchEngine>;
  /** Why the suite cannot run here; the suite is reported as skipped with this reason. */
  skip?: string;
}

export function runEngineSuite({ name, newEngine, skip }: EngineSuiteOptions): void {
  describe.skipIf(skip !== undefined)(skip ? `${name} engine contract (skipped: ${skip})` : `${name} engine contract`, () => {
    const docs = fixtureDocuments();
    const clauses = unitsOf(docs, 'clause');
    const findings = unitsOf(docs, 'finding');
    const clauseKey = (e: Expected) => `${e.doc.id}@${e.unit.start}`;
    let engine: SearchEngine;

    beforeAll(async () => {
      engine = await newEngine();
      await engine.ensureIndex();
      await engine.clear();
      await engine.upsert(docs);
    });
    afterAll(async () => {
      await engine?.close();
    });

    it('indexes every clause and finding of every document', async () => {
      const stats = await engine.stats();
      expect(stats).toMatchObject({ documents: docs.length, clauses: clauses.length, findings: findings.length });
    });

    it('indexes text outside leaf sections under the path of the section around it', async () => {
      const [lead] = (await engine.search({ q: '基本要求' })).hits;
      expect(lead).toMatchObject({ docId: 'own-rules', clausePath: '一' });
      const [preamble] = (await engine.search({ q: '"制定本办法"' })).hits;
      expect(preamble).toMatchObject({ docId: 'own-rules', clausePath: '', start: 0 });
      const [leaf] = (await engine.search({ q: '履职培训' })).hits;
      const rules = docs.find((d) => d.id === 'own-rules')!;
      expect(rules.text.slice(leaf!.start, leaf!.end)).toBe('1.确保每位委员每届至少接受一次履职培训。');
    });

    it('finds a quoted phrase exactly where it occurs', async () => {
      const hits = await allHits(engine, { q: '"专题协商会"' });
      const expected = clauses.filter((e) => occurs(e, '专题协商会')).map(clauseKey);
      expect(expected.length).toBeGreaterThan(1);
      expect(hits.map(hitKey).sort()).toEqual(expected.sort());
    });

    it('ANDs words by default', async () => {
      const hits = await allHits(engine, { q: '委员 培训' });
      const expected = clauses.filter((e) => occurs(e, '委员') && occurs(e, '培训')).map(clauseKey);
      expect(expected.length).toBeGreaterThan(0);
      expect(hits.map(hitKey).sort()).toEqual(expected.sort());
    });

    it('leaves out clauses with a -excluded word', async () => {
      const hits = await allHits(engine, { q: '委员 -培训' });
      const expected = clauses.filter((e) => occurs(e, '委员') && !occurs(e, '培训')).map(clauseKey);
      expect(expected.length).toBeGreaterThan(5);
      expect(hits.map(hitKey).sort()).toEqual(expected.sort());
    });

    it('counts facets over the whole match set, equal to a direct count', async () => {
      const matching = clauses.filter((e) => occurs(e, '委员'));
      const result = await engine.search({ q: '委员', limit: 1 });
      expect(result.total).toBe(matching.length);
      expect(result.facets.type).toEqual(countBy(matching, (e) => e.doc.type));
      expect(result.facets.level).toEqual(countBy(matching, (e) => e.doc.level));
      expect(result.facets.year).toEqual(countBy(matching, (e) => e.doc.year));
      expect(result.facets.issuer).toEqual(countBy(matching, (e) => e.doc.issuer));
      expect(result.facets.region).toEqual(countBy(matching, (e) => e.doc.region));
      expect(result.facets.docNumber).toEqual(countBy(matching, (e) => e.doc.docNumber));
    });

    it('filters by 发文字号 written with any brackets, and counts facets by 发文字号', async () => {
      const numbered = (e: Expected, ...numbers: string[]) => e.doc.docNumber !== null && numbers.includes(e.doc.docNumber);
      for (const written of ['国办发〔2019〕5号', '国办发[2019]5号', '国办发(2019)5号', '国办发（2019）5号']) {
        const result = await engine.search({ q: '', filters: { docNumber: written }, limit: 100 });
        expect(result.hits.map(hitKey).sort(), written).toEqual(clauses.filter((e) => numbered(e, '国办发〔2019〕5号')).map(clauseKey).sort());
      }
      const either = await engine.search({ q: '检查', filters: { docNumber: ['国办发〔2019〕5号', '国发[2020]12号'] }, in: 'documents' });
      expect(either.hits.map((h) => h.docId).sort()).toEqual(['own-notice-2019', 'own-notice-2020']);
      const matching = clauses.filter((e) => occurs(e, '政务新媒体'));
      const faceted = await engine.search({ q: '政务新媒体', limit: 1 });
      expect(faceted.facets.docNumber).toEqual(countBy(matching, (e) => e.doc.docNumber));
      expect(faceted.facets.docNumber).toEqual({ '国办发〔2019〕5号': 2, '国发〔2020〕12号': 1 });
      const perDocument = await engine.search({ q: '河道', in: 'documents' });
      expect(perDocument.facets.docNumber).toEqual({ '水函〔2006〕82号': 1 });
      expect(perDocument.facets.type).toEqual({ law: 1, reply: 1 });
    });

    it('filters by the types law, regulation and reply, and rejects a type that does not exist', async () => {
      const laws = await engine.search({ q: '', filters: { type: 'law' }, limit: 100 });
      expect(laws.hits.map(hitKey).sort()).toEqual(clauses.filter((e) => e.doc.type === 'law').map(clauseKey).sort());
      expect(laws.facets.type).toEqual({ law: laws.total });
      const replies = await engine.search({ q: '河道', filters: { type: ['reply', 'regulation'] }, in: 'documents' });
      expect(replies.hits.map((h) => h.docId)).toEqual(['own-reply']);
      await expect(engine.search({ q: '', filters: { type: 'lwa' } })).rejects.toThrow(/type must be one of .*law, regulation, reply/);
      await expect(engine.search({ q: '', filters: { level: 'national' } })).rejects.toThrow(/level must be one of/);
    });

    it('filters by type, level and year range, and counts facets after filtering', async () => {
      const filters = { type: 'work_report', yearFrom: 2019, yearTo: 2020 } as const;
      const expected = clauses.filter((e) => occurs(e, '委员') && e.doc.type === 'work_report'
        && e.doc.year !== null && e.doc.year >= 2019 && e.doc.year <= 2020);
      const result = await engine.search({ q: '委员', filters, limit: 1000 });
      expect(expected.length).toBeGreaterThan(0);
      expect(result.hits.map(hitKey).sort()).toEqual(expected.map(clauseKey).sort());
      expect(result.facets.year).toEqual(countBy(expected, (e) => e.doc.year));
      const levels = await engine.search({ q: '委员', filters: { level: ['county', 'provincial'] } });
      expect(levels.total).toBe(clauses.filter((e) => occurs(e, '委员') && ['county', 'provincial'].includes(e.doc.level)).length);
    });

    it('pages through results without overlap, best first', async () => {
      const total = (await engine.search({ q: '政协', limit: 1 })).total;
      const seen: SearchHit[] = [];
      for (let page = 1; page <= Math.ceil(total / 7); page++) {
        const r = await engine.search({ q: '政协', limit: 7, page });
        expect(r.total).toBe(total);
        seen.push(...r.hits);
      }
      expect(seen).toHaveLength(total);
      expect(new Set(seen.map(hitKey)).size).toBe(total);
      for (let i = 1; i < seen.length; i++) expect(seen[i]!.score).toBeLessThanOrEqual(seen[i - 1]!.score);
      expect((await engine.search({ q: '政协', limit: 7, page: Math.ceil(total / 7) + 1 })).hits).toEqual([]);
    });

    it('finds every clause containing the 2-character query 政协', async () => {
      const hits = new Set((await allHits(engine, { q: '政协' })).map(hitKey));
      const expected = clauses.filter((e) => occurs(e, '政协')).map(clauseKey);
      expect(expected.length).toBeGreaterThan(50);
      for (const key of expected) expect(hits, key).toContain(key);
    });

    it('finds simplified text for a traditional query, and traditional text for a simplified one', async () => {
      const trad = await allHits(engine, { q: '雙月協商座談會' });
      const simp = await allHits(engine, { q: '双月协商座谈会' });
      expect(trad.map(hitKey).sort()).toEqual(simp.map(hitKey).sort());
      expect(trad.map((h) => h.docId)).toEqual(expect.arrayContaining(['own-rules', 'own-traditional']));
      const shown = trad.find((h) => h.docId === 'own-traditional')!;
      expect(shown.snippet).toContain('<mark>雙月協商座談會</mark>');
    });

    it('expands synonyms to the standard form', async () => {
      const zx = await allHits(engine, { q: '政协' });
      const preamble = zx.find((h) => h.docId === 'own-rules' && h.start === 0);
      expect(preamble?.snippet).toContain('<mark>中国人民政治协商会议</mark>');
      const rd = await allHits(engine, { q: '人大' });
      expect(rd.map((h) => h.clausePath)).toContain('二/2');
    });

    it('escapes HTML in snippets and marks only the matches', async () => {
      const [hit] = (await engine.search({ q: 'alert' })).hits;
      expect(hit?.snippet).toBe('本页转载自政协网站&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;，原文有删节。');
      const [img] = (await engine.search({ q: '图片' })).hits;
      expect(img?.snippet).toBe('<mark>图片</mark>&lt;img onerror=x&gt;已移除 &amp; 请政协委员注意&quot;引号&quot;。');
    });

    it('returns one hit per document in documents mode', async () => {
      const result = await engine.search({ q: '委员', in: 'documents', limit: 100 });
      const expectedDocs = docs.filter((d) => clauses.some((e) => e.doc === d && occurs(e, '委员')));
      expect(result.total).toBe(expectedDocs.length);
      expect(result.hits.map((h) => h.docId).sort()).toEqual(expectedDocs.map((d) => d.id).sort());
      expect(result.facets.type).toEqual(countBy(expectedDocs, (d) => d.type));
    });

    it('searches findings and filters clauses by finding kind', async () => {
      const meetings = await engine.search({ q: '', in: 'findings', filters: { findingKind: 'meeting' } });
      expect(meetings.hits.map((h) => h.findingId).sort()).toEqual(['f-meeting-1', 'f-meeting-2']);
      const all = await engine.search({ q: '召开', in: 'findings' });
      expect(all.facets.findingKind).toEqual({ meeting: 2 });
      const trained = await engine.search({ q: '', filters: { findingKind: 'training' } });
      expect(trained.hits.map((h) => h.clausePath)).toEqual(['二/1']);
      const withFindings = await engine.search({ q: '', filters: { issuer: '中共柳州县委员会' } });
      expect(withFindings.facets.findingKind).toEqual({ meeting: 2, training: 1 });
      // Documents mode counts each document once per kind, however many of its units have it.
      const perDocument = await engine.search({ q: '', in: 'documents', filters: { issuer: '中共柳州县委员会' } });
      expect(perDocument.facets.findingKind).toEqual({ meeting: 1, training: 1 });
    });

    it('sorts by date, newest first, undated last', async () => {
      const dates = new Map(docs.map((d) => [d.id, d.date]));
      const hits = (await engine.search({ q: '委员', sort: 'date', limit: 1000 })).hits.map((h) => dates.get(h.docId) ?? null);
      const dated = hits.filter((d) => d !== null);
      expect(dated).toEqual([...dated].sort().reverse());
      expect(hits.slice(dated.length).every((d) => d === null)).toBe(true);
    });

    it('rejects impossible options with a message naming the option', async () => {
      await expect(engine.search({ q: '政协', limit: 0 })).rejects.toThrow(/limit/);
      await expect(engine.search({ q: '政协', page: 0 })).rejects.toThrow(/page/);
    });

    it('re-indexing replaces documents without duplicating hits', async () => {
      const before = await allHits(engine, { q: '政协' });
      await engine.upsert(docs);
      await engine.upsert(docs.slice(-2));
      const after = await allHits(engine, { q: '政协' });
      expect(after.map(hitKey).sort()).toEqual(before.map(hitKey).sort());
      expect((await engine.stats()).clauses).toBe(clauses.length);

      const html = docs.find((d) => d.id === 'own-html')!;
      await engine.upsert([{ ...html, text: '内容已经更新。' }]);
      expect((await engine.search({ q: 'alert' })).total).toBe(0);
      expect((await engine.search({ q: '内容已经更新' })).hits.map((h) => h.docId)).toEqual(['own-html']);
      await engine.upsert([html]);
      expect((await engine.search({ q: 'alert' })).total).toBe(1);
    });

    it('loads in bulk with upserts in flight together, every document searchable after', async () => {
      await engine.clear();
      const loaded = await engine.bulkLoad(async () => {
        await Promise.all([engine.upsert(docs.slice(0, 2)), engine.upsert(docs.slice(2)), engine.upsert(docs.slice(-1))]);
        return 'done';
      });
      expect(loaded).toBe('done');
      expect((await engine.stats()).documents).toBe(docs.length);
      expect((await engine.stats()).clauses).toBe(clauses.length);
      const html = docs.find((d) => d.id === 'own-html')!;
      expect((await engine.search({ q: 'alert' })).hits.map((h) => h.docId)).toEqual([html.id]);
    });

    it('rebuilds from what the load writes, the old entries gone after', async () => {
      await engine.rebuild(() => engine.upsert(docs.slice(0, 1)), async () => {});
      expect((await engine.stats()).documents).toBe(1);
      expect((await engine.search({ q: 'alert' })).total).toBe(0);
      await engine.rebuild(() => engine.upsert(docs), async () => {});
      expect((await engine.stats()).documents).toBe(docs.length);
      expect((await engine.stats()).clauses).toBe(clauses.length);
    });

    it('deletes documents, then clears the index', async () => {
      await engine.delete(['own-traditional', 'no-such-document']);
      const hits = await allHits(engine, { q: '双月协商座谈会' });
      expect(hits.map((h) => h.docId)).not.toContain('own-traditional');
      expect((await engine.stats()).documents).toBe(docs.length - 1);
      await engine.clear();
      expect(await engine.stats()).toMatchObject({ documents: 0, clauses: 0, findings: 0 });
      expect((await engine.search({ q: '政协' })).total).toBe(0);
    });
  });
}
