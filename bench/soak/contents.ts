/**
 * What a data folder holds, read without taking any lock: the archive's document ids and those of
 * the live search index, for the soak's figures.
 * @module
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { liveGeneration, tableSet } from '../../pipeline/search/sqlite/schema.js';

function ids(db: Database.Database, sql: string): Set<string> {
  return new Set(db.prepare(sql).pluck().all() as string[]);
}

/** Document ids of the archive, and of the live search index (with how many rows it has). */
export function contents(data: string): { stored: Set<string>; indexed: Set<string>; indexRows: number } {
  const archive = new Database(join(data, 'archive.sqlite'), { readonly: true });
  const index = new Database(join(data, 'search.sqlite'), { readonly: true });
  try {
    const { docs } = tableSet(liveGeneration(index));
    return {
      stored: ids(archive, 'SELECT id FROM documents'),
      indexed: ids(index, `SELECT id FROM ${docs}`),
      indexRows: index.prepare(`SELECT count(*) FROM ${docs}`).pluck().get() as number,
    };
  } finally {
    archive.close();
    index.close();
  }
}

/** Sources stored in the archive so far, 0 before a worker has made it. */
export function storedSources(data: string): number {
  if (!existsSync(join(data, 'archive.sqlite'))) return 0;
  const archive = new Database(join(data, 'archive.sqlite'), { readonly: true });
  try {
    const made = archive.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sources'").get();
    return made ? (archive.prepare("SELECT count(*) FROM sources WHERE status = 'ok'").pluck().get() as number) : 0;
  } finally {
    archive.close();
  }
}

/** A data folder's documents against the ones expected: each must be stored once and searchable. */
export interface DocumentFigures {
  expected: number;
  stored: number;
  searchable: number;
  lost: number;
  /** Documents stored beyond the expected ones, plus index rows beyond one per document. */
  duplicated: number;
  unsearchable: number;
}

export function documentFigures(expected: ReadonlySet<string>, data: string): DocumentFigures {
  const { stored, indexed, indexRows } = contents(data);
  const lost = [...expected].filter((id) => !stored.has(id)).length;
  return {
    expected: expected.size,
    stored: stored.size,
    searchable: [...stored].filter((id) => indexed.has(id)).length,
    lost,
    duplicated: stored.size - (expected.size - lost) + (indexRows - indexed.size),
    unsearchable: [...stored].filter((id) => !indexed.has(id)).length,
  };
}
