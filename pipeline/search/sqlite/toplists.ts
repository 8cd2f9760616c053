/**
 * Top lists: the first LIST_SIZE ranked results of a frequent query, kept so it is not ranked again.
 * A frequent word (应当, 人民政府: a tenth to a fifth of all clauses) costs a bm25() per match and a
 * sort of them all on every search; its list answers pages 1…N from LIST_SIZE entries instead.
 *
 * A list holds, for the unfiltered query, the entries in the engine's order (units, or each
 * document's best unit in documents mode) and the exact counts behind totals and facets: matched
 * units per document, and per document and finding kind. Document filters (type, level, region,
 * issuer, 发文字号, years) are applied to both, so a filtered query is answered exactly too when
 * enough of the entries pass for its page. A list is stamped with the generation and the FTS5
 * structure record, which every committed write or delete changes: a stale list is never read.
 * Warming makes the lists of the most frequent words after a load; a search makes its query's list
 * from the query's second search in the process on (TopLists.admit), answering the first without one.
 *
 * Lists are kept in the index file, deflated (table `packed_top_lists`, so other processes and later runs use them)
 * behind an in-process LRU of at most CACHE_SIZE lists and CACHE_BYTES of them (a very common word's
 * list is some 250 kB at full scale, mostly its per-document finding-kind counts).
 * @module
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type Database from 'better-sqlite3';
import type { ResolvedQuery } from '../options.js';
import type { Facets } from '../types.js';
import { countDocs, docPredicate, forEachNumber, type DocTable } from './doc-table.js';
import { DOC_SHIFT, liveGeneration, LISTS_TABLE, OLD_LISTS_TABLE, type TableSet } from './schema.js';

/** Entries a list holds: pages 1…100 of 10. */
export const LIST_SIZE = 1000;
/** Matched units from which a query gets a list: below, the ranking costs about what reading a list does. */
export const LIST_MIN_UNITS = 1000;
const CACHE_SIZE = 256;
export const CACHE_BYTES = 16 * 1024 * 1024;
/** Rowid of the FTS5 structure record in the `_data` shadow table (FTS5_STRUCTURE_ROWID). */
const STRUCTURE_ROWID = 10;

export interface TopList {
  /** The first entries in the engine's order: unit ids and their scores. */
  ids: Float64Array;
  scores: Float64Array;
  /** True when the entries are every match (no page lies beyond them). */
  complete: boolean;
  /** Documents with matched units (ascending), and how many each. */
  docs: Int32Array;
  units: Int32Array;
  /** Finding-kind facet: kind names, and (kind index, document, count) triples. */
  kinds: string[];
  kindRows: Int32Array;
}

/** Which state of the index a list was made from. */
export interface Stamp {
  gen: number;
  structure: Buffer;
}

export const sameStamp = (a: Stamp, b: Stamp): boolean => a.gen === b.gen && a.structure.equals(b.structure);

/** Reads the state of the index `t` (inside the caller's read transaction): any committed write or delete changes it. */
export function stampReader(db: Database.Database, t: TableSet): () => Stamp {
  const structure = db.prepare(`SELECT block FROM ${t.fts}_data WHERE id = ${STRUCTURE_ROWID}`).pluck();
  return () => ({ gen: t.gen, structure: (structure.get() as Buffer | undefined) ?? Buffer.alloc(0) });
}

/**
 * The list from the rows of the list statement (search.ts): tag 0 the group_concat of the
 * document of every matched unit and their count, tag 1 the ranked entries, tag 2 (document,
 * count, kind mask) of the finding-kind facet, whose masks `kindNames` reads.
 */
