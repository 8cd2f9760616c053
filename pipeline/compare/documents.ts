/**
 * Turning archived documents into what compare reads: a stored document back into a record, and a
 * record plus its findings (analyze runs here, so compare does not depend on stored findings).
 * @module
 */
import { analyze } from '../analyze/index.js';
import type { StoredDocument } from '../store/archive.js';
import type { DocumentRecord } from '../types.js';
import type { CompareDoc } from './types.js';

/** A stored document as the record analyze takes (fields the archive does not keep get neutral values). */
export function recordFromStored(doc: StoredDocument): DocumentRecord {
  return {
    id: doc.id,
    text: doc.text,
    piece: doc.piece,
    titleCandidates: [],
    sections: doc.sections,
    truncated: doc.truncated,
    pageRange: doc.provenance[0]?.pageRange ?? null,
    changes: {},
    meta: doc.meta,
  };
}

/**
 * A document with the requirements analyze finds in it. Both sides of a comparison are read as
 * prescribing text (analyze takes requirements only from opinions and notices), so a local opinion
 * the classifier mistyped still has its requirements.
 */
export function compareDocFrom(doc: DocumentRecord | StoredDocument): CompareDoc {
  const record = 'provenance' in doc ? recordFromStored(doc) : doc;
  const normative = record.meta.type === 'notice' ? record : { ...record, meta: { ...record.meta, type: 'opinion' as const } };
  const findings = analyze(normative).findings.filter((f) => f.type === 'requirement');
  return { id: record.id, title: record.meta.title, text: record.text, sections: record.sections, findings };
}
