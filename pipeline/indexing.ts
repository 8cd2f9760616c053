/**
 * The index stage: documents go into the search engine with their findings, after the archive
 * holds them. Upserts replace a document wholesale, so indexing twice is indexing once.
 * @module
 */
import { createHash } from 'node:crypto';
import type { Finding } from './analyze/types.js';
import { holdPoint } from './crash-point.js';
import { relieveMemory } from './memory.js';
import type { FailureInfo } from './errors.js';
import type { Entity } from './entities/types.js';
// Not search/index.js, which loads both engines: the content threads make index documents too.
import type { IndexDocument, IndexFinding, SearchEngine } from './search/types.js';
import { toIndexDocument } from './search/units.js';
import type { Archive } from './store/archive.js';
import type { BatchBudget } from './store/listing.js';
import type { AnalyzedDocument, Section } from './types.js';

/**
 * Documents per upsert when rebuilding, and their characters of text: bounds memory however large
 * the archive, and however large its documents (two batches are in flight at once, each several
 * times its text once folded, segmented and cut into bigrams, and FTS5's pending postings). Peak
 * RSS of a reindex of the scale corpus: 4 M characters 840 MB, 1 M 600 MB; with
 * {@link relieveMemory}, 1 M 400 MB and 500 k 330 MB, in the same CPU time.
 */
export const REINDEX_BUDGET: BatchBudget = { docs: 250, chars: 500_000 };

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

/** The documents as the search engines take them: each with its findings and entities as units. */
export function toIndexDocuments(documents: readonly AnalyzedDocument[]): IndexDocument[] {
  return documents.map((d) => toIndexDocument(d, indexFindings(d.id, d.sections, d.analysis.findings, d.entities)));
}

/** Indexes the documents of one processed source. */
export async function indexDocuments(engine: SearchEngine, documents: readonly AnalyzedDocument[]): Promise<void> {
  if (documents.length === 0) return;
  await engine.upsert(toIndexDocuments(documents));
}

/** An engine write that failed: a transient fault of the index stage, never of the source. */
export function indexFailure(err: unknown): FailureInfo {
  return { code: 'TRANSIENT', message: `search index not updated: ${err instanceof Error ? err.message : String(err)}`, stage: 'index' };
}

/**
 * Indexes the documents of a source the archive has just stored and clears its pending mark.
 * Without an engine the mark stays for a later catch-up. Returns why the engine failed, or null.
 */
export async function indexSource(engine: SearchEngine | undefined, archive: Archive, sha: string, documents: readonly AnalyzedDocument[]): Promise<FailureInfo | null> {
  if (!engine) return null;
  try {
    await indexDocuments(engine, documents);
  } catch (err) {
    return indexFailure(err);
  }
  archive.markIndexed(sha);
  return null;
}

/** What a catch-up did: sources whose documents it made searchable, and those still waiting. */
export interface CatchUp {
  indexed: number;
  notIndexed: { path: string; failure: FailureInfo }[];
}

/**
 * Indexes every source stored but not confirmed indexed (its process died in between, or the index
 * was locked), from the archive. Cheap when there are none: one read of a small table. Stops at the
 * first engine failure, which would only repeat for each source after the engine's busy timeout;
 * the rest are reported with it and stay marked for the next catch-up.
 */
export async function catchUpIndex(archive: Archive, engine: SearchEngine): Promise<CatchUp> {
  const result: CatchUp = { indexed: 0, notIndexed: [] };
  // An index that holds nothing while the archive holds documents (its file was of an older schema
  // and emptied, or the engine is new) is missing every source, not only those marked.
  if (archive.counts().documents > 0 && (await engine.stats()).documents === 0) archive.markAllUnindexed();
  let failure: FailureInfo | null = null;
  for (const sha of archive.unindexedSources()) {
    if (!failure) {
      try {
        await indexStored(archive, engine, archive.documentsOf(sha));
        archive.markIndexed(sha);
        result.indexed += 1;
        continue;
      } catch (err) {
        failure = indexFailure(err);
      }
    }
    result.notIndexed.push({ path: archive.source(sha)?.path ?? sha, failure });
  }
  return result;
}

/** Archived documents by id, with their stored findings, as the engine indexes them. */
export function storedIndexDocuments(archive: Archive, ids: readonly string[]): IndexDocument[] {
  return ids.flatMap((id) => {
    const doc = archive.getDocument(id);
    return doc ? [toIndexDocument(doc, indexFindings(id, doc.sections, archive.findings({ docId: id }), archive.entities(id)))] : [];
  });
}

/** Indexes archived documents by id, with their stored findings. */
export async function indexStored(archive: Archive, engine: SearchEngine, ids: readonly string[]): Promise<void> {
  const docs = storedIndexDocuments(archive, ids);
  if (docs.length) await engine.upsert(docs);
}

/**
 * Runs `task` over the items in order with at most two at once: while one batch is written, the
 * next is being segmented (the engine's upsert awaits segmentation before it writes).
 */
export async function twoAtATime<T>(items: Iterable<T>, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let previous: Promise<void> = Promise.resolve();
  let i = 0;
  for (const item of items) {
    const current = task(item, i++);
    // Attached now, so a failure of this one is not unhandled while the previous is awaited.
    current.catch(() => {});
    await previous;
    previous = current;
  }
  await previous;
}

/**
 * Rebuilds the engine from the archive, settings applied, beside the index searches read until it
 * is swapped in (see {@link SearchEngine.rebuild}); documents written to the old index meanwhile
 * are indexed again from the archive.
 */
export async function reindexAll(archive: Archive, engine: SearchEngine, onProgress?: (done: number, total: number) => void): Promise<number> {
  // Sources waiting for the index now are covered by this rebuild; those stored meanwhile index themselves.
  const pending = archive.unindexedSources();
  await engine.ensureIndex();
  const total = archive.countDocuments();
  let done = 0;
  const load = () => twoAtATime(archive.documentBatches(REINDEX_BUDGET), async (batch, i) => {
    await indexStored(archive, engine, batch);
    relieveMemory();
    if (i === 0) await holdPoint('reindex-batch');
    done += batch.length;
    onProgress?.(done, Math.max(done, total));
  });
  await engine.rebuild(load, (ids) => indexStored(archive, engine, ids));
  for (const sha of pending) archive.markIndexed(sha);
  return done;
}