export function listFromRows(rows: readonly [number, number | string | null, number, number | null][], perDocument: boolean, kindNames: (mask: number) => readonly string[]): { list: TopList; units: number } {
  const perDoc = new Map<number, number>();
  const ids: number[] = [];
  const scores: number[] = [];
  const masks: [number, number, number][] = [];
  let units = 0;
  for (const [tag, a, b, mask] of rows) {
    if (tag === 0) {
      units = b;
      if (a !== null) forEachNumber(String(a), (n) => perDoc.set(n, (perDoc.get(n) ?? 0) + 1));
    } else if (tag === 1) {
      ids.push(Number(a));
      scores.push(b);
    } else if (mask !== null) {
      masks.push([mask, Number(a), b]);
    }
  }
  // (kind, document) once each, kinds in name order: several masks of a document share kinds.
  const kinds = [...new Set(masks.flatMap(([mask]) => kindNames(mask)))].sort();
  const index = new Map(kinds.map((kind, k) => [kind, k]));
  const counts = new Map<number, number>();
  for (const [mask, doc, n] of masks) {
    for (const kind of kindNames(mask)) {
      const key = index.get(kind)! * 2 ** 32 + doc;
      counts.set(key, (counts.get(key) ?? 0) + n);
    }
  }
  const kindRows: number[] = [];
  for (const key of [...counts.keys()].sort((x, y) => x - y)) kindRows.push(Math.floor(key / 2 ** 32), key % 2 ** 32, counts.get(key)!);
  const docNumbers = [...perDoc.keys()].sort((x, y) => x - y);
  const list: TopList = {
    ids: Float64Array.from(ids),
    scores: Float64Array.from(scores),
    complete: ids.length === (perDocument ? perDoc.size : units),
    docs: Int32Array.from(docNumbers),
    units: Int32Array.from(docNumbers, (n) => perDoc.get(n)!),
    kinds,
    kindRows: Int32Array.from(kindRows),
  };
  return { list, units };
}

export interface ListAnswer {
  total: number;
  facets: Facets;
  page: [number, number][];
}

/**
 * The query's page, total and facets from a list, or null when the list cannot give them: a
 * finding-kind filter (it is on units, not documents), or a page beyond the entries that pass.
 */
export function answerFromList(list: TopList, query: ResolvedQuery, docs: DocTable): ListAnswer | null {
  const kindFilter = query.filters.findingKind;
  if (kindFilter !== undefined && (typeof kindFilter === 'string' || kindFilter.length > 0)) return null;
  const pass = docPredicate(query.filters, docs);
  const from = (query.page - 1) * query.limit;
  const to = from + query.limit;
  const page: [number, number][] = [];
  let passed = 0;
  for (let i = 0; i < list.ids.length && passed < to; i++) {
    const id = list.ids[i]!;
    // Unit ids pass 2^31, beyond JavaScript's shift operators.
    if (pass && !pass(Math.floor(id / 2 ** DOC_SHIFT))) continue;
    if (passed >= from) page.push([id, list.scores[i]!]);
    passed++;
  }
  if (passed < to && !list.complete) return null;
  const perDocument = query.in === 'documents';
  const { total, facets } = countDocs(list.docs, list.units, docs, perDocument, pass);
  const kindCounts = new Float64Array(list.kinds.length);
  for (let i = 0; i < list.kindRows.length; i += 3) {
    if (pass && !pass(list.kindRows[i + 1]!)) continue;
    kindCounts[list.kindRows[i]!]! += perDocument ? 1 : list.kindRows[i + 2]!;
  }
  list.kinds.forEach((kind, k) => {
    if (kindCounts[k]! > 0) facets.findingKind[kind] = kindCounts[k]!;
  });
  return { total, facets, page };
}

/** Header: entry count, document count, kind-row count, complete flag, kinds' JSON bytes, padding to 8. */
const HEADER_BYTES = 24;
/** Deflate level of a stored list: 0.39 of its arrays at 4 (0.41 at 1), ~0.1 ms to inflate a 30 kB list. */
const PACK_LEVEL = 4;

/** A list as stored: its arrays one after the other, deflated (unit ids, document numbers and counts are mostly small). */
export function encodeList(list: TopList): Buffer {
  const kinds = Buffer.from(JSON.stringify(list.kinds));
  const parts = [list.ids, list.scores, list.docs, list.units, list.kindRows];
  const header = new Uint32Array([list.ids.length, list.docs.length, list.kindRows.length / 3, list.complete ? 1 : 0, kinds.length, 0]);
  return deflateRawSync(Buffer.concat([header, ...parts].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)).concat(kinds)), { level: PACK_LEVEL });
}

