/**
 * The SQLite search file (`<dataDir>/search.sqlite`, WAL): documents with their text and their
 * units (clauses and findings, as spans of that text, packed one value a document: unit-sets.ts),
 * the finding kinds of each unit (one row a unit, its kinds as a bit mask: since schema 12, a
 * facet over N matches is N rowid lookups, not N seeks of composite keys plus a name lookup
 * each: 58 → 38 ms for a word of 15,000 clauses at full scale), and one contentless FTS5 table over
 * the units. Units have no table of their own (since schema 9): the FTS5 table's rowids are theirs.
 *
 * A unit's id (also its FTS5 rowid) is `doc × 2^21 + ord × 2 + kind` (kind 0 clause, 1 finding):
 * the document and the kind of every match are known from the rowid alone, so totals, facets
 * and filters never have to look a matched unit up.
 *
 * FTS5 columns: `t` title words, `h` heading words, `b` body words (jieba search mode, for
 * BM25 ranking) and `bt`/`bb` title/body Chinese bigrams (for literal matching); in the table,
 * `bb` comes first ({@link FTS_COLUMNS}). A finding, a sentence of a clause whose row holds its
 * words already, has only the bigram columns (since schema 11): a unit matches by its bigrams alone,
 * so its word columns only ranked it, and they took a seventh of the postings. All hold
 * folded text already split into tokens (streams.ts), so the `ascii` tokenizer only splits on
 * spaces. The original text of a document the archive of the data folder does not hold (since
 * schema 10: the archive's copy is read for the others, text-chunks.ts) is kept in `docs.text`: chunks of TEXT_CHUNK UTF-16 code units,
 * each the raw DEFLATE of its UTF-16LE (Chinese: 2 bytes a character before, against 3 in UTF-8;
 * about 1 after, with the generation's preset dictionary in `text_dictionary`: text-chunks.ts),
 * one after the other, and in `docs.text_ends` where each chunk ends (uint32 LE).
 * A unit's text for its snippet is `substr()` of the one or two chunks its offsets (JavaScript's)
 * fall in, inflated, without inflating the rest of the document. One value per document, not a
 * row per chunk: rows of 1–2 KB would leave a third of each page empty. A unit's own text is kept
 * only for a finding sentence that is not its document's text between its offsets. A finding's
 * modality is not kept (since schema 8): no search reads it, and the archive has it.
 * @module
 */
import type Database from 'better-sqlite3';

/** Bumped whenever the layout or the token streams change; an older file is rebuilt empty. */
export const SCHEMA_VERSION = 12;

export const UNIT_KIND = { clause: 0, finding: 1 } as const;

/** Bits of a unit id below the document number. */
export const DOC_SHIFT = 21;
/** Units (clauses + findings) one document can hold. */
export const MAX_UNITS_PER_DOC = 2 ** (DOC_SHIFT - 1);

/** Finding kinds a generation can number: bits of a mask that stays an exact double. */
export const MAX_KIND_BITS = 53;

/** The bits set in a kind mask, lowest first. */
export function maskBits(mask: number): number[] {
  const bits: number[] = [];
  for (let bit = 0; mask > 0; bit++, mask = Math.floor(mask / 2)) if (mask % 2 === 1) bits.push(bit);
  return bits;
}

export function unitId(doc: number, ord: number, kind: 0 | 1): number {
  return doc * 2 ** DOC_SHIFT + ord * 2 + kind;
}

/**
 * The FTS5 columns in table order. A row's entry in a term's doclist marks where each column's
 * positions begin with two bytes (0x01, column number), except column 0's, which comes first
 * unmarked: so the column with the most (term, row) pairs goes first. That is `bb`, the body
 * bigrams (2.5 M of the 5.7 M column entries at 10 % of the scale corpus); with `t` first, the
 * postings took 4.54× the text, with `bb` first 3.89×. bm25() and every column filter name the
 * columns, so matches and scores are the same in any order.
 */
export const FTS_COLUMNS = ['bb', 't', 'h', 'b', 'bt'] as const;

export type FtsColumn = (typeof FTS_COLUMNS)[number];

/** UTF-16 code units of a document's text per deflated chunk (see `docs.text`). */
export const TEXT_CHUNK = 1024;

/** The id range of a document's units, inclusive. */
export function unitRange(doc: number): [number, number] {
  return [doc * 2 ** DOC_SHIFT, (doc + 1) * 2 ** DOC_SHIFT - 1];
}

/**
 * The tables of one generation of the index. Generation 0 has the plain names (the layout every
 * file had before generations); a rebuild writes generation n + 1 beside the live one and swaps
 * it in by changing one row (see {@link liveGeneration}), as a search alias is moved.
 */
