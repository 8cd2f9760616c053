/**
 * A document's text as the archive stores it: chunks of TEXT_CHUNK UTF-16 code units, each the raw
 * DEFLATE (level 4) of its UTF-16LE, so that a span of it (a search hit's snippet) inflates the one
 * or two chunks it lies in instead of the whole text. Measured on the 10 % scale corpus, per UTF-8
 * byte of text: 0.329 (one stream of UTF-8, as before: 0.327; chunks of UTF-8 0.365, and decoding
 * UTF-8 took twice as long: ~80 against ~37 µs a chunk; 2,048 units 0.362, 8,192 0.306). SQL cannot
 * read the packed text (no `length(text)`, `substr` or `LIKE` on it): `length` has its own column,
 * and every reader unpacks in JavaScript.
 *
 * Layout: the byte 0xFF (a raw DEFLATE stream never starts so: its first block would have the
 * reserved type 3), the chunk count n (uint32 LE), n offsets in the value where each chunk ends,
 * then the chunks. Archives made before hold one DEFLATE stream of the text's UTF-8, or plain
 * TEXT, and both read.
 * @module
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';

const LEVEL = 4;
const CHUNKED = 0xff;
/** The first byte of a chunked value, for SQL to tell one (`substr(text, 1, 1) = ?`). */
export const CHUNKED_MARK = Buffer.from([CHUNKED]);
/** UTF-16 code units of text per chunk. */
export const TEXT_CHUNK = 4096;

export function packText(text: string): Buffer {
  const chunks: Buffer[] = [];
  for (let at = 0; at < text.length; at += TEXT_CHUNK) {
    chunks.push(deflateRawSync(Buffer.from(text.slice(at, at + TEXT_CHUNK), 'utf16le'), { level: LEVEL }));
  }
  const head = Buffer.alloc(5 + 4 * chunks.length);
  head.writeUInt8(CHUNKED, 0);
  head.writeUInt32LE(chunks.length, 1);
  let end = head.length;
  chunks.forEach((c, i) => head.writeUInt32LE((end += c.length), 5 + 4 * i));
  return Buffer.concat([head, ...chunks]);
}

const isChunked = (stored: Buffer): boolean => stored.length > 0 && stored[0] === CHUNKED;

/** Chunks `first` to `last` of a chunked value, whose bytes from `from` on are `bytes`, inflated and joined. */
function inflateChunks(table: Buffer, bytes: Buffer, from: number, first: number, last: number): string {
  const n = table.readUInt32LE(1);
  const byteEnd = (i: number) => (i < 0 ? 5 + 4 * n : table.readUInt32LE(5 + 4 * i));
  let text = '';
  for (let i = first; i <= last; i++) text += inflateRawSync(bytes.subarray(byteEnd(i - 1) - from, byteEnd(i) - from)).toString('utf16le');
  return text;
}

/** The text of a stored `documents.text`: chunked, one stream, or plain TEXT as archives made before hold it. */
export function unpackText(stored: Buffer | string): string {
  if (typeof stored === 'string') return stored;
  if (!isChunked(stored)) return inflateRawSync(stored).toString('utf8');
  return inflateChunks(stored, stored, 0, 0, stored.readUInt32LE(1) - 1);
}

/** Bytes `length` bytes long from `from` of a stored value (fewer at its end). */
export type ValueReader = (from: number, length: number) => Buffer;

/**
 * The text between two UTF-16 offsets of a stored `documents.text` (a BLOB) read piece by piece:
 * `head`, its first bytes (any number), then through `read` (SQL `substr()`, which reads only the
 * pages it needs) the chunk table if the head does not hold it and the chunks holding the span,
 * inflated alone. A value of one stream is read and inflated whole.
 */
export function readSpan(head: Buffer, read: ValueReader, start: number, end: number): string {
  if (!isChunked(head)) return unpackText(read(0, 2 ** 31 - 1)).slice(start, end);
  const n = (head.length >= 5 ? head : read(0, 5)).readUInt32LE(1);
  if (end <= start || n === 0) return '';
  const table = head.length >= 5 + 4 * n ? head : read(0, 5 + 4 * n);
  const first = Math.min(n - 1, Math.floor(start / TEXT_CHUNK));
  const last = Math.min(n - 1, Math.floor((end - 1) / TEXT_CHUNK));
  const byteEnd = (i: number) => (i < 0 ? 5 + 4 * n : table.readUInt32LE(5 + 4 * i));
  const from = byteEnd(first - 1);
  const bytes = byteEnd(last) <= head.length ? head.subarray(from, byteEnd(last)) : read(from, byteEnd(last) - from);
  const at = start - first * TEXT_CHUNK;
  return inflateChunks(table, bytes, from, first, last).slice(at, at + end - start);
}

/** The text of a stored `documents.text` between two UTF-16 offsets, inflating only the chunks that hold it. */
export function unpackSpan(stored: Buffer | string, start: number, end: number): string {
  if (typeof stored === 'string') return stored.slice(start, end);
  return readSpan(stored, (from, length) => stored.subarray(from, from + length), start, end);
}

/** A JSON value as stored beside the text (a document's findings, its sections): its JSON in one DEFLATE stream. */
export function packJson(value: unknown): Buffer {
  return deflateRawSync(Buffer.from(JSON.stringify(value), 'utf8'), { level: LEVEL });
}

export function unpackJson(packed: Buffer): unknown {
  return JSON.parse(unpackText(packed));
}