export function decodeList(blob: Buffer): TopList {
  // Copied: typed arrays need their alignment, which a Buffer from zlib does not promise.
  const inflated = inflateRawSync(blob);
  const bytes = new Uint8Array(inflated.length);
  bytes.set(inflated);
  const [entries, docCount, kindRowCount, complete, kindBytes] = new Uint32Array(bytes.buffer, 0, HEADER_BYTES / 4);
  let at = HEADER_BYTES;
  const f64 = (n: number) => {
    const a = new Float64Array(bytes.buffer, at, n);
    at += n * 8;
    return a;
  };
  const i32 = (n: number) => {
    const a = new Int32Array(bytes.buffer, at, n);
    at += n * 4;
    return a;
  };
  const ids = f64(entries!);
  const scores = f64(entries!);
  const docs = i32(docCount!);
  const units = i32(docCount!);
  const kindRows = i32(kindRowCount! * 3);
  const kinds = JSON.parse(Buffer.from(bytes.buffer, at, kindBytes!).toString()) as string[];
  return { ids, scores, complete: complete === 1, docs, units, kinds, kindRows };
}

// `best`: the first entry's score (null for an empty list), which multi-word queries ask of a term's
// list without inflating it; `warm`: 1 for a list warming made (SqliteEngine.warmTopLists), which
// is kept however many lists searches make after it.
const TABLE = `CREATE TABLE IF NOT EXISTS ${LISTS_TABLE} (key TEXT PRIMARY KEY, gen INTEGER NOT NULL, structure BLOB NOT NULL, best REAL, list BLOB NOT NULL, warm INTEGER NOT NULL DEFAULT 0)`;

/**
 * Lists made by searches that the file keeps for one state of the index, the latest written: a list
 * holds 10-80 kB, and a server answering many distinct frequent queries between two ingests would
 * otherwise keep one for each.
 */
export const STORED_LISTS = 512;
/**
 * And at most this many bytes of them (deflated): at the full scale corpus a search-made list of a
 * frequent word holds ~40 kB, and 512 of them (~20 MB, 0.3× the text) would take the data folder
 * past 5× the text; 2 MiB keeps the last ~50, beside the warmed lists (3.7 MB there).
 */
export const STORED_LIST_BYTES = 2 * 1024 * 1024;

interface Cached {
  stamp: Stamp;
  list: TopList;
}

interface Pending extends Cached {
  warm: boolean;
}

/** A list made and not yet written, as one thread hands it to another (see {@link TopLists.takePending}). */
export interface MadeList extends Pending {
  key: string;
}

/** What a list holds in memory: its arrays, and its kind names at two bytes a character. */
export function listBytes(list: TopList): number {
  const arrays = [list.ids, list.scores, list.docs, list.units, list.kindRows];
  return arrays.reduce((sum, a) => sum + a.byteLength, 0) + list.kinds.reduce((sum, k) => sum + 2 * k.length, 0);
}

/** Keys searched without a list that {@link TopLists.admit} remembers, the oldest let go first. */
const SEEN_KEYS = 4096;

/** The lists of one generation: an LRU in front of the lists' table. */
export class TopLists {
  readonly #db: Database.Database;
  readonly #t: TableSet;
  readonly #cache = new Map<string, Cached>();
  /** Best scores read by {@link best} from lists not in memory. */
  readonly #bests = new Map<string, { stamp: Stamp; best: number | undefined }>();
  #cachedBytes = 0;
  /** Lists made by this process and not yet written to the file (see {@link persist}). */
  readonly #pending = new Map<string, Pending>();
  #stamp: (() => Stamp) | undefined;
  #warmColumn = false;
  readonly #reads = new Map<'list' | 'best', Database.Statement>();
  /**
   * Keys wanted in this process without a list: null once searched or once a stale list of theirs was
   * met, the index's stamp once a list made for the key from that state matched too few units to keep
   * (see {@link admit}).
   */
  readonly #seen = new Map<string, Stamp | null>();

  constructor(db: Database.Database, t: TableSet) {
    this.#db = db;
    this.#t = t;
  }

  /** The state of the index now (read inside the caller's read transaction). */
  stamp(): Stamp {
    this.#stamp ??= stampReader(this.#db, this.#t);
    return this.#stamp();
  }

