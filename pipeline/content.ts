/**
 * The content step of one source, as a runner hands it to a content thread (or runs it in its own):
 * the stages after extraction, and, for the SQLite index, each document's column text made ready
 * to write (folded, segmented, bigrams). Both are pure computation on the text, so the thread that
 * writes the archive and the index only writes. What crosses the thread is plain data: the records
 * below are that stage boundary.
 * @module
 */
import { crashPoint } from './crash-point.js';
import { processExtraction } from './flow.js';
import { toIndexDocuments } from './indexing.js';
import { writableOf, type WritableDoc } from './search/sqlite/write.js';
import type { PackedSource } from './store/archive.js';
import { packDocument, type PackedDocument } from './store/packed-document.js';
import type { AnalyzedDocument, Extraction, Level, ProcessedSource } from './types.js';

/** One source's extraction, to be taken through the content stages. */
export interface ContentRequest {
  path: string;
  extraction: Extraction;
  level?: Level;
  /** Make the documents' SQLite index columns too (the engine is SQLite). */
  prepareIndex: boolean;
}

/**
 * What the content stages made of a source. `packed`: its documents' values as the archive stores
 * them, in document order. `prepared`: their index rows, ready to insert, or null when not asked for or when
 * making them failed (the writer then indexes the usual way, and reports that failure as the index
 * stage's). With both, nothing reads the documents' sections and findings again: they may be left
 * out (see content-wire.ts); without index rows, the documents are whole.
 */
export type ContentResult =
  | { processed: ProcessedSource; packed: PackedDocument[]; prepared: null }
  | { processed: ProcessedSource | PackedSource; packed: PackedDocument[]; prepared: WritableDoc[] };

/** The content stages of one source, on the calling thread. Throws a PipelineError naming the stage. */
export function runContent(request: ContentRequest): ContentResult & { processed: ProcessedSource } {
  crashPoint('content', request.path);
  const processed = processExtraction(request.extraction, request.path, request.level);
  return { processed, packed: processed.documents.map(packDocument), prepared: request.prepareIndex ? prepareIndex(processed) : null };
}

/** The documents' SQLite index rows: their text folded and segmented, their findings and entities as units. */
export function indexColumns(documents: readonly AnalyzedDocument[]): WritableDoc[] {
  return toIndexDocuments(documents).map(writableOf);
}

/** The documents' index columns, or null: an index fault is never the source's (see indexing.ts). */
function prepareIndex(processed: ProcessedSource): WritableDoc[] | null {
  try {
    return indexColumns(processed.documents);
  } catch {
    return null;
  }
}