export interface TableSet {
  gen: number;
  docs: string;
  unitKinds: string;
  kindBits: string;
  names: string;
  unitExtras: string;
  fts: string;
  textDictionary: string;
}

const suffixOf = (gen: number) => (gen === 0 ? '' : `_g${gen}`);

export function tableSet(gen: number): TableSet {
  const suffix = suffixOf(gen);
  return {
    gen, docs: `docs${suffix}`, unitKinds: `unit_kinds${suffix}`, kindBits: `kind_bits${suffix}`, names: `names${suffix}`,
    unitExtras: `unit_extras${suffix}`, fts: `units_fts${suffix}`,
    textDictionary: `text_dictionary${suffix}`,
  };
}

/** The columns of every document the searcher keeps in memory (doc-table.ts), in its order. */
export const DOC_TABLE_COLUMNS = 'n, type, level, region, issuer, year, doc_number';

function createSql(t: TableSet): string {
  return `
CREATE TABLE IF NOT EXISTS ${t.docs} (
  n INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  type TEXT NOT NULL,
  level TEXT NOT NULL,
  region TEXT,
  issuer TEXT,
  year INTEGER,
  date TEXT,
  doc_number TEXT,
  clauses INTEGER NOT NULL,
  findings INTEGER NOT NULL,
  units BLOB NOT NULL,
  -- Null (both) when the archive holds the text (text-chunks.ts).
  text BLOB,
  text_ends BLOB
);
-- The searcher's document table is read from this index alone: read from the table, the rows,
-- spread between their texts' overflow pages, took ~20 ms more at 3,590 documents in a new process.
-- A generation made before has none until a reindex, and reads the table.
CREATE INDEX IF NOT EXISTS ${t.docs}_facets ON ${t.docs} (${DOC_TABLE_COLUMNS});
-- The strings units share, numbered: clause paths (a few thousand at 10 % of the scale corpus).
CREATE TABLE IF NOT EXISTS ${t.names} (code INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
-- Finding kinds, each a bit of unit_kinds.kinds (${MAX_KIND_BITS} at most: JavaScript reads the mask as a double).
CREATE TABLE IF NOT EXISTS ${t.kindBits} (bit INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
-- A clause's row: the kinds of the findings read from it; a finding's row: its own kind. Units without any have none.
CREATE TABLE IF NOT EXISTS ${t.unitKinds} (unit INTEGER PRIMARY KEY, kinds INTEGER NOT NULL);
-- Units whose record has the extra bit (unit-sets.ts): their own text, and their finding id.
CREATE TABLE IF NOT EXISTS ${t.unitExtras} (unit INTEGER PRIMARY KEY, text TEXT, finding_id TEXT);
-- One row: the deflate dictionary of the documents' text chunks (text-chunks.ts).
CREATE TABLE IF NOT EXISTS ${t.textDictionary} (dictionary BLOB NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS ${t.fts} USING fts5(
  ${FTS_COLUMNS.join(', ')},
  content = '', contentless_delete = 1, tokenize = 'ascii'
);
`;
}

function dropSql(t: TableSet): string {
  return `
DROP TABLE IF EXISTS ${t.fts};
DROP TABLE IF EXISTS ${t.textDictionary};
DROP TABLE IF EXISTS ${t.unitExtras};
DROP TABLE IF EXISTS ${t.unitKinds};
DROP TABLE IF EXISTS ${t.kindBits};
DROP TABLE IF EXISTS ${t.names};
DROP TABLE IF EXISTS units${suffixOf(t.gen)}; -- a row per unit, before schema 9
DROP TABLE IF EXISTS ${t.docs};
`;
}

/**
 * Which generation searches and writes use (`live`), the one a rebuild is writing (`building`), and
 * the documents written to the live generation while a rebuild runs (`index_changes`), for the
 * rebuild to write again into its own before it swaps.
 */
const STATE = `
CREATE TABLE IF NOT EXISTS index_state (key TEXT PRIMARY KEY, gen INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS index_changes (id TEXT PRIMARY KEY) WITHOUT ROWID;
`;

/** Generations whose tables the file holds, found by name (docs, docs_g1, docs_g2 …). */
function generationsInFile(db: Database.Database): number[] {
  const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND (name = 'docs' OR name GLOB 'docs_g[0-9]*')").pluck().all() as string[];
  return names.map((n) => (n === 'docs' ? 0 : Number(n.slice('docs_g'.length))));
}

/** True when the generation state and the live generation's tables exist. */
function hasTables(db: Database.Database): boolean {
  const exists = (name: string) => db.prepare("SELECT 1 FROM sqlite_master WHERE name = ?").get(name) !== undefined;
  return exists('index_state') && exists('index_changes') && exists(tableSet(liveGeneration(db)).fts);
}

