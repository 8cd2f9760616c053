/**
 * Re-analysis: findings and clause tokens are made once, when a document is archived. After the
 * rules or the lexicon change, this runs analyze again over the archived documents, puts each new
 * analysis in place of the old, and re-indexes the documents whose findings changed (the search
 * index holds findings as units; clause units do not depend on analysis).
 * @module
 */
import { analyze } from './analyze/index.js';
import { indexStored } from './indexing.js';
import type { SearchEngine } from './search/types.js';
import type { Archive } from './store/archive.js';

/** Documents analyzed, and re-indexed, per step: bounds memory however large the archive. */
const BATCH = 250;

export interface ReanalyzeSummary {
  documents: number;
  /** Documents whose findings differ from the stored ones. */
  changed: string[];
  findingsBefore: number;
  findingsAfter: number;
}

export async function reanalyzeAll(archive: Archive, engine: SearchEngine, onProgress?: (done: number, total: number) => void): Promise<ReanalyzeSummary> {
  const ids = archive.listDocuments().map((d) => d.id);
  const summary: ReanalyzeSummary = { documents: ids.length, changed: [], findingsBefore: 0, findingsAfter: 0 };
  for (let i = 0; i < ids.length; i += BATCH) {
    const changed: string[] = [];
    for (const id of ids.slice(i, i + BATCH)) {
      const doc = archive.getDocument(id);
      if (!doc) continue;
      const analysis = analyze(doc);
      const stored = JSON.stringify(archive.findings({ docId: id }));
      summary.findingsBefore += archive.replaceAnalysis(id, analysis);
      summary.findingsAfter += analysis.findings.length;
      if (JSON.stringify(analysis.findings) !== stored) changed.push(id);
    }
    if (changed.length) await indexStored(archive, engine, changed);
    summary.changed.push(...changed);
    onProgress?.(Math.min(i + BATCH, ids.length), ids.length);
  }
  return summary;
}
