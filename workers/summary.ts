/**
 * The end-of-batch report both runners give: `{sources, documents, unchanged, failed:[{path, error}]}`,
 * plus what the run did for the search index.
 * @module
 */
import type { CatchUp } from '../pipeline/indexing.js';
import type { FileOutcome } from '../pipeline/ingest.js';

export interface IngestSummary {
  /** Sources stored by this run. */
  sources: number;
  /** Documents this run added to the archive. */
  documents: number;
  /** Sources whose bytes were already archived. */
  unchanged: number;
  failed: { path: string; error: string; code: string; stage: string }[];
  /** New documents that near-duplicate archived ones (`docId` ≈ `of`). */
  nearDuplicates: { path: string; docId: string; of: string; similarity: number }[];
  /** Sources stored by an earlier run, not searchable until this run indexed them. */
  caughtUp: number;
  /** Sources stored (now or earlier) whose documents the search engine did not take: the next run tries again. */
  notIndexed: { path: string; error: string; code: string }[];
  /** What the walk passed over, and why (the archive's own data folder, a FIFO, a link to a folder already walked). */
  skipped: Skipped[];
}

export interface Skipped {
  path: string;
  reason: string;
}

/** What a batch reports besides its files' outcomes. */
export interface SummaryExtras {
  catchUp?: CatchUp;
  skipped?: readonly Skipped[];
}

/** A catch-up that found nothing to do. */
export const NOTHING_CAUGHT_UP: CatchUp = { indexed: 0, notIndexed: [] };

export function summarize(outcomes: readonly FileOutcome[], { catchUp = NOTHING_CAUGHT_UP, skipped = [] }: SummaryExtras = {}): IngestSummary {
  const summary: IngestSummary = {
    sources: 0, documents: 0, unchanged: 0, failed: [], nearDuplicates: [], caughtUp: catchUp.indexed,
    notIndexed: catchUp.notIndexed.map((n) => ({ path: n.path, error: n.failure.message, code: n.failure.code })),
    skipped: skipped.map(({ path, reason }) => ({ path, reason })).sort((a, b) => a.path.localeCompare(b.path)),
  };
  // A source is counted stored once, whatever number of its paths report it so (two files with the
  // same bytes, or a queue job run again after Redis lost the first report); the others are unchanged.
  const counted = new Set<string>();
  for (const o of [...outcomes].sort((a, b) => a.path.localeCompare(b.path))) {
    if (o.status === 'stored' && counted.has(o.sha256)) summary.unchanged += 1;
    else if (o.status === 'stored') {
      counted.add(o.sha256);
      summary.sources += 1;
      summary.documents += o.added.length;
      for (const d of o.nearDuplicates ?? []) summary.nearDuplicates.push({ path: o.path, ...d });
    } else if (o.status === 'unchanged') summary.unchanged += 1;
    else summary.failed.push({ path: o.path, error: o.failure.message, code: o.failure.code, stage: o.failure.stage });
    if (o.status !== 'failed' && o.indexError) summary.notIndexed.push({ path: o.path, error: o.indexError.message, code: o.indexError.code });
  }
  return summary;
}
