/**
 * Translation between our contract and Meilisearch: one record per unit (clause or finding)
 * with the document's fields copied on, filters as filter expressions, and a parsed query back
 * into Meilisearch's query syntax.
 * @module
 */
import { createHash } from 'node:crypto';
import { fold } from '../fold.js';
import { filterList } from '../options.js';
import type { ParsedQuery, Term } from '../query.js';
import type { IndexDocument, SearchFilters, SearchIn } from '../types.js';
import { documentUnits } from '../units.js';

/** A unit as stored in Meilisearch: searchable fields folded, the original kept for display. */
export interface MeiliRecord {
  id: string;
  docId: string;
  kind: 'clause' | 'finding';
  ord: number;
  title: string;
  heading: string;
  text: string;
  rawTitle: string;
  rawText: string;
  path: string;
  start: number;
  end: number;
  type: string;
  level: string;
  region: string | null;
  issuer: string | null;
  year: number | null;
  date: string | null;
  docNumber: string | null;
  findingId: string | null;
  findingKind: string | null;
  modality: string | null;
  findingKinds: string[];
}

/** Record ids must be `[A-Za-z0-9_-]`; a document id may hold anything, so it is hashed. */
function recordKey(docId: string): string {
  return createHash('sha256').update(docId).digest('hex').slice(0, 24);
}

export function toRecords(doc: IndexDocument): MeiliRecord[] {
  const key = recordKey(doc.id);
  const title = fold(doc.title);
  return documentUnits(doc).map((u) => ({
    id: `${key}-${u.ord}`,
    docId: doc.id,
    kind: u.kind,
    ord: u.ord,
    title,
    heading: fold(u.heading),
    text: fold(u.text),
    rawTitle: doc.title,
    rawText: u.text,
    path: u.path,
    start: u.start,
    end: u.end,
    type: doc.type,
    level: doc.level,
    region: doc.region,
    issuer: doc.issuer,
    year: doc.year,
    date: doc.date,
    docNumber: doc.docNumber,
    findingId: u.findingId,
    findingKind: u.findingKind,
    modality: u.modality,
    findingKinds: u.findingKinds,
  }));
}

/** A string literal in a filter expression. */
export function literal(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function inList(attribute: string, values: readonly string[]): string {
  return `${attribute} IN [${values.map(literal).join(', ')}]`;
}

/** The facet that holds finding kinds for a mode. */
export function kindAttribute(mode: SearchIn): 'findingKind' | 'findingKinds' {
  return mode === 'findings' ? 'findingKind' : 'findingKinds';
}

/** Filters on a document's own fields; each is an attribute of every record of the document. */
const DOC_FILTERS = ['type', 'level', 'region', 'issuer', 'docNumber'] as const;

/** Facets on a document's own fields, asked for alongside the finding kinds. */
export const DOC_FACETS = ['type', 'level', 'region', 'year', 'issuer', 'docNumber'] as const;

/** Filter expressions (ANDed) for a search. */
export function filterExpressions(filters: SearchFilters, mode: SearchIn): string[] {
  const out = [`kind = ${literal(mode === 'findings' ? 'finding' : 'clause')}`];
  for (const name of DOC_FILTERS) {
    const values = filterList(filters[name]);
    if (values.length > 0) out.push(inList(name, values));
  }
  if (filters.yearFrom !== undefined) out.push(`year >= ${filters.yearFrom}`);
  if (filters.yearTo !== undefined) out.push(`year <= ${filters.yearTo}`);
  const kinds = filterList(filters.findingKind);
  if (kinds.length > 0) out.push(inList(kindAttribute(mode), kinds));
  return out;
}

function termSyntax(term: Term): string {
  const text = term.text.replace(/"/g, ' ').trim();
  return term.quoted ? `"${text}"` : text;
}

/** The parsed query in Meilisearch syntax; synonyms are left to the index's own settings. */
export function meiliQuery(parsed: ParsedQuery): string {
  return [
    ...parsed.required.map(termSyntax),
    ...parsed.excluded.map((t) => `-${termSyntax(t)}`),
  ].join(' ');
}
