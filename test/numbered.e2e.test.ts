/**
 * 发文字号, subtitle and adoption history through the real CLI: listed by `wenshi docs`, printed by
 * `wenshi show`, filtered and faceted by `wenshi search --doc-number` (any bracket style), kept
 * across `wenshi reindex`; the types law, regulation and reply accepted by --type.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../pipeline/search/index.js';
import { Archive, type DocumentSummary } from '../pipeline/store/archive.js';
import { tempDir, wenshi, wenshiJson } from './helpers/cli.js';
import { archiveNumbered, GUOBANFA, NUMBERED, writeNumbered } from './helpers/numbered.js';

interface SearchJson {
  total: number;
  hits: { docId: string; type: string }[];
  facets: Record<string, Record<string, number>>;
}

describe('发文字号, subtitle and history through the CLI', () => {
  let data: string;
  let ids: string[];
  const search = (...args: string[]) => wenshiJson<SearchJson>(['search', ...args, '--data', data]);

  beforeAll(async () => {
    data = tempDir();
    const files = join(data, 'files');
    mkdirSync(files);
    const archive = new Archive(data);
    const engine = createEngine({ dataDir: data });
    try {
      ids = await archiveNumbered(archive, engine, writeNumbered(files));
    } finally {
      archive.close();
      await engine.close();
    }
  }, 120_000);

  it('lists each document with its 发文字号, and every new field in --json', async () => {
    const { json } = await wenshiJson<DocumentSummary[]>(['docs', '--data', data]);
    const byId = new Map(json.map((d) => [d.id, d]));
    NUMBERED.forEach((f, i) => {
      expect(byId.get(ids[i]!)).toMatchObject({ type: f.meta.type, subtitle: f.meta.subtitle, docNumber: f.meta.docNumber, history: f.meta.history });
    });
    const table = (await wenshi(['docs', '--data', data])).stdout.split('\n');
    expect(table[0]).toContain('发文字号');
    expect(table.find((l) => l.startsWith(ids[0]!.slice(0, 16)))).toContain('国办发〔2019〕5号');
  });

  it('shows the subtitle, the 发文字号 and the history with its events in Chinese', async () => {
    const notice = (await wenshi(['show', ids[0]!, '--data', data])).stdout;
    expect(notice).toContain('发文字号 国办发〔2019〕5号');
    const regulation = (await wenshi(['show', ids[2]!, '--data', data])).stdout.split('\n');
    const at = regulation.indexOf('沿革 history:');
    expect(regulation.slice(at + 1, at + 3)).toEqual([
      '  2005-11-25 通过 青川省第十届人民代表大会常务委员会第十七次会议',
      '  2018-01-23 修正 青川省第十二届人民代表大会常务委员会第三十五次会议',
    ]);
    const report = (await wenshi(['show', ids[3]!, '--data', data])).stdout.split('\n');
    expect(report.slice(0, 2)).toEqual(['政府工作报告', '——2019年3月5日在第十三届全国人民代表大会第二次会议上']);
    const { json } = await wenshiJson<{ meta: { docNumber: string | null; history: unknown[] } }>(['show', ids[2]!, '--data', data]);
    expect(json.meta.history).toEqual(NUMBERED[2]!.meta.history);
  });

  it('filters by 发文字号 written with any brackets, with the 发文字号 facet', async () => {
    // Every bracket style is in the engine contract; here, the two a keyboard gives most easily.
    for (const written of ['国办发[2019]5号', '国办发（2019）5号']) {
      const { code, json } = await search('', '--doc-number', written, '--in', 'documents');
      expect(code, written).toBe(0);
      expect(json.hits.map((h) => h.docId), written).toEqual([ids[0]]);
      expect(json.facets.docNumber).toEqual({ [GUOBANFA.meta.docNumber!]: 1 });
    }
    const both = await search('政务新媒体', '--in', 'documents');
    expect(both.json.facets.docNumber).toEqual({ '国办发〔2019〕5号': 1, '国发〔2020〕12号': 1 });
    const all = await search('政务新媒体', '--type', 'notice', '--level', 'central', '--doc-number', '国发[2020]12号');
    expect(new Set(all.json.hits.map((h) => h.docId))).toEqual(new Set([ids[1]]));
  });

  it('takes the new types (regulation, law), and refuses a type that does not exist', async () => {
    const regulations = await search('', '--type', 'regulation', '--in', 'documents');
    expect(regulations.json.hits.map((h) => h.docId)).toEqual([ids[2]]);
    expect((await search('', '--type', 'law')).json).toMatchObject({ total: 0 });
    const wrong = await wenshi(['search', '河道', '--type', 'lwa', '--data', data]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/type must be one of .*law, regulation, reply.*not "lwa"/);
  });

  it('keeps the 发文字号 in the index rebuilt by reindex, and in a document re-indexed by reanalyze', async () => {
    const numbered = async () => (await search('', '--doc-number', '国办发〔2019〕5号', '--in', 'documents')).json;
    expect((await wenshi(['reindex', '--data', data])).code).toBe(0);
    expect((await numbered()).hits.map((h) => h.docId)).toEqual([ids[0]]);
    // A finding "older rules" made, so reanalyze finds the notice changed and indexes it again from the archive.
    const archive = new Archive(data);
    const sentence = '各地区各部门应当每年开展一次政务新媒体检查。';
    const start = archive.getDocument(ids[0]!)!.text.indexOf(sentence);
    archive.replaceAnalysis(ids[0]!, { findings: [{
      id: 'older-rules', docId: ids[0]!, clausePath: '', type: 'requirement', kind: 'obligation', modality: 'mandatory', marker: '应当',
      actor: null, actorFrom: null, action: null, object: null, frequency: null, quantity: null, deadline: null, condition: null, sanction: null,
      sentence, start, end: start + sentence.length, rule: 'older rules',
    }] });
    archive.close();
    const reanalyzed = await wenshiJson<{ changed: string[] }>(['reanalyze', '--data', data]);
    expect(reanalyzed.json.changed).toEqual([ids[0]]);
    expect(await numbered()).toMatchObject({ hits: [{ docId: ids[0] }], facets: { type: { notice: 1 }, docNumber: { '国办发〔2019〕5号': 1 } } });
  });
});
