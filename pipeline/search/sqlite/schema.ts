/**
 * The SQLite search file (`<dataDir>/search.sqlite`, WAL): documents, their units (clauses and
 * findings), the finding kinds of each clause, and one contentless FTS5 table over the units.
 *
 * A unit's id (also its FTS5 rowid) is `doc × 2^21 + ord × 2 + kind` (kind 0 clause, 1 finding):
 * the document and the kind of every match are known from the rowid alone, so totals, facets
 * and filters never have to look a matched unit up.
 *
 * FTS5 columns: `t` title words, `h` heading words, `b` body words (jieba search mode, for
 * BM25 ranking) and `bt`/`bb` title/body Chinese bigrams (for literal matching). All hold
 * folded text already split into tokens (streams.ts), so the `ascii` tokenizer only splits on
 * spaces; the original is in `units.text` for snippets.
 * @module
 */
import type Database from 'better-sqlite3';

/** Bumped whenever the layout or the token streams change; an older file is rebuilt empty. */
export const SCHEMA_VERSION = 5;

export const UNIT_KIND = { clause: 0, finding: 1 } as const;

/** Bits of a unit id below the document number. */
export const DOC_SHIFT = 21;
/** Units (clauses + findings) one document can hold. */
export const MAX_UNITS_PER_DOC = 2 ** (DOC_SHIFT - 1);

export function unitId(doc: number, ord: number, kind: 0 | 1): number {
  return doc * 2 ** DOC_SHIFT + ord * 2 + kind;
}

/** The id range of a document's units, inclusive. */
export function unitRange(doc: number): [number, number] {
  return [doc * 2 ** DOC_SHIFT, (doc + 1) * 2 ** DOC_SHIFT - 1];
}

const CREATE = `
CREATE TABLE IF NOT EXISTS docs (
  n INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  type TEXT NOT NULL,
  level TEXT NOT NULL,
  region TEXT,
  issuer TEXT,
  year INTEGER,
  date TEXT,
  doc_number TEXT
);
CREATE TABLE IF NOT EXISTS units (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL,
  heading TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  text TEXT NOT NULL,
  finding_id TEXT,
  finding_kind TEXT,
  modality TEXT
);
CREATE TABLE IF NOT EXISTS unit_kinds (
  unit INTEGER NOT NULL,
  kind TEXT NOT NULL,
  PRIMARY KEY (unit, kind)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS units_fts USING fts5(
  t, h, b, bt, bb,
  content = '', contentless_delete = 1, tokenize = 'ascii'
);
`;

const DROP = `
DROP TABLE IF EXISTS units_fts;
DROP TABLE IF EXISTS unit_kinds;
DROP TABLE IF EXISTS units;
DROP TABLE IF EXISTS docs;
`;

/** Creates the tables; a file from another schema version is emptied first (it is derived data). */
export function ensureSchema(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version !== SCHEMA_VERSION) {
    db.exec(DROP);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }
  db.exec(CREATE);
}

/** Drops and recreates every table: the fastest way to empty the file and reclaim its pages. */
export function resetSchema(db: Database.Database): void {
  db.exec(DROP);
  db.exec(CREATE);
}
