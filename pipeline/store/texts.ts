/**
 * The archive's document texts, for a module that keeps none of its own (the search file's
 * snippets), read through a read-only connection of that module's. A document's id is a hash of its
 * text (classify), so the text read here for an id is the one indexed under it, whatever state
 * either file is in: only a document the archive does not hold (deleted since, another data folder)
 * can differ, and a caller is told so by its absence.
 * @module
 */
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { archiveFile } from './archive-file.js';
import { CHUNKED_MARK, readSpan } from './packed-text.js';

/** Bytes of a text read first: its chunk table whole up to 254 chunks (a million characters). */
const HEAD_BYTES = 1024;

/**
 * The documents of a JSON array of ids an archive holds in chunks (a text of an archive made before
 * is one stream, which a span of would inflate whole), with their lengths; bound to the ids' JSON
 * and {@link CHUNKED_MARK}, read raw.
 */
export const HELD_TEXTS_SQL = `SELECT id, length FROM documents WHERE id IN (SELECT value FROM json_each(?))
  AND typeof(text) = 'blob' AND substr(text, 1, 1) = ?`;

/** The ids of `docs` an archive holds with that text length (UTF-16 code units), asked through `held` ({@link HELD_TEXTS_SQL}). */
export function heldTexts(held: Database.Statement, docs: readonly { id: string; length: number }[]): Set<string> {
  if (docs.length === 0) return new Set();
  const rows = held.raw(true).all(JSON.stringify(docs.map((d) => d.id)), CHUNKED_MARK) as [string, number][];
  const lengths = new Map(rows);
  return new Set(docs.filter((d) => lengths.get(d.id) === d.length).map((d) => d.id));
}

export class ArchiveTexts {
  readonly #file: string;
  #db: Database.Database | null = null;
  /** Statements of the open connection, prepared on first use (a group write or a page of hits each). */
  #held: Database.Statement | null = null;
  #part: Database.Statement | null = null;

  constructor(dataDir: string) {
    this.#file = archiveFile(dataDir);
  }

  /** The connection, opened when the archive first exists (an index may be written before it is). */
  #open(): Database.Database | null {
    if (!this.#db && existsSync(this.#file)) {
      this.#db = new Database(this.#file, { readonly: true, fileMustExist: true });
      this.#db.pragma('busy_timeout = 5000');
    }
    return this.#db;
  }

  /** The ids of `docs` the archive holds with that text length (UTF-16 code units), in chunks: see {@link heldTexts}. */
  holds(docs: readonly { id: string; length: number }[]): Set<string> {
    const db = this.#open();
    if (!db || docs.length === 0) return new Set();
    this.#held ??= db.prepare(HELD_TEXTS_SQL);
    return heldTexts(this.#held, docs);
  }

  /**
   * Each span's text, null where the archive does not hold the document; read in one transaction
   * (one snapshot), a span's chunks only (`substr()` reads the pages it needs: reading 10 whole
   * texts took ~2 ms, their chunks ~0.5).
   */
  spans(spans: readonly { id: string; start: number; end: number }[]): (string | null)[] {
    const db = this.#open();
    if (!db || spans.length === 0) return spans.map(() => null);
    const part = (this.#part ??= db.prepare('SELECT substr(text, ?, ?) FROM documents WHERE id = ?').pluck());
    return db.transaction(() => spans.map(({ id, start, end }) => {
      const head = part.get(1, HEAD_BYTES, id) as Buffer | string | undefined;
      if (head === undefined) return null;
      if (typeof head === 'string') return (part.get(1, 2 ** 31 - 1, id) as string).slice(start, end);
      return readSpan(head, (from, length) => part.get(from + 1, length, id) as Buffer, start, end);
    }))();
  }

  close(): void {
    this.#db?.close();
    this.#db = null;
    this.#held = null;
    this.#part = null;
  }
}