/**
 * The statements reading `index_state`, prepared once per connection: a group write asks for the
 * building generation once a source, and preparing it each time cost ~0.2 ms (78 ms of a 10 %
 * scale ingest's writing thread).
 */
const stateReads = new WeakMap<Database.Database, Database.Statement<[string], number | undefined>>();

/** The generation `index_state` holds under `key`, if any. */
function stateGeneration(db: Database.Database, key: 'live' | 'building'): number | undefined {
  let read = stateReads.get(db);
  if (!read) {
    read = db.prepare<[string], number | undefined>('SELECT gen FROM index_state WHERE key = ?').pluck();
    stateReads.set(db, read);
  }
  return read.get(key);
}

/** The live generation (0 in a file that never had a rebuild). */
export function liveGeneration(db: Database.Database): number {
  return stateGeneration(db, 'live') ?? 0;
}

/** The generation a rebuild is writing, or null. */
export function buildingGeneration(db: Database.Database): number | null {
  return stateGeneration(db, 'building') ?? null;
}

/**
 * The table of stored top lists (toplists.ts), deflated. They were kept unpacked in `top_lists`
 * before: that table is no longer read, and is dropped by the first list written (lists are made
 * again as they are asked for).
 */
export const LISTS_TABLE = 'packed_top_lists';
export const OLD_LISTS_TABLE = 'top_lists';
/** The phrases' row counts native ranking keeps (ranking.ts), and the state of the index they were counted in. */
export const COUNTS_TABLE = 'phrase_counts';
export const COUNTS_STAMP_TABLE = 'phrase_counts_stamp';

/** Creates the tables; a file from another schema version is emptied first (it is derived data). */
export function ensureSchema(db: Database.Database): void {
  // Read first: a rebuild may hold the write lock for seconds, and an opened file rarely needs writing.
  if (db.pragma('user_version', { simple: true }) === SCHEMA_VERSION && hasTables(db)) return;
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version !== SCHEMA_VERSION) {
      for (const gen of generationsInFile(db)) db.exec(dropSql(tableSet(gen)));
      db.exec(`DROP TABLE IF EXISTS index_state; DROP TABLE IF EXISTS index_changes; DROP TABLE IF EXISTS ${LISTS_TABLE}; DROP TABLE IF EXISTS ${OLD_LISTS_TABLE};
        DROP TABLE IF EXISTS ${COUNTS_TABLE}; DROP TABLE IF EXISTS ${COUNTS_STAMP_TABLE};`);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    }
    db.exec(STATE);
    db.exec(createSql(tableSet(liveGeneration(db))));
  }).immediate();
}

/** Drops and recreates the tables of one generation: the fastest way to empty it. */
export function resetTables(db: Database.Database, t: TableSet): void {
  db.exec(dropSql(t));
  db.exec(createSql(t));
}

/**
 * Starts a rebuild: a new generation's tables, empty, beside the live ones (a rebuild that died
 * before its swap left its tables: they go first), and a fresh log of live writes.
 */
export function beginGeneration(db: Database.Database): TableSet {
  return db.transaction(() => {
    const live = liveGeneration(db);
    for (const gen of generationsInFile(db)) if (gen !== live) db.exec(dropSql(tableSet(gen)));
    const next = tableSet(live + 1);
    db.exec(createSql(next));
    db.prepare("INSERT OR REPLACE INTO index_state (key, gen) VALUES ('building', ?)").run(next.gen);
    db.exec('DELETE FROM index_changes');
    return next;
  }).immediate();
}

/** Takes the ids written to the live generation since the log was last read, emptying it. */
export function takeChanges(db: Database.Database): string[] {
  const ids = db.prepare('SELECT id FROM index_changes').pluck().all() as string[];
  if (ids.length) db.exec('DELETE FROM index_changes');
  return ids;
}

/** Makes the built generation live, in the caller's write transaction; the old one's tables are dropped after. */
export function swapGeneration(db: Database.Database, built: TableSet): void {
  db.prepare("INSERT OR REPLACE INTO index_state (key, gen) VALUES ('live', ?)").run(built.gen);
  db.prepare("DELETE FROM index_state WHERE key = 'building'").run();
}

/** Drops every generation but the live one (the one a swap replaced, or one a failed rebuild left). */
export function dropOtherGenerations(db: Database.Database): void {
  db.transaction(() => {
    const live = liveGeneration(db);
    for (const gen of generationsInFile(db)) if (gen !== live) db.exec(dropSql(tableSet(gen)));
    db.prepare("DELETE FROM index_state WHERE key = 'building'").run();
    db.exec('DELETE FROM index_changes');
  }).immediate();
}
