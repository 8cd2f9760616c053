/**
 * Ranking without FTS5's per-statement IDF scans. bm25() counts, in every statement, the rows each
 * phrase of the query matches (its IDF): a pass over each phrase's whole doclist however few units
 * the query matches, most of a multi-word query's time at full scale (主管 主管部门 县级: 10 of its
 * 21 ms ranking; 依照's count alone 8.5 ms). `bm25c` (native/bm25c.c, built at install into
 * dist/native/) is bm25() with those counts given, the same arithmetic in the same order, so every
 * score is bm25()'s bit for bit; {@link PhraseCounts} counts each phrase once for a state of the
 * index and keeps the count for later searches, in this connection and in the file. Warming stores
 * the counts of the frequent words' phrases, those whose scans cost most. Where the extension was
 * not built (no C compiler), does not load or is turned off (native.ts), searches rank with bm25().
 * @module
 */
import type Database from 'better-sqlite3';
import { COUNTS_STAMP_TABLE, COUNTS_TABLE, liveGeneration, type TableSet } from './schema.js';
import { sameStamp, stampReader, writeIfFree, type Stamp } from './toplists.js';

/**
 * The phrases of a MATCH expression as match.ts writes them (quoted phrases, `{cols} :` filters on
 * a phrase or a parenthesized group, NEAR groups, AND/OR/NOT), in FTS5's order, each with the
 * column filter it is counted under: FTS5's xQueryPhrase counts a phrase with its own filter.
 */
export function phrasesOf(expr: string): string[] {
  const out: string[] = [];
  const filters: (string | null)[] = [null];
  let pending: string | null = null;
  for (const [t] of expr.matchAll(/\{[^}]*\}\s*:|"(?:[^"]|"")*"(?:\s*\*)?|NEAR\(|\(|\)/g)) {
    if (t.startsWith('{')) pending = t.slice(0, -1).trim();
    else if (t === '(' || t === 'NEAR(') {
      filters.push(pending ?? filters.at(-1)!);
      pending = null;
    } else if (t === ')') filters.pop();
    else {
      const filter = pending ?? filters.at(-1)!;
      pending = null;
      out.push(filter ? `${filter} : ${t}` : t);
    }
  }
  return out;
}

/** Phrase counts a connection keeps in memory: a few MB of short strings at most, the oldest let go first. */
const KEPT_COUNTS = 50_000;
/**
 * Phrase counts the file keeps, the latest written: warming stores those of the frequent words (1,561
 * phrases of 1,296 words at full scale, ~0.1 MB: engine.ts), searches add theirs.
 */
export const STORED_COUNTS = 10_000;

/**
 * The rows each phrase matches in one state of the index, each counted once: kept in memory, and
 * in the file (COUNTS_TABLE) for other connections and later processes, stamped as top lists are.
 */
export class PhraseCounts {
  readonly #db: Database.Database;
  readonly #t: TableSet;
  readonly #stamp: () => Stamp;
  readonly #count: Database.Statement;
  /** The state of the index the counts below are of. */
  #at: Stamp | null = null;
  readonly #rows = new Map<string, number>();
  /** Counted here and not yet written to the file. */
  readonly #pending = new Map<string, number>();
  /** The file's lookup when its counts are of state #at; null when they are not; undefined until checked. */
  #stored: Database.Statement | null | undefined;

  constructor(db: Database.Database, t: TableSet) {
    this.#db = db;
    this.#t = t;
    this.#stamp = stampReader(db, t);
    this.#count = db.prepare(`SELECT count(*) FROM ${t.fts} WHERE ${t.fts} MATCH ?`).pluck();
  }

