/**
 * The Meilisearch engine against a real server: runs only when MEILI_URL is set (a server
 * cannot be installed where this project is built), reported as skipped otherwise.
 * @module
 */
import { Meilisearch } from 'meilisearch';
import { afterAll, describe, expect, it } from 'vitest';
import { PipelineError } from '../pipeline/errors.js';
import { loadSearchConfig } from '../pipeline/search/config.js';
import { MeiliEngine, parseQuery } from '../pipeline/search/index.js';
import { filterExpressions, gramWords, meiliQuery, synonymWord, synonymWords, toRecords } from '../pipeline/search/meili/records.js';
import { buildingUid, indexUidFor, loadMeiliConfig } from '../pipeline/search/meili/settings.js';
import { assertSupportedVersion, MIN_MEILI_VERSION, parseVersion } from '../pipeline/search/meili/version.js';
import { numberedDocuments, ownDocuments, runEngineSuite, seedDocuments } from './engine-contract.js';
import { tempDir } from './helpers/cli.js';

const search = loadSearchConfig();

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

  it('applies the settings from search-config when it creates the index', async () => {
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

  it('searches and counts with the search-only key: no admin write on the read path', async () => {
    const admin = new MeiliEngine(options);
    await admin.upsert(seedDocuments());
    const reader = new MeiliEngine({ ...options, apiKey: await admin.searchKey() });
    expect((await reader.search({ q: '政协' })).total).toBeGreaterThan(0);
    expect((await reader.stats()).documents).toBe(seedDocuments().length);
  });

  it('keeps two data folders apart: a rebuild of one leaves the other whole', async () => {
    const a = new MeiliEngine({ meiliUrl: url!, dataDir: tempDir(), ...(apiKey ? { apiKey } : {}) });
    const b = new MeiliEngine({ meiliUrl: url!, dataDir: tempDir(), ...(apiKey ? { apiKey } : {}) });
    expect(a.uid).not.toBe(b.uid);
    try {
      await a.upsert(seedDocuments());
      await b.upsert(seedDocuments());
      await a.rebuild(() => a.upsert(seedDocuments().slice(0, 2)), async () => {});
      expect((await a.stats()).documents).toBe(2);
      expect((await b.stats()).documents).toBe(seedDocuments().length);
    } finally {
      const client = new Meilisearch({ host: url!, ...(apiKey ? { apiKey } : {}) });
      for (const uid of [a.uid, b.uid]) await client.deleteIndex(uid).waitTask();
    }
  });
});

