/**
 * The index stage: documents go into the search engine with their findings, after the archive
 * holds them. Upserts replace a document wholesale, so indexing twice is indexing once.
 * @module
 */
import { createHash } from 'node:crypto';
import type { Finding } from './analyze/types.js';
import type { Entity } from './entities/types.js';
import { toIndexDocument, type IndexFinding, type SearchEngine } from './search/index.js';
import type { Archive } from './store/archive.js';
import type { AnalyzedDocument, Section } from './types.js';

/** Documents per upsert when rebuilding: bounds memory however large the archive. */
const REINDEX_BATCH = 250;

/** Path of the innermost section holding a span ('' outside every section). */
function pathAt(sections: readonly Section[], start: number): string {
  let best: Section | undefined;
  for (const s of sections) if (s.start <= start && start < s.end && (!best || s.depth >= best.depth)) best = s;
  return best?.path ?? '';
}

/**
 * What the engine indexes as findings: the analyze stage's, plus entities as findings of type
 * `entity` whose kind is person/place/organisation/date, so they can be searched and filtered.
 */
export function indexFindings(docId: string, sections: readonly Section[], findings: readonly Finding[], entities: readonly Entity[]): IndexFinding[] {
  return [
    ...findings,
    ...entities.map((e) => ({
      id: createHash('sha1').update(`${docId}\u0000${e.start}\u0000${e.end}\u0000${e.kind}`).digest('hex').slice(0, 16),
      clausePath: pathAt(sections, e.start),
      type: 'entity',
      kind: e.kind,
      modality: null,
      sentence: e.text,
      start: e.start,
      end: e.end,
    })),
  ];
}

/** Indexes the documents of one processed source. */
export async function indexDocuments(engine: SearchEngine, documents: readonly AnalyzedDocument[]): Promise<void> {
  if (documents.length === 0) return;
  await engine.upsert(documents.map((d) => toIndexDocument(d, indexFindings(d.id, d.sections, d.analysis.findings, d.entities))));
}

/** Indexes archived documents by id, with their stored findings. */
export async function indexStored(archive: Archive, engine: SearchEngine, ids: readonly string[]): Promise<void> {
  const docs = ids.flatMap((id) => {
    const doc = archive.getDocument(id);
    return doc ? [toIndexDocument(doc, indexFindings(id, doc.sections, archive.findings({ docId: id }), archive.entities(id)))] : [];
  });
  if (docs.length) await engine.upsert(docs);
}

/**
 * Runs `task` over the items in order with at most two at once: while one batch is written, the
 * next is being segmented (the engine's upsert awaits segmentation before it writes).
 */
export async function twoAtATime<T>(items: readonly T[], task: (item: T, index: number) => Promise<void>): Promise<void> {
  let previous: Promise<void> = Promise.resolve();
  for (const [i, item] of items.entries()) {
    const current = task(item, i);
    // Attached now, so a failure of this one is not unhandled while the previous is awaited.
    current.catch(() => {});
    await previous;
    previous = current;
  }
  await previous;
}

/** Rebuilds the engine from the archive: settings applied, old entries cleared, every document indexed. */
export async function reindexAll(archive: Archive, engine: SearchEngine, onProgress?: (done: number, total: number) => void): Promise<number> {
  await engine.ensureIndex();
  await engine.clear();
  const ids = archive.listDocuments().map((d) => d.id);
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += REINDEX_BATCH) batches.push(ids.slice(i, i + REINDEX_BATCH));
  let done = 0;
  await engine.bulkLoad(() => twoAtATime(batches, async (batch) => {
    await indexStored(archive, engine, batch);
    onProgress?.((done += batch.length), ids.length);
  }));
  return ids.length;
}