  /** bm25c's counts argument for `match`: one native int64 a phrase, in FTS5's order (inside the caller's read transaction). */
  of(match: string): Buffer {
    this.#sync();
    return Buffer.from(BigInt64Array.from(phrasesOf(match), (phrase) => BigInt(this.#get(phrase))).buffer);
  }

  /** The count of each phrase, and the state of the index they are of (inside the caller's read transaction). */
  count(phrases: readonly string[]): { stamp: Stamp; counts: [string, number][] } {
    this.#sync();
    return { stamp: this.#at!, counts: phrases.map((phrase) => [phrase, this.#get(phrase)]) };
  }

  /** Keeps counts another connection made (a warming thread's), to be written by {@link persist}. */
  adopt(stamp: Stamp, counts: readonly [string, number][]): void {
    this.#sync();
    if (!sameStamp(stamp, this.#at!)) return;
    for (const [phrase, rows] of counts) {
      if (this.#rows.has(phrase)) continue;
      this.#remember(phrase, rows);
      this.#pending.set(phrase, rows);
    }
  }

  /** Starts over when the index has changed since the counts were made. */
  #sync(): void {
    const now = this.#stamp();
    if (this.#at && sameStamp(this.#at, now)) return;
    this.#rows.clear();
    this.#pending.clear();
    this.#at = now;
    this.#stored = undefined;
  }

  #get(phrase: string): number {
    let rows = this.#rows.get(phrase) ?? (this.#storedCounts()?.get(phrase) as number | undefined);
    if (rows === undefined) {
      rows = this.#count.get(phrase) as number;
      this.#pending.set(phrase, rows);
    }
    if (!this.#rows.has(phrase)) this.#remember(phrase, rows);
    return rows;
  }

  #remember(phrase: string, rows: number): void {
    if (this.#rows.size >= KEPT_COUNTS) this.#rows.delete(this.#rows.keys().next().value!);
    this.#rows.set(phrase, rows);
  }

  #storedCounts(): Database.Statement | null {
    if (this.#stored === undefined) {
      const db = this.#db;
      const stored = db.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').get(COUNTS_STAMP_TABLE) === undefined ? undefined
        : db.prepare(`SELECT gen, structure FROM ${COUNTS_STAMP_TABLE}`).get() as Stamp | undefined;
      this.#stored = stored && sameStamp(stored, this.#at!) ? db.prepare(`SELECT rows FROM ${COUNTS_TABLE} WHERE phrase = ?`).pluck() : null;
    }
    return this.#stored;
  }

  /** Writes the counts made since the last call, outside any read transaction, when the file is free (see writeIfFree). */
  persist(): void {
    if (this.#pending.size === 0) return;
    const db = this.#db;
    try {
      writeIfFree(db, () => {
        db.exec(`CREATE TABLE IF NOT EXISTS ${COUNTS_STAMP_TABLE} (gen INTEGER NOT NULL, structure BLOB NOT NULL);
          CREATE TABLE IF NOT EXISTS ${COUNTS_TABLE} (phrase TEXT PRIMARY KEY, rows INTEGER NOT NULL)`);
        // Counted in a state of the index since replaced: stale already.
        if (liveGeneration(db) !== this.#t.gen || !sameStamp(this.#stamp(), this.#at!)) return;
        const stored = db.prepare(`SELECT gen, structure FROM ${COUNTS_STAMP_TABLE}`).get() as Stamp | undefined;
        if (!stored || !sameStamp(stored, this.#at!)) {
          db.exec(`DELETE FROM ${COUNTS_TABLE}; DELETE FROM ${COUNTS_STAMP_TABLE}`);
          db.prepare(`INSERT INTO ${COUNTS_STAMP_TABLE} (gen, structure) VALUES (?, ?)`).run(this.#at!.gen, this.#at!.structure);
        }
        const write = db.prepare(`INSERT OR REPLACE INTO ${COUNTS_TABLE} (phrase, rows) VALUES (?, ?)`);
        for (const [phrase, rows] of this.#pending) write.run(phrase, rows);
        // Rowids follow the order of writing: the counts written longest ago go first.
        db.prepare(`DELETE FROM ${COUNTS_TABLE} WHERE rowid <= (SELECT max(rowid) FROM ${COUNTS_TABLE}) - ?`).run(STORED_COUNTS);
      });
    } finally {
      this.#pending.clear();
      this.#stored = undefined;
    }
  }
}

/** Removes the stored counts (the index was emptied: a new structure record could repeat an old one). */
export function dropPhraseCounts(db: Database.Database): void {
  db.exec(`DROP TABLE IF EXISTS ${COUNTS_TABLE}; DROP TABLE IF EXISTS ${COUNTS_STAMP_TABLE}`);
}