describe('meilisearch settings and translation (no server needed)', () => {
  it('builds the index settings from search-config', () => {
    const { prefix, primaryKey, settings } = loadMeiliConfig();
    expect({ prefix, primaryKey }).toEqual({ prefix: 'wenshi', primaryKey: 'id' });
    expect(settings.searchableAttributes).toEqual(['title', 'heading', 'text', 'titleGrams', 'textGrams', 'synonymTokens']);
    expect(settings.filterableAttributes).toEqual(expect.arrayContaining(['kind', 'docId', 'ord', 'indexedAt', 'type', 'year', 'docNumber', 'findingKinds']));
    expect(settings.localizedAttributes).toEqual([{ attributePatterns: ['title', 'heading', 'text'], locales: ['zho'] }]);
    expect(settings.synonyms?.['政协']).toEqual(['人民政协', '中国人民政治协商会议']);
    expect(settings.synonyms?.['党委']).toBeUndefined();
    expect(settings.stopWords).toContain('的');
    expect(settings.dictionary).toEqual(expect.arrayContaining(['双月协商座谈会', '政协委员联络工作站']));
    expect(settings.pagination?.maxTotalHits).toBeGreaterThanOrEqual(100_000);
    // Facets list every value up to this many (Meilisearch's default is 100; the old setting 200).
    expect(settings.faceting?.maxValuesPerFacet).toBeGreaterThanOrEqual(100_000);
  });

  it('names the index after the data folder, so two archives on one server never share one', () => {
    const a = indexUidFor('wenshi', '/srv/archive-a/data');
    expect(a).toMatch(/^wenshi_[0-9a-f]{16}$/);
    expect(indexUidFor('wenshi', '/srv/archive-b/data')).not.toBe(a);
    expect(indexUidFor('wenshi', '/srv/archive-a/./data/')).toBe(a);
    expect(new MeiliEngine({ meiliUrl: 'http://127.0.0.1:1', dataDir: '/srv/archive-a/data' }).uid).toBe(a);
    expect(new MeiliEngine({ meiliUrl: 'http://127.0.0.1:1', dataDir: '/srv/archive-a/data', indexUid: 'x' }).uid).toBe('x');
    expect(buildingUid(a)).toBe(`${a}_next`);
  });

  it('accepts a server from the minimum version on and refuses an older one by name', () => {
    expect(parseVersion('1.18.2')).toEqual([1, 18, 2]);
    expect(parseVersion('v1.20.0-rc.1')).toEqual([1, 20, 0]);
    expect(parseVersion('latest')).toBeNull();
    for (const ok of [MIN_MEILI_VERSION, '1.18.3', '1.19.0', '2.0.0']) expect(() => assertSupportedVersion(ok)).not.toThrow();
    for (const old of ['1.17.9', '1.9.0', '0.30.5', 'nightly']) {
      const err = (() => { try { assertSupportedVersion(old); } catch (e) { return e; } return null; })();
      expect(err).toBeInstanceOf(PipelineError);
      expect((err as PipelineError).code).toBe('ENGINE_UNSUPPORTED');
      expect((err as PipelineError).message).toContain(MIN_MEILI_VERSION);
    }
  });

  it('stores each unit with folded searchable fields and the original for display', () => {
    const traditional = ownDocuments()[1]!;
    const [first] = toRecords(traditional, search);
    expect(first).toMatchObject({ docId: 'own-traditional', kind: 'clause', ord: 0, path: '', title: '政协工作报告', rawTitle: '政協工作報告' });
    expect(first!.text).toContain('双月协商座谈会');
    expect(first!.rawText).toContain('雙月協商座談會');
    expect(first!.id).toMatch(/^[A-Za-z0-9_-]+$/);
    const rules = toRecords(ownDocuments()[0]!, search);
    expect(rules.filter((r) => r.kind === 'finding').map((r) => r.findingKind)).toEqual(['meeting', 'meeting', 'training']);
    expect(rules.find((r) => r.path === '二/1' && r.kind === 'clause')?.findingKinds).toEqual(['training']);
    const notice = numberedDocuments().find((d) => d.id === 'own-notice-2019')!;
    expect(new Set(toRecords(notice, search).map((r) => r.docNumber))).toEqual(new Set(['国办发〔2019〕5号']));
  });

  it('gives every substring of two or more Han characters a phrase of bigram words that occurs in its record', () => {
    expect(gramWords('协商民主 建设')).toHaveLength(4);
    expect(gramWords('协商民主 建设').every((w) => /^q[a-p]{10}$/.test(w))).toBe(true);
    let checked = 0;
    for (const record of seedDocuments().flatMap((d) => toRecords(d, search)).slice(0, 40)) {
      const grams = ` ${record.textGrams} `;
      for (const run of record.text.match(/\p{Script=Han}{2,}/gu) ?? []) {
        for (let i = 0; i + 2 <= run.length; i += 3) {
          const sub = run.slice(i, i + 2 + (i % 3));
          if ([...sub].length < 2 || search.synonyms.has(sub)) continue;
          // The query's phrase, quotes dropped, is a run of consecutive words of the record.
          const phrase = meiliQuery(parseQuery(`"${sub}"`), search).replace(/"/g, '');
          expect(grams, sub).toContain(` ${phrase} `);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(200);
  });

  it('settles synonyms in the record: a unit holding any member of a group carries the token its members are searched by', () => {
    const rules = toRecords(ownDocuments()[0]!, search);
    const preamble = rules.find((r) => r.ord === 0)!;
    expect(preamble.rawText).toContain('中国人民政治协商会议');
    expect(preamble.synonymTokens.split(' ')).toContain(synonymWord('政协'));
    expect(meiliQuery(parseQuery('政协'), search)).toBe(synonymWord('政协'));
    expect(synonymWords('本届政协常委会', search)).toEqual(expect.arrayContaining([synonymWord('政协'), synonymWord('常务委员会')]));
    expect(synonymWords('中共柳州县委员会', search)).toContain(synonymWord('党委'));
    expect(synonymWords('协商民主建设', search)).toEqual([]);
  });

  it('translates queries and filters into Meilisearch syntax', () => {
    const phrase = (s: string) => `"${gramWords(s).join(' ')}"`;
    expect(meiliQuery(parseQuery('協商民主 "民主 监督" -培训'), search)).toBe(`${phrase('协商民主')} ${phrase('民主')} ${phrase('监督')} -${phrase('培训')}`);
    expect(meiliQuery(parseQuery('雙月協商座談會'), search)).toBe(synonymWord('双月协商座谈会'));
    expect(meiliQuery(parseQuery('G20 峰会'), search)).toBe(`g20 ${phrase('峰会')}`);
    expect(filterExpressions({ type: ['opinion', 'notice'], yearFrom: 2019, yearTo: 2021, findingKind: 'meeting' }, 'clauses')).toEqual([
      'kind = "clause"', 'type IN ["opinion", "notice"]', 'year >= 2019', 'year <= 2021', 'findingKinds IN ["meeting"]',
    ]);
    expect(filterExpressions({ issuer: '区委"办"' }, 'findings')).toEqual(['kind = "finding"', 'issuer IN ["区委\\"办\\""]']);
    expect(filterExpressions({ type: 'law', docNumber: ['国发〔2019〕5号'] }, 'documents')).toEqual([
      'kind = "clause"', 'type IN ["law"]', 'docNumber IN ["国发〔2019〕5号"]',
    ]);
  });
});
