/**
 * The embedded search engine: SQLite FTS5 in its own file `<dataDir>/search.sqlite` (WAL).
 * Ranks on jieba search-mode words with BM25, and matches on Chinese character bigrams so any
 * string of two or more Chinese characters that occurs in a clause finds that clause.
 * @module
 */
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { prepareCuts } from '../../segment/index.js';
import { ArchiveTexts } from '../../store/texts.js';
import { loadSearchConfig, type SearchConfig } from '../config.js';
import { resolveQuery } from '../options.js';
import type { EngineStats, IndexDocument, SearchEngine, SearchQuery, SearchResult } from '../types.js';
import { beginGeneration, buildingGeneration, dropOtherGenerations, ensureSchema, liveGeneration, resetTables, swapGeneration, tableSet, takeChanges, type TableSet } from './schema.js';
import { SqliteSearcher } from './search.js';
import { bodyWordUnits, dropTopLists, frequentWords, HAN_WORD, LIST_MIN_UNITS, TERM_RANGES } from './toplists.js';
import { matchPlan } from './match.js';
import { Preparer } from './preparer.js';
import { dropPhraseCounts, phrasesOf } from './ranking.js';
import { revived, revivedStamp, shareTasks, THREAD_MIN_UNITS, WarmThread } from './warmer.js';
import { prepareDoc, SqliteWriter, writableDoc, type TextsHeld, type WritableDoc } from './write.js';

export interface SqliteEngineOptions {
  /** Folder of the data; the index is `<dataDir>/search.sqlite`. */
  dataDir: string;
  /** Folder holding synonyms.json and stopwords.txt. @defaultValue the repository's `search-config/` */
  configDir?: string;
  /**
   * Top lists of frequent queries (see toplists.ts); false or null searches without them, every
   * query ranked in full. @defaultValue `true`
   */
  topLists?: boolean | null;
}

/** Words whose lists {@link SqliteEngine.warmTopLists} makes: the most frequent by units and by documents, as researchers type them. */
const WARM_WORDS = 64;

/** Phrases a task of {@link SqliteEngine.warmTopLists}' counting holds: ~9 ms of counting at full scale, so both threads stay busy to the end. */
const COUNT_TASK = 16;

/** FTS5's defaults: merge once 4 segments of a level exist, force a merge at 16, 1 MiB of pending postings. */
const AUTOMERGE = 4;
export const CRISISMERGE = 16;
const HASHSIZE = 1024 * 1024;
/**
 * During a bulk load: no merging (automerge 0) until this many segments pile up, and room for a
 * bulk transaction's pending postings (BULK_CHUNK_CHARS), so each transaction makes one segment.
 */
const BULK_CRISISMERGE = 1000;
const BULK_HASHSIZE = 512 * 1024 * 1024;
/** Pending postings a group may hold (see {@link SqliteEngine.writeGrouped}): ~12 bytes per character of text. */
export const GROUP_HASHSIZE = 64 * 1024 * 1024;

/**
 * How much of the search file a search reads through a memory map (SQLite's largest). A new query
 * reads its phrases' doclists from the OS cache: copied page by page into the 2 MB page cache
 * (one pread each, evicted by the next big doclist), its first evaluation cost 8-18 ms more than a
 * second one for 条例 依照 and 主管 主管部门 县级 at full scale; mapped, 2-4 ms. Writes turn it
 * off: the pages their reads (FTS5 merges, optimize) touch would count in the process's RSS
 * (ingest 371 -> 565 MB, reindex 346 -> 701 MB with the map always on).
 */
const SEARCH_MMAP_BYTES = 0x7fff0000;

/** File name of the index inside the data folder. */
export const SQLITE_FILE = 'search.sqlite';

/** Pages an incremental vacuum frees, or an FTS5 merge writes, per transaction: writers get the lock between steps. */
const VACUUM_STEP = 4096;
const MERGE_STEP = 1000;
/**
 * A rebuild commits each batch it writes (a chunk of 1 character is reached by any batch): other
 * processes keep writing the live index meanwhile, waiting at most one batch for the lock instead
 * of a whole bulk chunk, which can outlast their busy timeout.
 */
