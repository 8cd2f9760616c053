/**
 * `wenshi findings` and `wenshi search` through the real CLI on the ingested seed: what staff and
 * researchers see, in the JSON shapes the issues promise.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Archive, type DocumentSummary } from '../pipeline/store/archive.js';
import { SEED, tempDir, wenshi, wenshiJson } from './helpers/cli.js';

interface FindingJson {
  id: string; docId: string; clausePath: string; type: string; kind: string | null; modality: string | null;
  marker: string | null; actor: string | null; action: string | null; object: string | null;
  frequency: { min: number | null; max: number | null; per: string } | null; quantity: { value: number | null; unit: string } | null;
  sentence: string; start: number; end: number; rule: string;
}

interface SearchJson {
  total: number;
  hits: { docId: string; title: string; type: string; clausePath: string; snippet: string; score: number }[];
  facets: Record<string, Record<string, number>>;
}

describe('findings and search on the seed', () => {
  let data: string;
  let p5: DocumentSummary;

  beforeAll(async () => {
    data = tempDir();
    await wenshi(['ingest', SEED, '--data', data]);
    p5 = (await wenshiJson<DocumentSummary[]>(['docs', '--data', data])).json.find((d) => d.piece === '篇五')!;
  }, 120_000);

  it('lists 篇五’s requirements with kind, modality, frequency and the exact sentence at its offsets', async () => {
    const { json } = await wenshiJson<FindingJson[]>(['findings', '--doc', p5.id.slice(0, 6), '--data', data]);
    const shown = (await wenshiJson<{ text: string }>(['show', p5.id, '--data', data])).json;
    const meeting = json.find((f) => f.sentence.includes('区政协一般每年召开 1-2 次专题协商会'))!;
    expect(meeting).toMatchObject({ type: 'requirement', kind: 'meeting', modality: 'default', frequency: { min: 1, max: 2, per: 'year' }, clausePath: '三/9' });
    expect(json.find((f) => f.sentence.includes('提案复文不得进入报批程序'))).toMatchObject({ kind: 'prohibition', modality: 'prohibited', marker: '不得' });
    for (const f of json) expect(shown.text.slice(f.start, f.end)).toBe(f.sentence);
    expect(Object.keys(meeting).sort()).toEqual(expect.arrayContaining(['id', 'docId', 'clausePath', 'type', 'kind', 'modality', 'marker', 'actor', 'actorFrom', 'action', 'object', 'frequency', 'quantity', 'sentence', 'start', 'end', 'rule']));
  });

  it('filters by kind and modality, and writes CSV', async () => {
    const { json } = await wenshiJson<FindingJson[]>(['findings', '--kind', 'prohibition', '--modality', 'prohibited', '--data', data]);
    expect(json.length).toBeGreaterThan(0);
    for (const f of json) expect(f).toMatchObject({ kind: 'prohibition', modality: 'prohibited' });
    const csv = await wenshi(['findings', '--doc', p5.id, '--csv', '--data', data]);
    expect(csv.stdout.split('\n')[0]).toBe('id,docId,clausePath,type,kind,modality,marker,actor,actorFrom,action,object,frequency,quantity,deadline,condition,sanction,sentence,start,end,rule');
  });

  it('marks findings in `wenshi show`', async () => {
    const r = await wenshi(['show', p5.id, '--data', data]);
    expect(r.stdout).toContain('【区政协一般每年召开 1-2 次专题协商会】⟨default 1–2/year⟩');
  });

  it('finds 专题协商会 in opinions of 2019–2021 with 篇五’s clause first, highlighted and citable', async () => {
    const { json } = await wenshiJson<SearchJson>(['search', '专题协商会', '--type', 'opinion', '--year', '2019..2021', '--data', data]);
    expect(json.hits[0]).toMatchObject({ docId: p5.id, clausePath: '三/9' });
    expect(json.hits[0]!.snippet).toContain('<mark>专题协商会</mark>');
    expect(json.facets.type).toEqual({ opinion: json.total });
    expect(json.facets.year).toEqual({ 2021: json.total });
  });

  it('finds simplified text from a traditional query', async () => {
    const { json } = await wenshiJson<SearchJson>(['search', '雙月協商座談會', '--data', data]);
    expect(json.total).toBeGreaterThan(0);
    expect(json.hits[0]!.snippet).toContain('<mark>双月协商座谈会</mark>');
  });

  it('leaves no duplicate hits after re-ingesting and reindexing', async () => {
    const before = (await wenshiJson<SearchJson>(['search', '政协', '--limit', '1000', '--data', data])).json;
    await wenshi(['ingest', SEED, '--data', data]);
    expect((await wenshi(['reindex', '--data', data])).code).toBe(0);
    const after = (await wenshiJson<SearchJson>(['search', '政协', '--limit', '1000', '--data', data])).json;
    expect(after.total).toBe(before.total);
    const keys = after.hits.map((h) => `${h.docId} ${h.clausePath} ${h.snippet}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('rejects a malformed year range with a usage error', async () => {
    const r = await wenshi(['search', '政协', '--year', '2021..2019', '--data', data]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/runs backwards/);
  });
});

describe('wenshi reanalyze', () => {
  it('brings findings made by older rules up to the current ones, in the archive and in search', async () => {
    const data = tempDir();
    await wenshi(['ingest', SEED, '--data', data]);
    const p5 = (await wenshiJson<DocumentSummary[]>(['docs', '--data', data])).json.find((d) => d.piece === '篇五')!;
    const meetings = async () => (await wenshiJson<FindingJson[]>(['findings', '--doc', p5.id, '--kind', 'meeting', '--data', data])).json;
    const searched = async () => (await wenshiJson<SearchJson>(['search', '专题协商会', '--in', 'findings', '--kind', 'meeting', '--data', data])).json;
    const current = await meetings();
    expect(current.length).toBeGreaterThan(0);
    expect((await searched()).total).toBeGreaterThan(0);

    // As if the rules that archived 篇五 had not known meetings: gone from the archive and, once reindexed, from search.
    const archive = new Archive(data);
    const stored = archive.findings({ docId: p5.id });
    archive.replaceAnalysis(p5.id, { findings: stored.filter((f) => f.kind !== 'meeting') });
    const dropped = stored.filter((f) => f.kind === 'meeting').length;
    archive.close();
    await wenshi(['reindex', '--data', data]);
    expect(await meetings()).toEqual([]);
    expect((await searched()).total).toBe(0);

    const { code, json } = await wenshiJson<{ documents: number; changed: string[]; findingsBefore: number; findingsAfter: number }>(['reanalyze', '--data', data]);
    expect(code).toBe(0);
    expect(json).toMatchObject({ documents: 8, changed: [p5.id] });
    expect(json.findingsAfter - json.findingsBefore).toBe(dropped);
    expect(await meetings()).toEqual(current);
    expect((await searched()).total).toBeGreaterThan(0);

    // Nothing left to change.
    expect((await wenshiJson<{ changed: string[] }>(['reanalyze', '--data', data])).json.changed).toEqual([]);
  }, 120_000);
});
