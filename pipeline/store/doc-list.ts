/**
 * A page of the archive's documents, filtered and sorted in SQL over the document columns only:
 * a list of ten thousand documents must not read ten thousand texts.
 * @module
 */
import type Database from 'better-sqlite3';
import { DOC_TYPES } from '../types.js';
import type { DocumentSummary } from './archive.js';
import { summaryOf } from './listing.js';

export type DocSort = 'added' | 'date' | 'title' | 'type';

export interface DocListQuery {
  /** Part of the title (any case), the start of the id, or part of the piece name. */
  q?: string | undefined;
  type?: readonly string[] | undefined;
  level?: readonly string[] | undefined;
  year?: readonly number[] | undefined;
  /**
   * `added`: as archived; `date`: undated last; `title`: by code point (SQLite has no pinyin
   * collation); `type`: in the order of DOC_TYPES, as `wenshi compile --order type` prints.
   * @defaultValue 'added'
   */
  sort?: DocSort | undefined;
  /** Newest / last first. */
  desc?: boolean | undefined;
  limit: number;
  offset: number;
}

/**
 * Every column a summary shows, never `text`; and the document's first source file (as
 * `getDocument` orders its provenance), by name only: server paths stay on the server.
 */
const COLUMNS = `id, title, subtitle, type, level, region, issuer, date, year, doc_number, history, piece, truncated, length,
  (SELECT s.path FROM provenance p JOIN sources s ON s.sha256 = p.source_sha WHERE p.doc_id = documents.id ORDER BY s.path LIMIT 1) AS source_path`;

/** A summary in a list: with the name of the file it came from. */
export interface ListedDocument extends DocumentSummary {
  source: string | null;
}

const fileName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

const TYPE_RANK = `CASE type ${DOC_TYPES.map((t, i) => `WHEN '${t}' THEN ${i}`).join(' ')} ELSE ${DOC_TYPES.length} END`;

/** The sort key; `id` last so pages never overlap when keys tie. */
function orderBy(sort: DocSort, desc: boolean): string {
  const dir = desc ? 'DESC' : 'ASC';
  switch (sort) {
    case 'date':
      // A date when there is one, else the year alone; undated documents last either way.
      return `(COALESCE(date, CAST(year AS TEXT)) IS NULL), COALESCE(date, CAST(year AS TEXT)) ${dir}, id`;
    case 'title':
      return `title ${dir}, id`;
    case 'type':
      return `${TYPE_RANK} ${dir}, created_at, id`;
    case 'added':
      return `created_at ${dir}, id`;
  }
}

const marks = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

export function listDocumentPage(db: Database.Database, query: DocListQuery): { total: number; docs: ListedDocument[] } {
  const where: string[] = [];
  const args: (string | number)[] = [];
  const needle = query.q?.trim().toLowerCase();
  if (needle) {
    where.push("(instr(lower(title), ?) > 0 OR substr(id, 1, length(?)) = ? OR instr(COALESCE(piece, ''), ?) > 0)");
    args.push(needle, needle, needle, needle);
  }
  for (const [column, values] of [['type', query.type], ['level', query.level], ['year', query.year]] as const) {
    if (!values?.length) continue;
    where.push(`${column} IN (${marks(values.length)})`);
    args.push(...values);
  }
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (db.prepare(`SELECT count(*) AS n FROM documents ${filter}`).get(...args) as { n: number }).n;
  const rows = db.prepare(`SELECT ${COLUMNS} FROM documents ${filter} ORDER BY ${orderBy(query.sort ?? 'added', query.desc ?? false)} LIMIT ? OFFSET ?`)
    .all(...args, query.limit, query.offset) as Record<string, unknown>[];
  return {
    total,
    docs: rows.map((row) => ({ ...summaryOf(row), source: typeof row.source_path === 'string' ? fileName(row.source_path) : null })),
  };
}
