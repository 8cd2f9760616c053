/**
 * A content result as it crosses from a content thread to the writing thread. Structured clone
 * makes an object for every string it meets, and the writing thread, which every source waits
 * for, takes each apart: the FTS5 column texts (each document's title columns, and each unit's
 * heading, body and bigram columns: a third of what crossed, in ~6 strings a unit) go instead as
 * one string and their lengths, cut into slices on arrival. One string, not UTF-8 bytes in a
 * transferred buffer: those bytes, freed by the writing thread, left the process 58 MB larger at
 * full scale (422 MB peak, where 400 is the bound).
 * @module
 */
import type { ContentResult } from './content.js';
import type { WritableDoc } from './search/sqlite/write.js';
import type { PackedAnalyzedDocument } from './store/archive.js';
import type { AnalyzedDocument } from './types.js';

/**
 * The column texts of a source's prepared documents in order (each document's t and bt, then each
 * of its units' h, b and bb), end to end: text k is `lengths[k]` code units of `text`.
 */
export interface PackedColumns {
  text: string;
  lengths: Uint32Array;
}

/**
 * A result on the wire: its prepared documents' columns empty, their texts in `columns`, and their
 * texts empty too (each is its processed document's text, which crosses anyway: structured clone
 * writes a string once per place it is met). With index rows, its documents come without their
 * sections and findings, which the writer does not read: their rows are made and their values
 * packed (45 of 62 MB crossed at 10 % of the scale corpus).
 */
export type ContentWire = ContentResult & { columns: PackedColumns | null };

/** Each column text of the documents, in {@link PackedColumns} order. */
function* columnTexts(prepared: readonly WritableDoc[]): Generator<string> {
  for (const p of prepared) {
    yield p.t;
    yield p.bt;
    yield* p.columns;
  }
}

/** The result as a content thread posts it. Empties the columns of `result` itself: the thread posts it and keeps nothing. */
export function toWire(result: ContentResult): ContentWire {
  const { prepared, processed, packed } = result;
  if (!prepared) return { ...result, columns: null };
  const texts = [...columnTexts(prepared)];
  const columns = { text: texts.join(''), lengths: Uint32Array.from(texts, (t) => t.length) };
  prepared.forEach((p, i) => {
    p.t = p.bt = '';
    p.columns = [];
    if (p.text === processed.documents[i]?.text) p.text = '';
  });
  const documents = processed.documents.map(({ sections: _sections, analysis: _analysis, ...doc }: PackedAnalyzedDocument & Partial<AnalyzedDocument>) => doc);
  return { processed: { extraction: processed.extraction, documents }, packed, prepared, columns };
}

/** The result as the writing thread takes it: the columns and texts put back in place. */
export function fromWire({ columns, ...result }: ContentWire): ContentResult {
  if (!columns || !result.prepared) return result;
  const { text, lengths } = columns;
  let k = 0;
  let at = 0;
  const next = (): string => text.slice(at, (at += lengths[k++]!));
  result.prepared.forEach((p, i) => {
    p.t = next();
    p.bt = next();
    // Three columns per unit; a document's text is only ever emptied where its processed document holds it.
    for (let u = 0; u < p.kindMasks.length; u++) p.columns.push(next(), next(), next());
    if (p.text === '') p.text = result.processed.documents[i]?.text ?? '';
  });
  return result;
}
