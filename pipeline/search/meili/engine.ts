/**
 * The Meilisearch engine (`meilisearch` client 0.62) for archives that outgrow one machine.
 * Settings are applied before any document is added; every write waits for its task and a
 * task that did not succeed is an error. Snippets are built from the original text by the same
 * code as SQLite's, so escaping never depends on the server.
 * @module
 */
import { Meilisearch, type EnqueuedTaskPromise, type Index, type Task } from 'meilisearch';
import { PipelineError } from '../../errors.js';
import { emptyFacets } from '../facets.js';
import { loadSearchConfig, type SearchConfig } from '../config.js';
import { resolveQuery } from '../options.js';
import { highlightAlternatives } from '../query.js';
import { matcherFor } from '../snippet.js';
import type { EngineStats, FacetName, Facets, IndexDocument, SearchEngine, SearchQuery, SearchResult } from '../types.js';
import { DOC_FACETS, filterExpressions, inList, kindAttribute, literal, meiliQuery, toRecords, type MeiliRecord } from './records.js';
import { HIT_ATTRIBUTES, hitOf, type HitRecord } from './hits.js';
import { loadMeiliConfig, type MeiliConfig } from './settings.js';

export interface MeiliEngineOptions {
  meiliUrl: string;
  /** A key allowed to manage the index (the master key or an admin key). */
  apiKey?: string;
  /** Folder of meilisearch.json, synonyms.json, stopwords.txt, lexicon.txt, set-phrases.txt. @defaultValue `search-config/` */
  configDir?: string;
  /** Index to use. @defaultValue `index.uid` of meilisearch.json */
  indexUid?: string;
  /** Milliseconds to wait for one task before giving up. @defaultValue `120000` */
  taskTimeoutMs?: number;
}

/** Records per addDocuments call. */
const BATCH = 5000;
/** Documents per prune filter, to keep filter expressions short. */
const PRUNE_BATCH = 100;
const SEARCH_KEY_NAME = 'wenshi-search';

export class MeiliEngine implements SearchEngine {
  readonly name = 'meilisearch';
  readonly #client: Meilisearch;
  readonly #config: MeiliConfig;
  readonly #search: SearchConfig;
  readonly #timeout: number;
  #ready: Promise<void> | undefined;

  constructor(options: MeiliEngineOptions) {
    this.#client = new Meilisearch({ host: options.meiliUrl, ...(options.apiKey ? { apiKey: options.apiKey } : {}) });
    const config = loadMeiliConfig(options.configDir);
    this.#config = options.indexUid ? { ...config, uid: options.indexUid } : config;
    this.#search = loadSearchConfig(options.configDir);
    this.#timeout = options.taskTimeoutMs ?? 120_000;
  }

  get #index(): Index<MeiliRecord> {
    return this.#client.index<MeiliRecord>(this.#config.uid);
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

