/**
 * The end-of-batch report both runners give: `{sources, documents, unchanged, failed:[{path, error}]}`.
 * @module
 */
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
}

export function summarize(outcomes: readonly FileOutcome[]): IngestSummary {
  const summary: IngestSummary = { sources: 0, documents: 0, unchanged: 0, failed: [], nearDuplicates: [] };
  for (const o of [...outcomes].sort((a, b) => a.path.localeCompare(b.path))) {
    if (o.status === 'stored') {
      summary.sources += 1;
      summary.documents += o.added.length;
      for (const d of o.nearDuplicates ?? []) summary.nearDuplicates.push({ path: o.path, ...d });
    } else if (o.status === 'unchanged') summary.unchanged += 1;
    else summary.failed.push({ path: o.path, error: o.failure.message, code: o.failure.code, stage: o.failure.stage });
  }
  return summary;
}
