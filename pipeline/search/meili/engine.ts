/**
 * The Meilisearch engine (`meilisearch` client 0.62, server ≥ MIN_MEILI_VERSION) for archives that
 * outgrow one machine. Each data folder has an index of its own (`indexUidFor`). Admin writes
 * (create the index, apply settings) happen only where an index is set up: on the first write to
 * an archive with no index yet, and in a rebuild; searches and stats only read, so a search-only
 * key serves them and they never wait behind indexing. Every write waits for its task, and a task
 * that did not succeed is an error. Snippets are built from the original text by the same code as
 * SQLite's, so escaping never depends on the server.
 * @module
 */
import { MeilisearchApiError, Meilisearch, type EnqueuedTaskPromise, type Index, type SearchParams, type SearchResponse, type Task } from 'meilisearch';
import { PipelineError } from '../../errors.js';
import { emptyFacets } from '../facets.js';
import { loadSearchConfig, type SearchConfig } from '../config.js';
import { resolveQuery } from '../options.js';
import { highlightAlternatives } from '../query.js';
import { matcherFor } from '../snippet.js';
import type { EngineStats, FacetName, Facets, IndexDocument, SearchEngine, SearchQuery, SearchResult } from '../types.js';
import { DOC_FACETS, filterExpressions, inList, kindAttribute, literal, meiliQuery, toRecords, type MeiliRecord } from './records.js';
import { HIT_ATTRIBUTES, hitOf, type HitRecord } from './hits.js';
import { buildingUid, indexUidFor, loadMeiliConfig, type MeiliConfig } from './settings.js';
import { assertSupportedVersion } from './version.js';

export interface MeiliEngineOptions {
  meiliUrl: string;
  /** A key allowed to manage the index (the master key or an admin key); a search-only key serves search and stats. */
  apiKey?: string;
  /** The archive's data folder; its index is named after it. @defaultValue `./data` */
  dataDir?: string;
  /** Folder of meilisearch.json, synonyms.json, stopwords.txt, lexicon.txt, set-phrases.txt. @defaultValue `search-config/` */
  configDir?: string;
  /** Index to use instead of the one named after the data folder (tests). */
  indexUid?: string;
  /** Milliseconds to wait for one task before giving up. @defaultValue `120000` */
  taskTimeoutMs?: number;
}

/** Records per addDocuments call. */
const BATCH = 5000;
/** Documents per prune filter, to keep filter expressions short. */
const PRUNE_BATCH = 100;
/** Document ids per page when a rebuild looks for what was written meanwhile. */
const REPLAY_PAGE = 1000;
/** Clocks of the writers and of this process may differ by this much; replaying more is harmless. */
const CLOCK_SLACK_MS = 5 * 60_000;
const SEARCH_KEY_NAME = 'wenshi-search';

const notFound = (err: unknown): boolean => err instanceof MeilisearchApiError && err.cause?.code === 'index_not_found';

export class MeiliEngine implements SearchEngine {
  readonly name = 'meilisearch';
  /** The live index: every search reads it. */
  readonly uid: string;
  readonly #client: Meilisearch;
  readonly #config: MeiliConfig;
  readonly #search: SearchConfig;
  readonly #timeout: number;
  /** Where upserts go: the live index, or the new one while a rebuild loads it. */
  #target: string;
  #checked: Promise<void> | undefined;
  #ready: Promise<void> | undefined;

  constructor(options: MeiliEngineOptions) {
    this.#client = new Meilisearch({ host: options.meiliUrl, ...(options.apiKey ? { apiKey: options.apiKey } : {}) });
    this.#config = loadMeiliConfig(options.configDir);
    this.#search = loadSearchConfig(options.configDir);
    this.#timeout = options.taskTimeoutMs ?? 120_000;
    this.uid = options.indexUid ?? indexUidFor(this.#config.prefix, options.dataDir ?? 'data');
    this.#target = this.uid;
  }

  #index(uid = this.uid): Index<MeiliRecord> {
    return this.#client.index<MeiliRecord>(uid);
  }

