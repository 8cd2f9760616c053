/**
 * Re-analysis: findings are made once, when a document is archived. After the
 * rules or the lexicon change, this runs analyze again over the archived documents, puts each new
 * analysis in place of the old, and re-indexes the documents whose findings changed (the search
 * index holds findings as units; clause units do not depend on analysis).
 * @module
 */
import { analyze } from './analyze/index.js';
import { indexStored, REINDEX_BUDGET } from './indexing.js';
import { relieveMemory } from './memory.js';
import type { SearchEngine } from './search/types.js';
import type { Archive } from './store/archive.js';


export interface ReanalyzeSummary {
  documents: number;
  /** Documents whose findings differ from the stored ones. */
  changed: string[];
  findingsBefore: number;
  findingsAfter: number;
}

export async function reanalyzeAll(archive: Archive, engine: SearchEngine, onProgress?: (done: number, total: number) => void): Promise<ReanalyzeSummary> {
  const total = archive.countDocuments();
  const summary: ReanalyzeSummary = { documents: 0, changed: [], findingsBefore: 0, findingsAfter: 0 };
  // Analyzed, and re-indexed, a batch at a time: memory stays bounded however large the archive.
  for (const batch of archive.documentBatches(REINDEX_BUDGET)) {
    const changed: string[] = [];
    for (const id of batch) {
      const doc = archive.getDocument(id);
      if (!doc) continue;
      const analysis = analyze(doc);
      const stored = JSON.stringify(archive.findings({ docId: id }));
      summary.findingsBefore += archive.replaceAnalysis(id, analysis);
      summary.findingsAfter += analysis.findings.length;
      if (JSON.stringify(analysis.findings) !== stored) changed.push(id);
    }
    if (changed.length) await indexStored(archive, engine, changed);
    relieveMemory();
    summary.changed.push(...changed);
    summary.documents += batch.length;
    onProgress?.(summary.documents, Math.max(summary.documents, total));
  }
  return summary;
}
