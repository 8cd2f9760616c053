/**
 * A document's values as the archive stores them (its text, sections and findings deflated), made
 * where the content stages run: packing is pure computation, and the thread that writes the
 * archive is the one every source waits for.
 * @module
 */
import type { AnalyzedDocument } from '../types.js';
import { packFindings } from './finding-sets.js';
import { packText } from './packed-text.js';
import { packSections } from './section-sets.js';

/**
 * `documents.text`, `section_sets.sections` and `finding_sets.findings` (with `finding_sets.count`)
 * of one document (null: it has none). With them, the archive needs nothing else of its sections and
 * findings, which then need not cross to the writing thread (see content-wire.ts).
 */
export interface PackedDocument {
  text: Uint8Array;
  sections: Uint8Array | null;
  findings: Uint8Array | null;
  findingCount: number;
}

export function packDocument(doc: AnalyzedDocument): PackedDocument {
  return {
    text: packText(doc.text),
    sections: doc.sections.length > 0 ? packSections(doc.sections, doc.text) : null,
    findings: doc.analysis.findings.length > 0 ? packFindings(doc.analysis.findings) : null,
    findingCount: doc.analysis.findings.length,
  };
}
