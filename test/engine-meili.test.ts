/**
 * The Meilisearch engine against a real server: runs only when MEILI_URL is set (a server
 * cannot be installed where this project is built), reported as skipped otherwise.
 * @module
 */
import { Meilisearch } from 'meilisearch';
import { afterAll, describe, expect, it } from 'vitest';
import { MeiliEngine, parseQuery } from '../pipeline/search/index.js';
import { filterExpressions, meiliQuery, toRecords } from '../pipeline/search/meili/records.js';
import { loadMeiliConfig } from '../pipeline/search/meili/settings.js';
import { numberedDocuments, ownDocuments, runEngineSuite } from './engine-contract.js';

const url = process.env.MEILI_URL;
const apiKey = process.env.MEILI_API_KEY;
const indexUid = `wenshi_test_${process.pid}`;
const options = { meiliUrl: url ?? '', indexUid, ...(apiKey ? { apiKey } : {}) };

runEngineSuite({
  name: 'meilisearch',
  newEngine: () => new MeiliEngine(options),
  ...(url ? {} : { skip: 'MEILI_URL is not set; no Meilisearch server to test against' }),
});

describe.skipIf(!url)(url ? 'meilisearch engine' : 'meilisearch engine (skipped: MEILI_URL is not set)', () => {
  afterAll(async () => {
    const client = new Meilisearch({ host: url!, ...(apiKey ? { apiKey } : {}) });
    await client.deleteIndex(indexUid).waitTask();
  });

  it('applies the settings from search-config before any document is added', async () => {
    const engine = new MeiliEngine(options);
    await engine.ensureIndex();
    const client = new Meilisearch({ host: url!, ...(apiKey ? { apiKey } : {}) });
    const settings = await client.index(indexUid).getSettings();
    expect(settings.searchableAttributes).toEqual(['title', 'heading', 'text']);
    expect(settings.dictionary).toContain('双月协商座谈会');
    expect(settings.synonyms?.['政协']).toContain('人民政协');
    expect(settings.localizedAttributes?.[0]?.locales).toEqual(['zho']);
  });

  it('hands out a search-only key', async () => {
    const engine = new MeiliEngine(options);
    const key = await engine.searchKey();
    const client = new Meilisearch({ host: url!, ...(apiKey ? { apiKey } : {}) });
    const found = (await client.getKeys()).results.find((k) => k.key === key);
    expect(found?.actions).toEqual(['search']);
    expect(found?.indexes).toEqual([indexUid]);
    expect(await engine.searchKey()).toBe(key);
  });
});

describe('meilisearch settings and translation (no server needed)', () => {
  it('builds the index settings from search-config', () => {
    const { uid, primaryKey, settings } = loadMeiliConfig();
    expect({ uid, primaryKey }).toEqual({ uid: 'wenshi_units', primaryKey: 'id' });
    expect(settings.searchableAttributes).toEqual(['title', 'heading', 'text']);
    expect(settings.filterableAttributes).toEqual(expect.arrayContaining(['docId', 'ord', 'type', 'year', 'docNumber', 'findingKinds']));
    expect(settings.localizedAttributes).toEqual([{ attributePatterns: ['title', 'heading', 'text'], locales: ['zho'] }]);
    expect(settings.synonyms?.['政协']).toEqual(['人民政协', '中国人民政治协商会议']);
    expect(settings.synonyms?.['党委']).toBeUndefined();
    expect(settings.stopWords).toContain('的');
    expect(settings.dictionary).toEqual(expect.arrayContaining(['双月协商座谈会', '政协委员联络工作站']));
    expect(settings.pagination?.maxTotalHits).toBeGreaterThanOrEqual(100_000);
  });

  it('stores each unit with folded searchable fields and the original for display', () => {
    const traditional = ownDocuments()[1]!;
    const [first] = toRecords(traditional);
    expect(first).toMatchObject({ docId: 'own-traditional', kind: 'clause', ord: 0, path: '', title: '政协工作报告', rawTitle: '政協工作報告' });
    expect(first!.text).toContain('双月协商座谈会');
    expect(first!.rawText).toContain('雙月協商座談會');
    expect(first!.id).toMatch(/^[A-Za-z0-9_-]+$/);
    const rules = toRecords(ownDocuments()[0]!);
    expect(rules.filter((r) => r.kind === 'finding').map((r) => r.findingKind)).toEqual(['meeting', 'meeting', 'training']);
    expect(rules.find((r) => r.path === '二/1' && r.kind === 'clause')?.findingKinds).toEqual(['training']);
    const notice = numberedDocuments().find((d) => d.id === 'own-notice-2019')!;
    expect(new Set(toRecords(notice).map((r) => r.docNumber))).toEqual(new Set(['国办发〔2019〕5号']));
  });

  it('translates queries and filters into Meilisearch syntax', () => {
    expect(meiliQuery(parseQuery('雙月協商座談會 "民主 监督" -培训'))).toBe('双月协商座谈会 "民主 监督" -培训');
    expect(filterExpressions({ type: ['opinion', 'notice'], yearFrom: 2019, yearTo: 2021, findingKind: 'meeting' }, 'clauses')).toEqual([
      'kind = "clause"', 'type IN ["opinion", "notice"]', 'year >= 2019', 'year <= 2021', 'findingKinds IN ["meeting"]',
    ]);
    expect(filterExpressions({ issuer: '区委"办"' }, 'findings')).toEqual(['kind = "finding"', 'issuer IN ["区委\\"办\\""]']);
    expect(filterExpressions({ type: 'law', docNumber: ['国发〔2019〕5号'] }, 'documents')).toEqual([
      'kind = "clause"', 'type IN ["law"]', 'docNumber IN ["国发〔2019〕5号"]',
    ]);
  });
});
