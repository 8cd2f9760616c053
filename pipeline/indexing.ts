/**
 * The index stage: documents go into the search engine with their findings, after the archive
 * holds them. Upserts replace a document wholesale, so indexing twice is indexing once.
 * @module
 */
import { toIndexDocument, type SearchEngine } from './search/index.js';
import type { Archive } from './store/archive.js';
import type { AnalyzedDocument } from './types.js';

/** Documents per upsert when rebuilding: bounds memory however large the archive. */
const REINDEX_BATCH = 250;

/** Indexes the documents of one processed source. */
export async function indexDocuments(engine: SearchEngine, documents: readonly AnalyzedDocument[]): Promise<void> {
  if (documents.length === 0) return;
  await engine.upsert(documents.map((d) => toIndexDocument(d, d.analysis.findings)));
}

/** Indexes archived documents by id, with their stored findings. */
export async function indexStored(archive: Archive, engine: SearchEngine, ids: readonly string[]): Promise<void> {
  const docs = ids.flatMap((id) => {
    const doc = archive.getDocument(id);
    return doc ? [toIndexDocument(doc, archive.findings({ docId: id }))] : [];
  });
  if (docs.length) await engine.upsert(docs);
}

/** Rebuilds the engine from the archive: settings applied, old entries cleared, every document indexed. */
export async function reindexAll(archive: Archive, engine: SearchEngine, onProgress?: (done: number, total: number) => void): Promise<number> {
  await engine.ensureIndex();
  await engine.clear();
  const ids = archive.listDocuments().map((d) => d.id);
  for (let i = 0; i < ids.length; i += REINDEX_BATCH) {
    await indexStored(archive, engine, ids.slice(i, i + REINDEX_BATCH));
    onProgress?.(Math.min(i + REINDEX_BATCH, ids.length), ids.length);
  }
  return ids.length;
}