  /** The server's version, checked once: an older server fails here with ENGINE_UNSUPPORTED, not later mid-batch. */
  #checkVersion(): Promise<void> {
    this.#checked ??= this.#client.getVersion().then((v) => assertSupportedVersion(v.pkgVersion)).catch((err: unknown) => {
      this.#checked = undefined;
      throw err;
    });
    return this.#checked;
  }

  /** Waits for the task; anything but success is an error naming what was being done. */
  async #settle(task: EnqueuedTaskPromise, what: string): Promise<Task> {
    const done = await task.waitTask({ timeout: this.#timeout });
    if (done.status !== 'succeeded') {
      const reason = done.error ? `${done.error.code}: ${done.error.message}` : `task ended ${done.status}`;
      throw new PipelineError('TRANSIENT', `Meilisearch could not ${what} (task ${done.uid}): ${reason}`, 'index');
    }
    return done;
  }

  /** Creates the index `uid` with the settings from search-config. */
  async #create(uid: string): Promise<void> {
    await this.#settle(this.#client.createIndex(uid, { primaryKey: this.#config.primaryKey }), `create index ${uid}`);
    await this.#settle(this.#index(uid).updateSettings(this.#config.settings), `apply the settings of index ${uid}`);
  }

  async #exists(uid: string): Promise<boolean> {
    try {
      await this.#client.getIndex(uid);
      return true;
    } catch (err) {
      if (notFound(err)) return false;
      throw err;
    }
  }

  /** Creates the archive's index with its settings when it does not exist; an existing index is left as it is (`reindex` applies changed settings). */
  async ensureIndex(): Promise<void> {
    await this.#checkVersion();
    if (!(await this.#exists(this.uid))) await this.#create(this.uid);
  }

  /** Writes need the index; looked up once per engine instance. */
  #ensureReady(): Promise<void> {
    this.#ready ??= this.ensureIndex().catch((err: unknown) => {
      this.#ready = undefined;
      throw err;
    });
    return this.#ready;
  }

  async upsert(docs: readonly IndexDocument[]): Promise<void> {
    await this.#ensureReady();
    const index = this.#index(this.#target);
    const now = Date.now();
    const perDoc = docs.map((doc) => ({ id: doc.id, records: toRecords(doc, this.#search, now) }));
    const records = perDoc.flatMap((d) => d.records);
    for (let i = 0; i < records.length; i += BATCH) {
      await this.#settle(index.addDocuments(records.slice(i, i + BATCH)), 'add documents');
    }
    // Records are replaced in place by id; what remains beyond each document's new last unit is stale.
    for (let i = 0; i < perDoc.length; i += PRUNE_BATCH) {
      const filter = perDoc.slice(i, i + PRUNE_BATCH)
        .map((d) => `(docId = ${literal(d.id)} AND ord >= ${d.records.length})`)
        .join(' OR ');
      await this.#settle(index.deleteDocuments({ filter }), 'remove replaced units');
    }
  }

  async delete(docIds: readonly string[]): Promise<void> {
    await this.#ensureReady();
    for (let i = 0; i < docIds.length; i += PRUNE_BATCH) {
      const filter = inList('docId', docIds.slice(i, i + PRUNE_BATCH));
      await this.#settle(this.#index(this.#target).deleteDocuments({ filter }), 'delete documents');
    }
  }

  /** A read of the live index; an archive never written to has no index yet and reads as empty. */
  async #read(params: SearchParams & { q?: string }): Promise<SearchResponse<MeiliRecord> | null> {
    await this.#checkVersion();
    const { q = '', ...rest } = params;
    try {
      return await this.#index().search(q, rest);
    } catch (err) {
      if (notFound(err)) return null;
      throw err;
    }
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const resolved = resolveQuery(query, this.#search);
    const mode = resolved.in;
    const kinds = kindAttribute(mode);
    const response = await this.#read({
      q: meiliQuery(resolved.parsed, this.#search),
      filter: filterExpressions(resolved.filters, mode),
      // `kind` is counted for the total: totalHits stops at pagination.maxTotalHits, facet counts do not.
      facets: [...DOC_FACETS, kinds, 'kind'],
      page: resolved.page,
      hitsPerPage: resolved.limit,
      matchingStrategy: 'all',
      showRankingScore: true,
      attributesToRetrieve: [...HIT_ATTRIBUTES],
      ...(resolved.sort === 'date' ? { sort: ['date:desc'] } : {}),
      ...(mode === 'documents' ? { distinct: 'docId' } : {}),
    });
    const facets: Facets = emptyFacets();
    if (!response) return { total: 0, facets, hits: [] };
    const { kind: units = {}, ...distribution } = response.facetDistribution ?? {};
    for (const [name, counts] of Object.entries(distribution)) {
      facets[(name === kinds ? 'findingKind' : name) as FacetName] = { ...counts };
    }
    const matcher = matcherFor(highlightAlternatives(resolved.parsed));
    return {
      total: mode === 'documents' ? response.totalHits ?? 0 : units[mode === 'findings' ? 'finding' : 'clause'] ?? 0,
      facets,
      hits: response.hits.map((h) => hitOf(h as HitRecord, matcher)),
    };
  }

  /** Exact counts from facet counts (not capped like totalHits): units by kind, and documents as their first clauses. */
  async stats(): Promise<EngineStats> {
    const kinds = async (filter?: string) => (await this.#read({ facets: ['kind'], hitsPerPage: 0, page: 1, ...(filter ? { filter } : {}) }))?.facetDistribution?.kind ?? {};
    const [all, first] = await Promise.all([kinds(), kinds('ord = 0')]);
    let sizeBytes: number | null = null;
    try {
      sizeBytes = (await this.#index().getStats()).indexSize;
    } catch (err) {
      if (!notFound(err)) throw err;
    }
    return { engine: 'meilisearch', documents: first.clause ?? 0, clauses: all.clause ?? 0, findings: all.finding ?? 0, sizeBytes };
  }

  async clear(): Promise<void> {
    await this.#ensureReady();
    await this.#settle(this.#index(this.#target).deleteAllDocuments(), 'delete all documents');
  }

  /**
   * The key a browser may hold: search only, on this archive's index only. Created on first call,
   * found by name afterwards. Needs the master key.
   */
  async searchKey(): Promise<string> {
    const keys = await this.#client.getKeys({ limit: 1000 });
    const existing = keys.results.find((k) => k.name === SEARCH_KEY_NAME && k.indexes.includes(this.uid));
    if (existing) return existing.key;
    const created = await this.#client.createKey({
      name: SEARCH_KEY_NAME,
      description: 'wenshi: search-only key for browsers',
      actions: ['search'],
      indexes: [this.uid],
      expiresAt: null,
    });
    return created.key;
  }

  /** Meilisearch batches queued tasks itself; nothing to put off. */
  async bulkLoad<T>(load: () => Promise<T>): Promise<T> {
    return load();
  }

  /** Ids of the documents written to the live index since `since` (ms), read page by page. */
  async #writtenSince(since: number): Promise<string[]> {
    const ids = new Set<string>();
    for (let page = 1; ; page++) {
      const response = await this.#read({
        filter: [`indexedAt >= ${since - CLOCK_SLACK_MS}`, 'ord = 0'],
        attributesToRetrieve: ['docId'], page, hitsPerPage: REPLAY_PAGE,
      });
      for (const h of response?.hits ?? []) ids.add(h.docId);
      if (!response || response.hits.length < REPLAY_PAGE) return [...ids];
    }
  }

  /**
   * Builds a new index beside the live one (`<uid>_next`, created with the current settings),
   * loads it, replays the documents others wrote to the live index meanwhile, then swaps the two
   * in one task, as an Elasticsearch alias would: searches read the old index until the swap.
   * The old index, now under the `_next` name, is deleted. A rebuild that fails leaves the live
   * index as it was.
   */
  async rebuild<T>(load: () => Promise<T>, replay: (ids: string[]) => Promise<void>): Promise<T> {
    await this.#ensureReady();
    const next = buildingUid(this.uid);
    const started = Date.now();
    // A rebuild that died before its swap leaves its index behind.
    if (await this.#exists(next)) await this.#settle(this.#client.deleteIndex(next), `delete the leftover index ${next}`);
    await this.#create(next);
    this.#target = next;
    try {
      const result = await load();
      await replay(await this.#writtenSince(started));
      await this.#settle(this.#client.swapIndexes([{ indexes: [this.uid, next], rename: false }]), `swap ${next} in for ${this.uid}`);
      this.#target = this.uid;
      await this.#settle(this.#client.deleteIndex(next), `delete the old index, now ${next}`);
      return result;
    } finally {
      this.#target = this.uid;
    }
  }

  async close(): Promise<void> {
    // The client holds no connection to release.
  }
}