  /** The list of `key` made from this state of the index, if there is one. */
  get(key: string, stamp: Stamp): TopList | undefined {
    const cached = this.#cache.get(key);
    if (cached && sameStamp(cached.stamp, stamp)) {
      this.#cache.delete(key);
      this.#cache.set(key, cached);
      return cached.list;
    }
    const row = this.#readStatement('list')?.get(key) as { gen: number; structure: Buffer; list: Buffer } | undefined;
    if (!row || !sameStamp(row, stamp)) {
      // A list of an earlier state of the index: the query was wanted, so its next search makes the list again at once (see admit).
      if (cached || row) this.#see(key, null);
      return undefined;
    }
    const list = decodeList(row.list);
    this.#remember(key, { stamp, list });
    return list;
  }

  /**
   * The first entry's score of the list of `key` made from this state of the index, if there is
   * one: read from the row's own `best` column, so a stored list is neither inflated nor kept.
   */
  best(key: string, stamp: Stamp): number | undefined {
    const cached = this.#cache.get(key) ?? this.#bests.get(key);
    if (cached && sameStamp(cached.stamp, stamp)) return 'list' in cached ? cached.list.scores[0] : cached.best;
    const row = this.#readStatement('best')?.get(key) as { gen: number; structure: Buffer; best: number | null } | undefined;
    if (!row || !sameStamp(row, stamp)) return undefined;
    const best = row.best ?? undefined;
    // Reading a list costs ~0.3 ms (200 kB at full scale): its best score is kept, the oldest let go.
    this.#bests.delete(key);
    this.#bests.set(key, { stamp, best });
    if (this.#bests.size > CACHE_SIZE) this.#bests.delete(this.#bests.keys().next().value!);
    return best;
  }

  /**
   * Whether a search of `key`, which has no list, makes one now: when the key was searched before in
   * this process or had a list for an earlier state of the index (see {@link get}), unless a list made
   * for it from this state of the index was too small to keep. The first search ranks only its page: a
   * list ranks every match the same way but also keeps its first LIST_SIZE entries and the per-document
   * counts, and is written to the file (full scale, first searches of the scale bench's classes, 3
   * interleaved runs: 2 words p95 18–24 → 15–20 ms, phrases 19 → 15, 条例 依照 63–96 → 23–33 ms CPU). A
   * query searched once, as most of several words are, pays for no list; one searched again (another
   * page, a filter) gets one.
   */
  admit(key: string, stamp: Stamp): boolean {
    const small = this.#seen.get(key);
    if (small === undefined) {
      this.#see(key, null);
      return false;
    }
    return small === null || !sameStamp(small, stamp);
  }

  /** Notes that the list just made for `key` from this state of the index matched too few units to keep. */
  tooSmall(key: string, stamp: Stamp): void {
    this.#see(key, stamp);
  }

  #see(key: string, small: Stamp | null): void {
    this.#seen.set(key, small);
    if (this.#seen.size > SEEN_KEYS) this.#seen.delete(this.#seen.keys().next().value!);
  }

  /** Keeps a list in memory and, at the next {@link persist}, in the file; `warm` for one warming made. */
  add(key: string, stamp: Stamp, list: TopList, warm = false): void {
    this.#remember(key, { stamp, list });
    this.#pending.set(key, { stamp, list, warm });
  }

  /** The lists {@link persist} would write, taken away from it. */
  takePending(): MadeList[] {
    const made = [...this.#pending].map(([key, p]) => ({ key, ...p }));
    this.#pending.clear();
    return made;
  }

  /** Bytes the in-process lists hold (at most CACHE_BYTES, or the one list just used if it alone is more). */
  get cachedBytes(): number {
    return this.#cachedBytes;
  }

  #remember(key: string, entry: Cached): void {
    this.#forget(key);
    this.#cache.set(key, entry);
    this.#cachedBytes += listBytes(entry.list);
    while (this.#cache.size > 1 && (this.#cache.size > CACHE_SIZE || this.#cachedBytes > CACHE_BYTES)) this.#forget(this.#cache.keys().next().value!);
  }

  #forget(key: string): void {
    const old = this.#cache.get(key);
    if (!old) return;
    this.#cache.delete(key);
    this.#cachedBytes -= listBytes(old.list);
  }

  /** Null until the table exists: it is made by the first list written, not by opening the file. */
  #readStatement(column: 'list' | 'best'): Database.Statement | undefined {
    if (!this.#reads.has(column) && this.#db.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').get(LISTS_TABLE) !== undefined) {
      this.#reads.set(column, this.#db.prepare(`SELECT gen, structure, ${column} FROM ${LISTS_TABLE} WHERE key = ?`));
    }
    return this.#reads.get(column);
  }

