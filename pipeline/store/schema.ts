/**
 * Archive schema. `CREATE … IF NOT EXISTS` throughout, so opening an archive is also migrating a new
 * one; a column added to a table here is added to an existing archive's table on open (migrate.ts).
 * Tables read only by their primary key are WITHOUT ROWID: the key is then the table, where a rowid
 * table stores every key twice (the rows, and the index behind the key). Archives made before keep
 * their rowid tables, which read the same.
 * @module
 */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS sources (
  sha256        TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  path          TEXT NOT NULL,
  size          INTEGER NOT NULL,
  format        TEXT,
  media_type    TEXT,
  encoding      TEXT,
  pages         INTEGER,
  -- OCR engine and per-page confidence (low pages flagged), for scanned sources.
  ocr           TEXT,
  -- Which program read the text where more than one can (word-extractor, or LibreOffice as fallback).
  reader        TEXT,
  status        TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
  error_code    TEXT,
  error_message TEXT,
  error_stage   TEXT,
  attempts      INTEGER NOT NULL DEFAULT 0,
  updated_at    TEXT NOT NULL,
  -- The queue batch that stored it (null in embedded mode): a job that batch queues again, after
  -- Redis lost its outcome, reports what the batch stored instead of "unchanged".
  batch         TEXT
);
CREATE TABLE IF NOT EXISTS source_paths (
  sha256 TEXT NOT NULL REFERENCES sources(sha256),
  path   TEXT NOT NULL,
  PRIMARY KEY (sha256, path)
);
CREATE TABLE IF NOT EXISTS documents (
  id         TEXT PRIMARY KEY,
  title      TEXT NOT NULL,
  -- A ——在…上的报告 line under the title, without its dashes.
  subtitle   TEXT,
  type       TEXT NOT NULL,
  issuer     TEXT,
  level      TEXT NOT NULL,
  region     TEXT,
  date       TEXT,
  year       INTEGER,
  piece      TEXT,
  -- UTF-8 in raw DEFLATE (packed-text.ts); archives made before hold it as TEXT, and both read.
  text       BLOB NOT NULL,
  length     INTEGER NOT NULL,
  truncated  INTEGER NOT NULL,
  rules      TEXT NOT NULL,
  -- 文史资料: series, volume, byline and the years the text covers.
  collection  TEXT,
  volume      TEXT,
  author      TEXT,
  narrator    TEXT,
  period_from INTEGER,
  period_to   INTEGER,
  -- 发文字号 with the year in 〔〕, and the adoption/revision history as a JSON array (null: none).
  doc_number  TEXT,
  history     TEXT,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS provenance (
  doc_id     TEXT NOT NULL REFERENCES documents(id),
  source_sha TEXT NOT NULL REFERENCES sources(sha256),
  ordinal    INTEGER NOT NULL,
  piece      TEXT,
  page_from  INTEGER,
  page_to    INTEGER,
  changes    TEXT NOT NULL,
  -- 1 when storing this source brought the document into the archive (null in archives made before).
  added      INTEGER,
  PRIMARY KEY (doc_id, source_sha)
);
CREATE TABLE IF NOT EXISTS sections (
  doc_id  TEXT NOT NULL REFERENCES documents(id),
  ord     INTEGER NOT NULL,
  path    TEXT NOT NULL,
  label   TEXT NOT NULL,
  heading TEXT NOT NULL,
  kind    TEXT NOT NULL,
  depth   INTEGER NOT NULL,
  start   INTEGER NOT NULL,
  end     INTEGER NOT NULL,
  -- Where the heading is in the document's text, when it is kept as that span (heading then ''):
  -- headings are the opening words of their section, a third of the document's text again.
  heading_at  INTEGER,
  heading_end INTEGER,
  PRIMARY KEY (doc_id, ord)
) WITHOUT ROWID;
-- A document's findings in one value (finding-sets.ts): read by document, or all of them. Archives
-- made before kept a row per finding in \`findings\`, moved here on open (archive.ts).
CREATE TABLE IF NOT EXISTS finding_sets (
  doc_id   TEXT PRIMARY KEY REFERENCES documents(id),
  count    INTEGER NOT NULL,
  findings BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS entities (
  doc_id     TEXT NOT NULL REFERENCES documents(id),
  ord        INTEGER NOT NULL,
  kind       TEXT NOT NULL,
  text       TEXT NOT NULL,
  start      INTEGER NOT NULL,
  end        INTEGER NOT NULL,
  normalized TEXT,
  rule       TEXT NOT NULL,
  PRIMARY KEY (doc_id, ord)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dup_bands (
  band   INTEGER NOT NULL,
  key    INTEGER NOT NULL,
  doc_id TEXT NOT NULL REFERENCES documents(id),
  PRIMARY KEY (band, key, doc_id)
) WITHOUT ROWID;
-- A document that near-duplicates one archived before it (same speech on three sites, two printings).
CREATE TABLE IF NOT EXISTS near_duplicates (
  doc_id     TEXT NOT NULL REFERENCES documents(id),
  of_id      TEXT NOT NULL REFERENCES documents(id),
  similarity REAL NOT NULL,
  PRIMARY KEY (doc_id, of_id)
);
-- Sources stored whose documents the search engine has not confirmed yet (an outbox): marked in the
-- transaction that stores the source, cleared once the engine has them. A process that dies between
-- the two, or an index that stays locked, leaves the mark for the next ingest (or worker, or server
-- start) to catch up on. Archives made before this table count as indexed.
CREATE TABLE IF NOT EXISTS index_pending (
  sha256 TEXT PRIMARY KEY REFERENCES sources(sha256)
);
`;
