/**
 * Keeps the search engine in step with the archive: documents the archive holds and the engine
 * lacks are indexed with their stored findings. Runs at start and after each upload batch;
 * indexing is an idempotent upsert, so a document indexed twice (by another process too) is still
 * one document.
 * @module
 */
import type { Archive } from '../pipeline/store/archive.js';
import { MAX_LIMIT } from '../pipeline/search/options.js';
import { toIndexDocument, type SearchEngine } from '../pipeline/search/index.js';
import { recordFromStored } from '../pipeline/compare/documents.js';

/** Documents per upsert: bounds memory while a large archive is indexed. */
const BATCH = 50;

/** Ids of every document the engine holds (an empty query lists them all). */
async function indexedIds(engine: SearchEngine): Promise<Set<string>> {
  const ids = new Set<string>();
  for (let page = 1; ; page++) {
    const result = await engine.search({ q: '', in: 'documents', limit: MAX_LIMIT, page });
    for (const hit of result.hits) ids.add(hit.docId);
    if (result.hits.length < MAX_LIMIT) return ids;
  }
}

/** Indexes the archived documents the engine does not have; returns how many it indexed. */
export async function syncIndex(archive: Archive, engine: SearchEngine): Promise<number> {
  await engine.ensureIndex();
  const have = await indexedIds(engine);
  const missing = archive.listDocuments().filter((d) => !have.has(d.id)).map((d) => d.id);
  for (let i = 0; i < missing.length; i += BATCH) {
    const docs = missing.slice(i, i + BATCH).flatMap((id) => {
      const doc = archive.getDocument(id);
      if (!doc) return [];
      return [toIndexDocument(recordFromStored(doc), archive.findings({ docId: id }))];
    });
    await engine.upsert(docs);
  }
  return missing.length;
}
