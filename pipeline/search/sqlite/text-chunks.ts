/**
 * A document's text as the search file keeps it (see schema.ts): chunks of TEXT_CHUNK UTF-16 code
 * units, each the raw DEFLATE of its UTF-16LE with the generation's preset dictionary, the first
 * TEXT_DICTIONARY_CHARS characters of text written to it. A chunk of 1,024 characters has little
 * of its own to refer back to; the dictionary gives it the common wording of the corpus (10 % of
 * the scale corpus: 0.40 → 0.31 of the text, the same from any documents' text).
 *
 * The dictionary is one row of the generation, made from the texts of the first batch written to
 * it (a rebuild's: the archive's first documents) and kept until the generation is emptied; it is
 * read in each transaction that needs it, never kept across them, as another process may empty
 * the generation and write it a new one.
 * @module
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type Database from 'better-sqlite3';
import { TEXT_CHUNK, type TableSet } from './schema.js';

/**
 * The texts a data folder's archive keeps (the store's ArchiveTexts), read instead of a copy of
 * its own: a document the archive holds, with the same length, when it is indexed has no text in
 * the search file (0.36 of the text at 10 % of the scale corpus), and its snippets are cut from the
 * archive's text. A document's id is a hash of its text, so the archive's text under an id is the
 * one indexed under it; a document the archive no longer holds shows an empty snippet.
 */
export interface ArchivedTexts {
  /** The ids of `docs` the archive holds with that length (UTF-16 code units). */
  holds(docs: readonly { id: string; length: number }[]): Set<string>;
  /** Each span's text, null where the archive does not hold the document. */
  spans(spans: readonly { id: string; start: number; end: number }[]): (string | null)[];
}

/** Characters of text the dictionary holds: 32,000 bytes of UTF-16LE, within DEFLATE's 32 KiB window. */
export const TEXT_DICTIONARY_CHARS = 16_000;

/** A generation's dictionary, null before its first text; `prepare` may hand out a cached statement. */
export function readDictionary(prepare: (sql: string) => Database.Statement, t: TableSet): Buffer | null {
  return (prepare(`SELECT dictionary FROM ${t.textDictionary}`).pluck().get() as Buffer | undefined) ?? null;
}

/**
 * The generation's dictionary, made from `texts` (and written) when it has none yet; null while
 * no text has been written. In the caller's write transaction.
 */
export function dictionaryFor(db: Database.Database, t: TableSet, texts: readonly string[]): Buffer | null {
  const stored = readDictionary((sql) => db.prepare(sql), t);
  if (stored) return stored;
  let text = '';
  for (const piece of texts) {
    text += piece.slice(0, TEXT_DICTIONARY_CHARS - text.length);
    if (text.length === TEXT_DICTIONARY_CHARS) break;
  }
  if (text.length === 0) return null;
  const dictionary = Buffer.from(text, 'utf16le');
  db.prepare(`INSERT INTO ${t.textDictionary} (dictionary) VALUES (?)`).run(dictionary);
  return dictionary;
}

const options = (dictionary: Buffer | null) => (dictionary ? { dictionary } : {});

/** A document's text as `docs.text` and `docs.text_ends` hold it. */
export function packChunks(text: string, dictionary: Buffer | null): { text: Buffer; textEnds: Buffer } {
  const chunks: Buffer[] = [];
  for (let at = 0; at < text.length; at += TEXT_CHUNK) {
    chunks.push(deflateRawSync(Buffer.from(text.slice(at, at + TEXT_CHUNK), 'utf16le'), options(dictionary)));
  }
  const ends = Buffer.alloc(4 * chunks.length);
  let end = 0;
  chunks.forEach((c, i) => ends.writeUInt32LE((end += c.length), 4 * i));
  return { text: Buffer.concat(chunks), textEnds: ends };
}

/** The text of one chunk. */
export function unpackChunk(bytes: Buffer, dictionary: Buffer | null): string {
  return inflateRawSync(bytes, options(dictionary)).toString('utf16le');
}