const REBUILD_CHUNK_CHARS = 1;

export class SqliteEngine implements SearchEngine {
  readonly name = 'sqlite';
  readonly path: string;
  /** The data folder, whose archive's texts the index keeps no copy of. */
  readonly dataDir: string;
  readonly #db: Database.Database;
  readonly #config: SearchConfig;
  #schemaReady = false;
  /** Writers and searchers per generation; those of a generation no longer live are dropped. */
  readonly #writers = new Map<number, SqliteWriter>();
  readonly #searchers = new Map<number, SqliteSearcher>();
  /** The tables of the open group's transaction (see {@link writeGrouped}). */
  #group: TableSet | null = null;
  /** Set during a bulk load or a rebuild: this engine's own writes go straight to that writer. */
  #direct: SqliteWriter | undefined;
  readonly #preparer = new Preparer();
  readonly #topLists: boolean;
  /** The data folder's archive texts, which the index then keeps no copy of (text-chunks.ts). */
  readonly #archived: ArchiveTexts;
  /** True while searches read the file through a memory map (see SEARCH_MMAP_BYTES). */
  #mapped = false;

  constructor(options: SqliteEngineOptions) {
    mkdirSync(options.dataDir, { recursive: true });
    this.dataDir = options.dataDir;
    this.path = join(options.dataDir, SQLITE_FILE);
    this.#db = new Database(this.path);
    // A new file frees the pages of a replaced generation back to the file system (see #shrink);
    // the mode can only be chosen before the first table exists.
    if (this.#db.prepare("SELECT count(*) FROM sqlite_master").pluck().get() === 0) this.#db.pragma('auto_vacuum = INCREMENTAL');
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = NORMAL');
    this.#db.pragma('busy_timeout = 5000');
    this.#config = loadSearchConfig(options.configDir);
    this.#topLists = options.topLists !== false && options.topLists !== null;
    this.#archived = new ArchiveTexts(options.dataDir);
  }

  /**
   * Maps the file for reading, or stops; outside a transaction only, where SQLite applies the
   * change at once. Not while a bulk load, a rebuild or a group writes: a search meanwhile reads as
   * their writes do.
   */
  #mapReads(on: boolean): void {
    if (this.#mapped === on || this.#db.inTransaction || (on && (this.#direct !== undefined || this.#group !== null))) return;
    this.#db.pragma(`mmap_size = ${on ? SEARCH_MMAP_BYTES : 0}`);
    this.#mapped = on;
  }

  #ready(): void {
    if (this.#schemaReady) return;
    ensureSchema(this.#db);
    this.#schemaReady = true;
  }

  #writerFor(t: TableSet): SqliteWriter {
    let writer = this.#writers.get(t.gen);
    if (!writer) {
      writer = new SqliteWriter(this.#db, t, undefined, this.#archived);
      this.#writers.set(t.gen, writer);
    }
    return writer;
  }

  /** The live generation's searcher, inside the caller's read transaction. */
  #searcher(): SqliteSearcher {
    const gen = liveGeneration(this.#db);
    let searcher = this.#searchers.get(gen);
    if (!searcher) {
      // A rebuild swapped generations: the old one's statements and document table go.
      this.#searchers.clear();
      searcher = new SqliteSearcher(this.#db, tableSet(gen), this.#topLists, this.#archived);
      this.#searchers.set(gen, searcher);
    }
    return searcher;
  }

  /** Runs `read` in one read transaction: every statement of it sees the same snapshot. */
  #read<T>(read: () => T): T {
    this.#ready();
    return this.#db.transaction(read)();
  }

  #invalidate(): void {
    for (const searcher of this.#searchers.values()) searcher.invalidate();
  }

  async ensureIndex(): Promise<void> {
    this.#ready();
  }

  /**
   * Writes to the live generation, resolved inside the write transaction so a swap by another
   * process is never written past; while a rebuild runs, the ids are logged for it to write again.
   */
  #writeLive(ids: readonly string[], write: (writer: SqliteWriter) => void): void {
    this.#ready();
    this.#mapReads(false);
    this.#db.transaction(() => {
      const live = liveGeneration(this.#db);
      // A rebuild elsewhere swapped generations: the writer of the old one (its tables dropped) goes.
      for (const gen of this.#writers.keys()) if (gen !== live) this.#writers.delete(gen);
      write(this.#writerFor(tableSet(live)));
      if (buildingGeneration(this.#db) !== null) {
        const log = this.#db.prepare('INSERT OR IGNORE INTO index_changes (id) VALUES (?)');
        for (const id of ids) log.run(id);
      }
    }).immediate();
  }

  /**
   * Segmentation first, outside the write transaction. In a bulk load it runs on the segmentation
   * thread, so this thread writes a batch another call prepared meanwhile; elsewhere here, where a
   * worker process per core is the way to more CPU and a second thread would only compete with it.
   */
  async upsert(docs: readonly IndexDocument[]): Promise<void> {
    const direct = this.#direct;
    const prepared = (direct?.inBulk ? await this.#preparer.prepare(docs) : docs.map(prepareDoc)).map(writableDoc);
    if (direct) direct.write(prepared);
    else this.#writeLive(docs.map((d) => d.id), (writer) => writer.write(prepared));
    this.#invalidate();
  }

  /**
   * Writes documents whose column text was made ahead (on a content thread, see content.ts) into
   * the group's write transaction, opened by the first such write and committed by
   * {@link endGroup}: one commit and one FTS5 segment for many sources, where a transaction per
   * source made a segment each, to be merged again (2.1 of 15 CPU seconds of an ingest went to
   * those commits). No savepoint per call (FTS5 writes a segment at each): a write that throws
   * leaves the group to be rolled back. `committedFirst`: see {@link SqliteWriter.writeOpen}.
   */
  writeGrouped(prepared: readonly WritableDoc[], committedFirst?: TextsHeld): void {
    const t = (this.#group ??= this.#openGroup());
    this.#writerFor(t).writeOpen(prepared, committedFirst);
    if (buildingGeneration(this.#db) !== null) {
      const log = this.#db.prepare('INSERT OR IGNORE INTO index_changes (id) VALUES (?)');
      for (const p of prepared) log.run(p.id);
    }
  }

  /** Takes the write lock and the live generation, as {@link #writeLive} does, for a group. */
  #openGroup(): TableSet {
    this.#ready();
    this.#mapReads(false);
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const live = liveGeneration(this.#db);
      for (const gen of this.#writers.keys()) if (gen !== live) this.#writers.delete(gen);
      const t = tableSet(live);
      // Room for the whole group's pending postings, so it is written as one segment at the commit;
      // and no merging after that flush but FTS5's crisis merge (16 segments of a level into one):
      // automerge's incremental merges after every flush rewrote the growing index about once per
      // level (full scale corpus: 9 of 53 main-thread CPU seconds, and the index ends with about
      // as many segments either way, 13 against 14). Set back before the commit, whose flush then
      // still merges nothing.
      this.#setUpkeep(t, 0, CRISISMERGE, GROUP_HASHSIZE);
      return t;
    } catch (err) {
      this.#db.exec('ROLLBACK');
      throw err;
    }
  }

  /** Commits the group's transaction, or rolls it back; one whose commit fails leaves nothing. */
  endGroup(commit: boolean): void {
    const t = this.#group;
    this.#group = null;
    if (!t) return;
    try {
      this.#writerFor(t).settleTexts(commit);
      if (commit) {
        this.#setUpkeep(t, AUTOMERGE, CRISISMERGE, HASHSIZE);
        this.#db.exec('COMMIT');
      }
    } finally {
      if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
      this.#invalidate();
    }
  }

  async delete(docIds: readonly string[]): Promise<void> {
    if (this.#direct) this.#direct.delete(docIds);
    else this.#writeLive(docIds, (writer) => writer.delete(docIds));
    this.#invalidate();
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const resolved = resolveQuery(query, this.#config);
    this.#mapReads(true);
    let searcher: SqliteSearcher | undefined;
    const result = this.#read(() => (searcher = this.#searcher()).search(resolved));
    this.#persist(searcher!);
    return result;
  }

  /** What a search made (lists, phrase counts) is written after its read transaction; inside a bulk load's, it would commit with the load. */
  #persist(searcher: SqliteSearcher): void {
    if (!this.#db.inTransaction) searcher.persist();
  }

  /**
   * Makes the top lists of the WARM_WORDS most frequent words by units and by documents (of the body words the index holds)
   * that match enough units, so their first search reads a list instead of ranking every match.
   * Run after a bulk load and a rebuild; returns the words that have a list.
   */
  async warmTopLists(): Promise<string[]> {
    if (!this.#topLists) return [];
    const [gen, units] = this.#read(() => {
      const live = liveGeneration(this.#db);
      return [live, this.#db.prepare(`SELECT coalesce(sum(clauses + findings), 0) FROM ${tableSet(live).docs}`).pluck().get() as number] as const;
    });
    const t = tableSet(gen);
    // Both parts shared with a thread of its own (warmer.ts); the lists are written here, each as it comes.
    const thread = units >= THREAD_MIN_UNITS ? WarmThread.start({ path: this.path, gen }) : null;
    try {
      const ranges = TERM_RANGES.map((range, index) => ({ index, range, minUnits: LIST_MIN_UNITS }));
      const scanned = await shareTasks(ranges, thread, (r) => this.#read(() => bodyWordUnits(this.#db, t, r.minUnits, r.range)),
        (reply) => ('terms' in reply ? reply.terms : []), (r) => r);
      await this.#countPhrases(scanned.flat().map(([term]) => term).filter((term) => HAN_WORD.test(term)), thread);
      const words = this.#read(() => frequentWords(this.#db, t, WARM_WORDS, LIST_MIN_UNITS, scanned.flat()));
      prepareCuts(words);
      const items = words.map((q, index) => {
        const query = resolveQuery({ q }, this.#config);
        return { index, query, plan: matchPlan(query.parsed) };
      });
      const kept = await shareTasks(items, thread, ({ query, plan }) => {
        let searcher: SqliteSearcher | undefined;
        const made = this.#read(() => (searcher = this.#searcher()).warm(query, plan));
        this.#persist(searcher!);
        return made;
      }, (reply) => {
        if (!('lists' in reply)) return false;
        let searcher: SqliteSearcher | undefined;
        this.#read(() => (searcher = this.#searcher()).adoptLists(reply.lists.map(revived)));
        this.#persist(searcher!);
        return reply.kept;
      }, (item) => item);
      return words.filter((_, i) => kept[i]);
    } finally {
      await thread?.close();
    }
  }

  /**
   * Counts and stores the rows of each phrase a search of one of `terms` ranks with (ranking.ts), on
   * both threads: the Han words of two or more characters in LIST_MIN_UNITS body units or more, whose
   * counts cost most (full scale: 1,561 phrases of 1,296 words, 0.9–1.2 CPU s; single characters, prefix
   * queries nobody types as a word, would add 0.7–1.1 s for 126 more). Their top lists, made next, use
   * them too. Without native ranking, nothing is counted.
   */
  async #countPhrases(terms: readonly string[], thread: WarmThread | null): Promise<void> {
    if (!this.#read(() => this.#searcher().ranksNatively)) return;
    prepareCuts(terms);
    const phrases = [...new Set(terms.flatMap((q) => {
      const match = matchPlan(resolveQuery({ q }, this.#config).parsed).match;
      return match === null ? [] : phrasesOf(match);
    }))];
    const tasks = Array.from({ length: Math.ceil(phrases.length / COUNT_TASK) }, (_, index) => ({ index, phrases: phrases.slice(index * COUNT_TASK, (index + 1) * COUNT_TASK) }));
    await shareTasks(tasks, thread, ({ phrases }) => {
      this.#read(() => this.#searcher().countPhrases(phrases));
    }, (reply) => {
      if (!('counted' in reply) || !reply.counted) return;
      const { stamp, counts } = reply.counted;
      this.#read(() => this.#searcher().adoptCounts(revivedStamp(stamp), counts));
    }, (task) => task);
    // Written once, before the lists: the warming thread reads them from the file.
    this.#persist(this.#read(() => this.#searcher()));
  }

  async stats(): Promise<EngineStats> {
    const counts = this.#read(() => {
      const t = tableSet(liveGeneration(this.#db));
      const count = (sql: string, ...params: unknown[]) => this.#db.prepare(sql).pluck().get(...params) as number;
      return {
        documents: count(`SELECT count(*) FROM ${t.docs}`),
        clauses: count(`SELECT coalesce(sum(clauses), 0) FROM ${t.docs}`),
        findings: count(`SELECT coalesce(sum(findings), 0) FROM ${t.docs}`),
      };
    });
    let sizeBytes = 0;
    for (const suffix of ['', '-wal']) {
      try {
        sizeBytes += statSync(this.path + suffix).size;
      } catch {
        // No WAL file between checkpoints.
      }
    }
    return { engine: 'sqlite', ...counts, sizeBytes };
  }

  async clear(): Promise<void> {
    this.#ready();
    this.#mapReads(false);
    this.#writers.clear();
    this.#searchers.clear();
    this.#db.transaction(() => {
      resetTables(this.#db, tableSet(liveGeneration(this.#db)));
      dropTopLists(this.#db);
      dropPhraseCounts(this.#db);
    }).immediate();
    this.#db.exec('VACUUM');
  }

  /**
   * Gives the file's free pages back, for after a bulk load: FTS5's crisis merges during the load
   * free the pages of the segments they merge, 13–43 MB of a full-scale index depending on when the
   * last merge fell, which a later load would reuse but a one-off load would keep as dead weight.
   */
  compact(): void {
    this.#shrink();
  }

  /** Merges the FTS5 segments into one: slower to write, fastest to query. For after a bulk load. */
  optimize(): void {
    this.#ready();
    this.#optimize(tableSet(liveGeneration(this.#db)));
  }

  #optimize(t: TableSet): void {
    this.#mapReads(false);
    this.#db.exec(`INSERT INTO ${t.fts} (${t.fts}) VALUES ('optimize')`);
  }

  /**
   * FTS5 merges its segments as it goes (automerge 4). A bulk load writes in large transactions
   * (see {@link SqliteWriter.beginBulk}), each one segment, with merging off; when it ends, the
   * segments are merged into one (nothing to do when the load made only one). A load that fails
   * rolls back its open transaction. Upserts inside it segment on the segmentation thread. It
   * writes the live generation as it is when the load starts.
   */
  async bulkLoad<T>(load: () => Promise<T>): Promise<T> {
    this.#ready();
    if (this.#direct) return load();
    const result = await this.#bulk(tableSet(liveGeneration(this.#db)), load);
    await this.warmTopLists();
    return result;
  }

  /** A bulk load into `t`; merged at the end in one optimize, or in short steps (`stepwise`) for a rebuild. */
  async #bulk<T>(t: TableSet, load: () => Promise<T>, stepwise = false): Promise<T> {
    this.#mapReads(false);
    const writer = this.#writerFor(t);
    this.#setUpkeep(t, 0, BULK_CRISISMERGE, BULK_HASHSIZE);
    writer.beginBulk();
    this.#direct = writer;
    let loaded = false;
    try {
      const result = await load();
      loaded = true;
      return result;
    } finally {
      this.#direct = undefined;
      // Only a bulk load segments on the thread: what follows (a rebuild's replays, the top lists) runs
      // without its heap and jieba's dictionary (a full scale reindex peaked beside it: 410–429 → 372 MB).
      await this.#preparer.stop();
      try {
        writer.endBulk(loaded);
        this.#invalidate();
        if (loaded && stepwise) this.#mergeStepwise(t);
        else if (loaded) this.#optimize(t);
      } finally {
        this.#setUpkeep(t, AUTOMERGE, CRISISMERGE, HASHSIZE);
      }
    }
  }

  /**
   * Builds a new generation beside the live one, which searches keep reading, and swaps it in
   * with one committed row. Documents other processes write to the live generation meanwhile are
   * logged; `replay` writes them again (this engine's upserts go to the new generation until the
   * swap), the last of them inside the swap's own write transaction so none falls in between.
   * The replaced generation's tables are dropped after, and its pages freed step by step.
   */
  async rebuild<T>(load: () => Promise<T>, replay: (ids: string[]) => Promise<void>): Promise<T> {
    this.#ready();
    const target = beginGeneration(this.#db);
    this.#writers.set(target.gen, new SqliteWriter(this.#db, target, REBUILD_CHUNK_CHARS, this.#archived));
    let swapped = false;
    let result: T;
    try {
      result = await this.#bulk(target, load, true);
      const writer = this.#writerFor(target);
      this.#direct = writer;
      // Most of what was written meanwhile, without holding the lock; then the rest with it.
      for (let ids = this.#takeChanges(); ids.length > 0; ids = this.#takeChanges()) await replay(ids);
      this.#db.exec('BEGIN IMMEDIATE');
      try {
        const last = takeChanges(this.#db);
        if (last.length > 0) await replay(last);
        swapGeneration(this.#db, target);
        this.#db.exec('COMMIT');
        swapped = true;
      } finally {
        if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
      }
    } finally {
      this.#direct = undefined;
      this.#invalidate();
      // After a swap, the old generation; after a failure, the half-built one. Searches go on.
      dropOtherGenerations(this.#db);
      this.#writers.clear();
      if (swapped) this.#shrink();
    }
    // The new generation has no lists yet: they are made now, not by the first searches.
    await this.warmTopLists();
    return result;
  }

  /**
   * Merges every segment into one as optimize does, but a step of MERGE_STEP pages per
   * transaction ('merge' -N starts merging all levels, N continues); FTS5 made fewer than two
   * changes when there was nothing left to merge.
   */
  #mergeStepwise(t: TableSet): void {
    this.#mapReads(false);
    const changes = () => this.#db.prepare('SELECT total_changes()').pluck().get() as number;
    let step = -MERGE_STEP;
    for (;;) {
      const before = changes();
      this.#db.exec(`INSERT INTO ${t.fts} (${t.fts}, rank) VALUES ('merge', ${step})`);
      if (changes() - before < 2) return;
      step = MERGE_STEP;
    }
  }

  #takeChanges(): string[] {
    return this.#db.transaction(() => takeChanges(this.#db)).immediate();
  }

  /** Gives freed pages back to the file system a step at a time (files made with auto_vacuum only). */
  #shrink(): void {
    this.#mapReads(false);
    if (this.#db.pragma('auto_vacuum', { simple: true }) !== 2) return;
    const free = () => this.#db.pragma('freelist_count', { simple: true }) as number;
    for (let left = free(), before = Infinity; left > 0 && left < before; before = left, left = free()) {
      this.#db.exec(`PRAGMA incremental_vacuum(${VACUUM_STEP})`);
    }
  }

  #setUpkeep(t: TableSet, automerge: number, crisismerge: number, hashsize: number): void {
    // Stored in the FTS5 table's config, so they outlive the connection: always put back.
    // (FTS5 takes these commands as literals only; bound, they fail.)
    this.#db.exec(`INSERT INTO ${t.fts} (${t.fts}, rank) VALUES ('automerge', ${automerge});
      INSERT INTO ${t.fts} (${t.fts}, rank) VALUES ('crisismerge', ${crisismerge});
      INSERT INTO ${t.fts} (${t.fts}, rank) VALUES ('hashsize', ${hashsize});`);
  }

  async close(): Promise<void> {
    await this.#preparer.close();
    this.#archived.close();
    if (this.#db.open) this.#db.close();
  }
}