  async ensureIndex(): Promise<void> {
    const { uid, primaryKey, settings } = this.#config;
    const exists = (await this.#client.getIndexes({ limit: 1000 })).results.some((i) => i.uid === uid);
    if (!exists) await this.#settle(this.#client.createIndex(uid, { primaryKey }), `create index ${uid}`);
    await this.#settle(this.#index.updateSettings(settings), `apply the settings of index ${uid}`);
  }

  /** Settings go on before the first document, once per engine instance. */
  #ensureReady(): Promise<void> {
    this.#ready ??= this.ensureIndex().catch((err: unknown) => {
      this.#ready = undefined;
      throw err;
    });
    return this.#ready;
  }

  async upsert(docs: readonly IndexDocument[]): Promise<void> {
    await this.#ensureReady();
    const perDoc = docs.map((doc) => ({ id: doc.id, records: toRecords(doc) }));
    const records = perDoc.flatMap((d) => d.records);
    for (let i = 0; i < records.length; i += BATCH) {
      await this.#settle(this.#index.addDocuments(records.slice(i, i + BATCH)), 'add documents');
    }
    // Records are replaced in place by id; what remains beyond each document's new last unit is stale.
    for (let i = 0; i < perDoc.length; i += PRUNE_BATCH) {
      const filter = perDoc.slice(i, i + PRUNE_BATCH)
        .map((d) => `(docId = ${literal(d.id)} AND ord >= ${d.records.length})`)
        .join(' OR ');
      await this.#settle(this.#index.deleteDocuments({ filter }), 'remove replaced units');
    }
  }

  async delete(docIds: readonly string[]): Promise<void> {
    await this.#ensureReady();
    for (let i = 0; i < docIds.length; i += PRUNE_BATCH) {
      const filter = inList('docId', docIds.slice(i, i + PRUNE_BATCH));
      await this.#settle(this.#index.deleteDocuments({ filter }), 'delete documents');
    }
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const resolved = resolveQuery(query, this.#search);
    await this.#ensureReady();
    const mode = resolved.in;
    const kinds = kindAttribute(mode);
    const response = await this.#index.search(meiliQuery(resolved.parsed), {
      filter: filterExpressions(resolved.filters, mode),
      facets: [...DOC_FACETS, kinds],
      page: resolved.page,
      hitsPerPage: resolved.limit,
      matchingStrategy: 'all',
      showRankingScore: true,
      attributesToRetrieve: [...HIT_ATTRIBUTES],
      ...(resolved.sort === 'date' ? { sort: ['date:desc'] } : {}),
      ...(mode === 'documents' ? { distinct: 'docId' } : {}),
    });
    const facets: Facets = emptyFacets();
    for (const [name, counts] of Object.entries(response.facetDistribution ?? {})) {
      facets[(name === kinds ? 'findingKind' : name) as FacetName] = { ...counts };
    }
    const matcher = matcherFor(highlightAlternatives(resolved.parsed));
    return {
      total: response.totalHits,
      facets,
      hits: response.hits.map((h) => hitOf(h as HitRecord, matcher)),
    };
  }

  async stats(): Promise<EngineStats> {
    await this.#ensureReady();
    const count = async (filter: string, distinct?: string) => (await this.#index.search('', {
      filter, hitsPerPage: 0, page: 1, ...(distinct ? { distinct } : {}),
    })).totalHits;
    const indexStats = await this.#index.getStats();
    return {
      engine: 'meilisearch',
      documents: await count(`kind = ${literal('clause')}`, 'docId'),
      clauses: await count(`kind = ${literal('clause')}`),
      findings: await count(`kind = ${literal('finding')}`),
      sizeBytes: indexStats.indexSize,
    };
  }

  async clear(): Promise<void> {
    await this.#ensureReady();
    await this.#settle(this.#index.deleteAllDocuments(), 'delete all documents');
  }

  /**
   * The key a browser may hold: search only, on this index only. Created on first call, found
   * by name afterwards. Needs the master key.
   */
  async searchKey(): Promise<string> {
    const keys = await this.#client.getKeys({ limit: 1000 });
    const existing = keys.results.find((k) => k.name === SEARCH_KEY_NAME && k.indexes.includes(this.#config.uid));
    if (existing) return existing.key;
    const created = await this.#client.createKey({
      name: SEARCH_KEY_NAME,
      description: 'wenshi: search-only key for browsers',
      actions: ['search'],
      indexes: [this.#config.uid],
      expiresAt: null,
    });
    return created.key;
  }

  /** Meilisearch batches queued tasks itself; nothing to put off. */
  async bulkLoad<T>(load: () => Promise<T>): Promise<T> {
    return load();
  }

  /**
   * Rebuilds in place: cleared, then loaded. Not yet invisible to searches (they see the index fill
   * up); Meilisearch's swapIndexes would make it so. Writes meanwhile land in the same index, so
   * there is nothing to replay.
   */
  async rebuild<T>(load: () => Promise<T>, _replay: (ids: string[]) => Promise<void>): Promise<T> {
    await this.clear();
    return this.bulkLoad(load);
  }

  async close(): Promise<void> {
    // The client holds no connection to release.
  }
}
