/**
 * What every finding shares: its stable id, its document and clause, and its exact sentence.
 * @module
 */
import { hash } from 'node:crypto';
import type { DocumentRecord } from '../types.js';
import type { Finding, FindingType } from './types.js';

function findingId(docId: string, start: number, end: number, type: FindingType, n: number): string {
  const key = `${docId}\u0000${start}\u0000${end}\u0000${type}${n ? `\u0000${n}` : ''}`;
  return hash('sha1', key).slice(0, 16);
}

/** What analyze reads of a document. */
export type Analyzed = Pick<DocumentRecord, 'id' | 'text' | 'sections' | 'meta'>;

/** A letter or a number: what makes a token a word. */
export const WORDLIKE = /[\p{L}\p{N}]/u;

export type Base = Omit<Finding, 'id' | 'docId' | 'clausePath' | 'sentence'>;

/**
 * Fills in what every finding shares: id, document, clause and the exact sentence text. Fields are
 * copied one by one: a spread of `base` cost more than the rest of this function.
 */
export function finish(doc: Analyzed, path: string, base: Base, n = 0): Finding {
  return {
    id: findingId(doc.id, base.start, base.end, base.type, n),
    docId: doc.id,
    clausePath: path,
    sentence: doc.text.slice(base.start, base.end),
    type: base.type,
    kind: base.kind,
    modality: base.modality,
    marker: base.marker,
    actor: base.actor,
    actorFrom: base.actorFrom,
    action: base.action,
    object: base.object,
    frequency: base.frequency,
    quantity: base.quantity,
    deadline: base.deadline,
    condition: base.condition,
    sanction: base.sanction,
    start: base.start,
    end: base.end,
    rule: base.rule,
  };
}