  /**
   * Writes the lists made since the last call, outside any read transaction. A search does not
   * wait for the write lock (another process's ingest may hold it for seconds), and a file opened
   * read-only keeps its lists in memory: either way the lists stay usable in this process.
   */
  persist(): void {
    if (this.#pending.size === 0) return;
    try {
      writeIfFree(this.#db, () => {
        this.#db.exec(`DROP TABLE IF EXISTS ${OLD_LISTS_TABLE}; ${TABLE}`);
        if (!this.#warmColumn) {
          // A table made before lists were marked warm gains the column: its lists count as made by searches.
          const columns = this.#db.prepare(`SELECT name FROM pragma_table_info('${LISTS_TABLE}')`).pluck().all();
          if (!columns.includes('warm')) this.#db.exec(`ALTER TABLE ${LISTS_TABLE} ADD COLUMN warm INTEGER NOT NULL DEFAULT 0`);
          this.#warmColumn = true;
        }
        // Made from a generation a rebuild has since replaced (its tables may be gone): stale already.
        if (liveGeneration(this.#db) !== this.#t.gen) return;
        // A list of an earlier state of the index is never read again: it goes, so the table holds the
        // lists of the state now, not every list ever made.
        const now = this.stamp();
        this.#db.prepare(`DELETE FROM ${LISTS_TABLE} WHERE gen <> ? OR structure <> ?`).run(now.gen, now.structure);
        const write = this.#db.prepare(`INSERT OR REPLACE INTO ${LISTS_TABLE} (key, gen, structure, best, list, warm) VALUES (?, ?, ?, ?, ?, ?)`);
        for (const [key, { stamp, list, warm }] of this.#pending) {
          if (sameStamp(stamp, now)) write.run(key, stamp.gen, stamp.structure, list.scores[0] ?? null, encodeList(list), warm ? 1 : 0);
        }
        // Rowids follow the order of writing (a replaced list gets a new one): the oldest searches' lists go first.
        this.#db.prepare(`DELETE FROM ${LISTS_TABLE} WHERE rowid IN (SELECT rowid FROM (
          SELECT rowid, row_number() OVER latest AS n, sum(length(list)) OVER latest AS bytes FROM ${LISTS_TABLE} WHERE warm = 0
          WINDOW latest AS (ORDER BY rowid DESC)) WHERE n > ? OR bytes > ?)`).run(STORED_LISTS, STORED_LIST_BYTES);
      });
    } finally {
      this.#pending.clear();
    }
  }
}

/**
 * Runs `write` in an immediate transaction if the file can be written now, else skips it: what a
 * search keeps (lists, phrase counts) never waits for the write lock (another process's ingest may
 * hold it for seconds), and a file opened read-only keeps it in memory only.
 */
export function writeIfFree(db: Database.Database, write: () => void): void {
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    db.transaction(write).immediate();
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (!code.startsWith('SQLITE_BUSY') && !code.startsWith('SQLITE_READONLY')) throw err;
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
}

/** Removes every stored list (the index was emptied: a new structure record could repeat an old one). */
export function dropTopLists(db: Database.Database): void {
  db.exec(`DROP TABLE IF EXISTS ${LISTS_TABLE}; DROP TABLE IF EXISTS ${OLD_LISTS_TABLE}`);
}

/** A Han word of two or more characters: what researchers type (a single character is a prefix query). */
export const HAN_WORD = /^\p{Script=Han}{2,}$/u;
/**
 * Pieces of article numbers (第二十条 gives 第二, 二十, 第二十, 十条): among the most frequent words,
 * never searched for. The whole number (第二十条) is a word of its own and stays.
 */
const NUMERAL = /^(第?[零一二三四五六七八九十百千]+|[零一二三四五六七八九十百千]+条)$/u;

/**
 * The words worth a list: the `count` Han words of two or more characters found in the most
 * units, and the `count` found in the most documents, numeral pieces left out, each in at least
 * `minUnits` units (`scanned`: those {@link bodyWordUnits} gives, read already, in any order of ranges). By units alone, 第五条 or 施行 (a clause or two in nearly every law, 3.5 k
 * clauses in all) would wait for their first search, which costs as much as a word in 20 k clauses:
 * its bigram phrase is read over the whole table. Words come from the body word column's
 * vocabulary (fts5vocab over the live FTS5 table, in the temp schema: nothing written to the file);
 * documents are counted for the candidates only (~1 ms each at full scale).
 */
export function frequentWords(db: Database.Database, t: TableSet, count: number, minUnits = LIST_MIN_UNITS, scanned?: readonly [string, number][]): string[] {
  // By units, ties in term order (as SQLite's ORDER BY doc DESC gave them: its sort and this one are stable).
  const terms = [...(scanned ?? bodyWordUnits(db, t, minUnits))].sort((a, b) => b[1] - a[1]);
  const candidates = terms.filter(([term]) => HAN_WORD.test(term) && !NUMERAL.test(term));
  const documents = db.prepare(`SELECT count(DISTINCT rowid >> ${DOC_SHIFT}) FROM ${t.fts} WHERE ${t.fts} MATCH ?`).pluck();
  // A word is in no more documents than units, and candidates come by units: once `count` words counted
  // are each in at least as many documents as the next candidate's units, no word left can pass
  // them (one as many comes after them, the sort below being stable). Full scale: 1,295 candidates
  // were counted (0.9 s), where the first few hundred decide.
  const counted: [string, number][] = [];
  const top: number[] = [];
  for (const [term, units] of candidates) {
    if (top.length === count && top[count - 1]! >= units) break;
    const docs = documents.get(`{t h b} : "${term}"`) as number;
    counted.push([term, docs]);
    top.splice(upperBound(top, docs), 0, docs);
    top.length = Math.min(top.length, count);
  }
  const byDocuments = counted.sort((a, b) => b[1] - a[1]).map(([term]) => term);
  return [...new Set([...candidates.slice(0, count).map(([term]) => term), ...byDocuments.slice(0, count)])];
}

/** Terms from `lo` up to `hi` (UTF-8 order, as FTS5 keeps them), null for no bound. */
export interface TermRange {
  lo: string | null;
  hi: string | null;
}

/**
 * The vocabulary in pieces that cost about alike to scan (the CJK block in twelfths: full scale
 * corpus, 15–250 ms each), so two threads can share the scan (warmer.ts); in term order.
 */
export const TERM_RANGES: readonly TermRange[] = (() => {
  const bounds = [null, 0x4e00, 0x5000, 0x5800, 0x6000, 0x6800, 0x7000, 0x7800, 0x8000, 0x8800, 0x9000, 0x9800, 0xa000, null];
  const at = (code: number | null) => (code === null ? null : String.fromCodePoint(code));
  return bounds.slice(1).map((hi, i) => ({ lo: at(bounds[i]!), hi: at(hi) }));
})();

/**
 * The words of the body word column in at least `minUnits` units, with their unit counts, in term
 * order: all of them, or those of one range of terms. The scan reads the whole index (fts5vocab
 * over the live FTS5 table, in the temp schema: nothing written to the file); full scale: 1.4 s.
 */
export function bodyWordUnits(db: Database.Database, t: TableSet, minUnits: number, range: TermRange = { lo: null, hi: null }): [string, number][] {
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab_${t.fts} USING fts5vocab(main, ${t.fts}, col)`);
  const bounds = [...(range.lo === null ? [] : ['term >= @lo']), ...(range.hi === null ? [] : ['term < @hi'])];
  return db.prepare(`SELECT term, doc FROM temp.vocab_${t.fts} WHERE col = 'b' AND doc >= @minUnits${bounds.map((b) => ` AND ${b}`).join('')}`)
    .raw().all({ minUnits, ...(range.lo === null ? {} : { lo: range.lo }), ...(range.hi === null ? {} : { hi: range.hi }) }) as [string, number][];
}

/** Where `value` goes in `descending` after the values not below it. */
function upperBound(descending: readonly number[], value: number): number {
  let lo = 0;
  let hi = descending.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (descending[mid]! >= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
