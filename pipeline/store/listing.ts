/**
 * Reading the archive's documents in bulk without holding the archive in memory: lists select
 * every column but the text (a list never shows it, and the texts of a whole archive are hundreds
 * of megabytes), filter and page in SQL, and whole-archive passes (reindex, reanalyze) walk the
 * document ids in batches bounded by a count and by characters of text.
 * @module
 */
import type Database from 'better-sqlite3';
import type { HistoryEvent } from '../types.js';
import type { DocumentSummary } from './archive.js';

/** Every column of `documents` a summary reads: all but `text`. */
export const SUMMARY_COLUMNS = 'id, title, subtitle, type, level, region, issuer, date, year, doc_number, history, piece, truncated, length';

/**
 * The index a list is read from alone, in its order. The table's columns after `text` (length,
 * doc_number, history…) are reached only through the text's overflow pages: listing a full archive
 * from the table read all of its 190 MB. Made on open after migrate.ts, as it names added columns.
 */
export const LIST_INDEX = `CREATE INDEX IF NOT EXISTS documents_list ON documents (created_at, ${SUMMARY_COLUMNS})`;

export function summaryOf(row: Record<string, unknown>): DocumentSummary {
  return {
    id: row.id as string,
    title: row.title as string,
    subtitle: row.subtitle as string | null,
    type: row.type as DocumentSummary['type'],
    level: row.level as DocumentSummary['level'],
    region: row.region as string | null,
    issuer: row.issuer as string | null,
    date: row.date as string | null,
    year: row.year as number | null,
    docNumber: row.doc_number as string | null,
    history: row.history == null ? [] : (JSON.parse(row.history as string) as HistoryEvent[]),
    piece: row.piece as string | null,
    truncated: row.truncated === 1,
    length: row.length as number,
  };
}

/** Which documents a list shows; every field given narrows it. */
export interface DocumentFilter {
  type?: readonly string[];
  level?: readonly string[];
  /** Part of the title (letters in any case), the start of the id, or part of the piece label. */
  q?: string;
  /** The start of the id only. */
  idPrefix?: string;
}

/** `x LIKE prefix%` with the pattern's own wildcards taken literally. */
function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function whereOf(filter: DocumentFilter): { where: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  for (const [column, values] of [['type', filter.type], ['level', filter.level]] as const) {
    if (!values || values.length === 0) continue;
    conditions.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  }
  const needle = filter.q?.trim().toLowerCase();
  if (needle) {
    // lower() folds ASCII only, as far as titles need: Chinese has no case.
    conditions.push("(instr(lower(title), ?) > 0 OR id LIKE ? ESCAPE '\\' OR instr(coalesce(piece, ''), ?) > 0)");
    params.push(needle, likePrefix(needle), needle);
  }
  if (filter.idPrefix !== undefined) {
    conditions.push("id LIKE ? ESCAPE '\\'");
    params.push(likePrefix(filter.idPrefix));
  }
  return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

/** Summaries of the documents that pass the filter, oldest first; a page of them when `page` is given. */
export function listDocuments(db: Database.Database, filter: DocumentFilter = {}, page?: { limit: number; offset: number }): DocumentSummary[] {
  const { where, params } = whereOf(filter);
  const paging = page ? 'LIMIT ? OFFSET ?' : '';
  const rows = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM documents ${where} ORDER BY created_at, id ${paging}`)
    .all(...params, ...(page ? [page.limit, page.offset] : [])) as Record<string, unknown>[];
  return rows.map(summaryOf);
}

/** How many documents pass the filter. */
export function countDocuments(db: Database.Database, filter: DocumentFilter = {}): number {
  const { where, params } = whereOf(filter);
  return db.prepare(`SELECT count(*) FROM documents ${where}`).pluck().get(...params) as number;
}

/** How large one batch of a whole-archive pass may grow. */
export interface BatchBudget {
  /** Most documents in a batch. */
  docs: number;
  /** Most characters of text in a batch; a longer document is a batch on its own. */
  chars: number;
}

/**
 * The ids of every document archived up to now (rowid order, which is the order of archiving), in
 * batches within the budget. Read page by page with a keyset, so the archive is never listed whole;
 * documents archived while the walk runs are included when their rowid comes after its position.
 */
export function* documentBatches(db: Database.Database, budget: BatchBudget): Generator<string[]> {
  const page = db.prepare('SELECT rowid AS r, id, length FROM documents WHERE rowid > ? ORDER BY rowid LIMIT ?');
  let after = 0;
  let batch: string[] = [];
  let chars = 0;
  for (;;) {
    const rows = page.all(after, budget.docs) as { r: number; id: string; length: number }[];
    if (rows.length === 0) break;
    for (const { r, id, length } of rows) {
      after = r;
      if (batch.length > 0 && (batch.length >= budget.docs || chars + length > budget.chars)) {
        yield batch;
        batch = [];
        chars = 0;
      }
      batch.push(id);
      chars += length;
    }
  }
  if (batch.length > 0) yield batch;
}
