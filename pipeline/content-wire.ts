/**
 * A content result as it crosses from a content thread to the writing thread. Structured clone
 * copies every string it meets, and the writing thread, which every source waits for, takes each
 * copy apart and then, binding it, converts it to UTF-8 for SQLite. The FTS5 column texts, a
 * third of what crossed, go instead as one run of UTF-8 bytes whose buffer is transferred, not
 * copied, and are bound as those bytes (see {@link ColumnText}).
 * @module
 */
import type { ContentResult } from './content.js';
import type { ColumnText, PreparedDoc } from './search/sqlite/write.js';

/**
 * The column texts of a source's prepared documents in order (each document's t and bt, then each
 * of its units' h, b and bb) as UTF-8: text k is `bytes` from `ends[k - 1]` (0 for the first) to `ends[k]`.
 */
export interface PackedColumns {
  bytes: Uint8Array;
  ends: Uint32Array;
}

/** A result on the wire: its prepared documents' columns empty, their texts in `columns`. */
export interface ContentWire extends ContentResult {
  columns: PackedColumns | null;
}

/** Each column text of the documents, in {@link PackedColumns} order. */
function* columnTexts(prepared: readonly PreparedDoc[]): Generator<ColumnText> {
  for (const p of prepared) {
    yield p.t;
    yield p.bt;
    for (const u of p.units) {
      yield u.h;
      yield u.b;
      yield u.bb;
    }
  }
}

/**
 * The result as a content thread posts it, and the buffers to transfer with it. Empties the
 * columns of `result` itself: the thread posts it and keeps nothing.
 */
export function toWire(result: ContentResult): { wire: ContentWire; transfer: ArrayBuffer[] } {
  const { prepared } = result;
  if (!prepared) return { wire: { ...result, columns: null }, transfer: [] };
  const texts = [...columnTexts(prepared)];
  const ends = new Uint32Array(texts.length);
  let end = 0;
  texts.forEach((t, k) => (ends[k] = end += Buffer.byteLength(t)));
  // Not from Buffer's shared pool: a buffer of its own can be transferred.
  const bytes = Buffer.allocUnsafeSlow(end);
  texts.forEach((t, k) => {
    const at = k === 0 ? 0 : ends[k - 1]!;
    if (typeof t === 'string') bytes.write(t, at);
    else bytes.set(t, at);
  });
  for (const p of prepared) {
    p.t = p.bt = '';
    for (const u of p.units) u.h = u.b = u.bb = '';
  }
  return { wire: { ...result, columns: { bytes, ends } }, transfer: [bytes.buffer as ArrayBuffer] };
}

/** The result as the writing thread takes it: the columns put back in place, as views of the bytes (an empty text as ''). */
export function fromWire({ columns, ...result }: ContentWire): ContentResult {
  if (!columns || !result.prepared) return result;
  const { bytes, ends } = columns;
  let k = 0;
  const next = (): ColumnText => {
    const start = k === 0 ? 0 : ends[k - 1]!;
    const end = ends[k++]!;
    return end > start ? bytes.subarray(start, end) : '';
  };
  for (const p of result.prepared) {
    p.t = next();
    p.bt = next();
    for (const u of p.units) {
      u.h = next();
      u.b = next();
      u.bb = next();
    }
  }
  return result;
}
