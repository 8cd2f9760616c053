/**
 * The embedded search engine: SQLite FTS5 in its own file `<dataDir>/search.sqlite` (WAL).
 * Ranks on jieba search-mode words with BM25, and matches on Chinese character bigrams so any
 * string of two or more Chinese characters that occurs in a clause finds that clause.
 * @module
 */
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadSearchConfig, type SearchConfig } from '../config.js';
import { resolveQuery } from '../options.js';
import type { EngineStats, IndexDocument, SearchEngine, SearchQuery, SearchResult } from '../types.js';
import { ensureSchema, resetSchema, UNIT_KIND } from './schema.js';
import { SqliteSearcher } from './search.js';
import { Preparer } from './preparer.js';
import { prepareDoc, SqliteWriter } from './write.js';

export interface SqliteEngineOptions {
  /** Folder of the data; the index is `<dataDir>/search.sqlite`. */
  dataDir: string;
  /** Folder holding synonyms.json and stopwords.txt. @defaultValue the repository's `search-config/` */
  configDir?: string;
}

/** FTS5's defaults: merge once 4 segments of a level exist, force a merge at 16, 1 MiB of pending postings. */
const AUTOMERGE = 4;
const CRISISMERGE = 16;
const HASHSIZE = 1024 * 1024;
/**
 * During a bulk load: no merging (automerge 0) until this many segments pile up, and room for a
 * bulk transaction's pending postings (BULK_CHUNK_CHARS), so each transaction makes one segment.
 */
const BULK_CRISISMERGE = 1000;
const BULK_HASHSIZE = 512 * 1024 * 1024;

/** File name of the index inside the data folder. */
export const SQLITE_FILE = 'search.sqlite';

export class SqliteEngine implements SearchEngine {
  readonly name = 'sqlite';
  readonly path: string;
  readonly #db: Database.Database;
  readonly #config: SearchConfig;
  #writer: SqliteWriter | undefined;
  #searcher: SqliteSearcher | undefined;
  readonly #preparer = new Preparer();

  constructor(options: SqliteEngineOptions) {
    mkdirSync(options.dataDir, { recursive: true });
    this.path = join(options.dataDir, SQLITE_FILE);
    this.#db = new Database(this.path);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = NORMAL');
    this.#db.pragma('busy_timeout = 5000');
    this.#config = loadSearchConfig(options.configDir);
  }

  #ready(): { writer: SqliteWriter; searcher: SqliteSearcher } {
    if (!this.#writer || !this.#searcher) {
      ensureSchema(this.#db);
      this.#writer = new SqliteWriter(this.#db);
      this.#searcher = new SqliteSearcher(this.#db);
    }
    return { writer: this.#writer, searcher: this.#searcher };
  }

  async ensureIndex(): Promise<void> {
    this.#ready();
  }

  /**
   * Segmentation first, outside the write transaction. In a bulk load it runs on the segmentation
   * thread, so this thread writes a batch another call prepared meanwhile; elsewhere here, where a
   * worker process per core is the way to more CPU and a second thread would only compete with it.
   */
  async upsert(docs: readonly IndexDocument[]): Promise<void> {
    const prepared = this.#writer?.inBulk ? await this.#preparer.prepare(docs) : docs.map(prepareDoc);
    const { writer, searcher } = this.#ready();
    writer.write(prepared);
    searcher.invalidate();
  }

  async delete(docIds: readonly string[]): Promise<void> {
    const { writer, searcher } = this.#ready();
    writer.delete(docIds);
    searcher.invalidate();
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const resolved = resolveQuery(query, this.#config);
    return this.#ready().searcher.search(resolved);
  }

  async stats(): Promise<EngineStats> {
    this.#ready();
    const count = (sql: string, ...params: unknown[]) => this.#db.prepare(sql).pluck().get(...params) as number;
    let sizeBytes = 0;
    for (const suffix of ['', '-wal']) {
      try {
        sizeBytes += statSync(this.path + suffix).size;
      } catch {
        // No WAL file between checkpoints.
      }
    }
    return {
      engine: 'sqlite',
      documents: count('SELECT count(*) FROM docs'),
      clauses: count('SELECT count(*) FROM units WHERE (id & 1) = ?', UNIT_KIND.clause),
      findings: count('SELECT count(*) FROM units WHERE (id & 1) = ?', UNIT_KIND.finding),
      sizeBytes,
    };
  }

  async clear(): Promise<void> {
    this.#ready();
    this.#writer = undefined;
    this.#searcher = undefined;
    resetSchema(this.#db);
    this.#db.exec('VACUUM');
  }

  /** Merges the FTS5 segments into one: slower to write, fastest to query. For after a bulk load. */
  optimize(): void {
    this.#ready();
    this.#db.exec("INSERT INTO units_fts (units_fts) VALUES ('optimize')");
  }

  /**
   * FTS5 merges its segments as it goes (automerge 4). A bulk load writes in large transactions
   * (see {@link SqliteWriter.beginBulk}), each one segment, with merging off; when it ends, the
   * segments are merged into one (nothing to do when the load made only one). A load that fails
   * rolls back its open transaction. Upserts inside it segment on the segmentation thread.
   */
  async bulkLoad<T>(load: () => Promise<T>): Promise<T> {
    const { writer } = this.#ready();
    if (writer.inBulk) return load();
    this.#setUpkeep(0, BULK_CRISISMERGE, BULK_HASHSIZE);
    writer.beginBulk();
    let loaded = false;
    try {
      const result = await load();
      loaded = true;
      return result;
    } finally {
      try {
        writer.endBulk(loaded);
        this.#searcher?.invalidate();
        if (loaded) this.optimize();
      } finally {
        this.#setUpkeep(AUTOMERGE, CRISISMERGE, HASHSIZE);
      }
    }
  }

  #setUpkeep(automerge: number, crisismerge: number, hashsize: number): void {
    // Stored in the FTS5 table's config, so they outlive the connection: always put back.
    // (FTS5 takes these commands as literals only; bound, they fail.)
    this.#db.exec(`INSERT INTO units_fts (units_fts, rank) VALUES ('automerge', ${automerge});
      INSERT INTO units_fts (units_fts, rank) VALUES ('crisismerge', ${crisismerge});
      INSERT INTO units_fts (units_fts, rank) VALUES ('hashsize', ${hashsize});`);
  }

  async close(): Promise<void> {
    await this.#preparer.close();
    if (this.#db.open) this.#db.close();
  }
}
