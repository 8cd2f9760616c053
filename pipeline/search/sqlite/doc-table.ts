/**
 * The facet values of every document, kept in memory by the searcher: totals and document facets
 * are counted from the document numbers of matched units against it, and a top list's documents
 * are filtered by it, without looking a document up in SQLite.
 * @module
 */
import { emptyFacets } from '../facets.js';
import { filterList } from '../options.js';
import type { FacetName, Facets, SearchFilters } from '../types.js';

/** The document facets kept in memory, in this order (the columns the searcher selects). */
export const DOC_FACETS = ['type', 'level', 'region', 'issuer', 'year', 'docNumber'] as const satisfies readonly FacetName[];
export type DocRow = [number, ...(string | number | null)[]];

/**
 * Per facet, the number of each document's value in a list of values (-1 for none). Counting a
 * match is then a few array increments, where keying objects by strings cost more than the match
 * itself on large results.
 */
export interface DocTable {
  /** Per facet: document number → index into `values` (-1: no value, or no such document). */
  index: Int32Array[];
  values: string[][];
  known: Uint8Array;
}

export function buildDocTable(rows: readonly DocRow[]): DocTable {
  const size = rows.reduce((max, [n]) => Math.max(max, n), 0) + 1;
  const known = new Uint8Array(size);
  const index = DOC_FACETS.map(() => new Int32Array(size).fill(-1));
  const values = DOC_FACETS.map(() => [] as string[]);
  DOC_FACETS.forEach((_, f) => {
    const seen = new Map<string, number>();
    for (const row of rows) {
      const v = row[f + 1];
      if (v === null || v === undefined) continue;
      const key = String(v);
      let at = seen.get(key);
      if (at === undefined) {
        at = values[f]!.push(key) - 1;
        seen.set(key, at);
      }
      index[f]![row[0]] = at;
    }
  });
  for (const [n] of rows) known[n] = 1;
  return { index, values, known };
}

/** Facet counts per value (as DocTable numbers them) turned into facets, values with no count left out. */
function toFacets(counts: readonly Float64Array[], docs: DocTable): Facets {
  const facets = emptyFacets();
  DOC_FACETS.forEach((name, f) => {
    counts[f]!.forEach((c, at) => {
      if (c > 0) facets[name][docs.values[f]![at]!] = c;
    });
  });
  return facets;
}

/** Adds `weight` to the facet counts of document n. */
function addDoc(counts: Float64Array[], docs: DocTable, n: number, weight: number): void {
  if (n >= docs.known.length || docs.known[n] === 0) return;
  for (let f = 0; f < counts.length; f++) {
    const at = docs.index[f]![n]!;
    if (at >= 0) counts[f]![at]! += weight;
  }
}

/**
 * Total and document facets from the document numbers of the matched units, given as SQLite's
 * group_concat of them ("12,12,15"): one string crosses into JavaScript instead of a row per document.
 */
export function countFacets(docNumbers: string | null, docs: DocTable, perDocument: boolean): { total: number; facets: Facets } {
  const counts = docs.values.map((v) => new Float64Array(v.length));
  const seen = perDocument ? new Set<number>() : null;
  let total = 0;
  const add = (n: number) => {
    if (seen) {
      if (seen.has(n)) return;
      seen.add(n);
    }
    total += 1;
    addDoc(counts, docs, n, 1);
  };
  if (docNumbers) forEachNumber(docNumbers, add);
  return { total, facets: toFacets(counts, docs) };
}

/** Calls `fn` with each number of a comma-separated list of non-negative integers. */
export function forEachNumber(list: string, fn: (n: number) => void): void {
  let n = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list.charCodeAt(i);
    if (c === 44) {
      fn(n);
      n = 0;
    } else n = n * 10 + (c - 48);
  }
  fn(n);
}

/**
 * Total and document facets over documents given with their number of matched units, those
 * `pass` refuses left out; in documents mode each counts once.
 */
export function countDocs(docNumbers: Int32Array, units: Int32Array, docs: DocTable, perDocument: boolean, pass: DocPredicate | null): { total: number; facets: Facets } {
  const counts = docs.values.map((v) => new Float64Array(v.length));
  let total = 0;
  for (let i = 0; i < docNumbers.length; i++) {
    const n = docNumbers[i]!;
    if (pass && !pass(n)) continue;
    const weight = perDocument ? 1 : units[i]!;
    total += weight;
    addDoc(counts, docs, n, weight);
  }
  return { total, facets: toFacets(counts, docs) };
}

export type DocPredicate = (n: number) => boolean;

/** Filters on a document's own fields, by the facet that holds the field. */
const VALUE_FILTERS = [['type', 'type'], ['level', 'level'], ['region', 'region'], ['issuer', 'issuer'], ['docNumber', 'docNumber']] as const;

/**
 * The document filters of a query as a test on document numbers, meaning what the SQL of
 * search.ts does (`column IN (…)`, `year >= ? AND year <= ?`; no value never passes); null when
 * the query filters no document field.
 */
export function docPredicate(filters: SearchFilters, docs: DocTable): DocPredicate | null {
  const tests: { index: Int32Array; ok: Uint8Array }[] = [];
  for (const [name, facet] of VALUE_FILTERS) {
    const wanted = filterList(filters[name]);
    if (wanted.length === 0) continue;
    const f = DOC_FACETS.indexOf(facet);
    tests.push({ index: docs.index[f]!, ok: Uint8Array.from(docs.values[f]!, (v) => (wanted.includes(v) ? 1 : 0)) });
  }
  const { yearFrom, yearTo } = filters;
  if (yearFrom !== undefined || yearTo !== undefined) {
    const f = DOC_FACETS.indexOf('year');
    tests.push({
      index: docs.index[f]!,
      ok: Uint8Array.from(docs.values[f]!, (v) => (Number(v) >= (yearFrom ?? -Infinity) && Number(v) <= (yearTo ?? Infinity) ? 1 : 0)),
    });
  }
  if (tests.length === 0) return null;
  return (n) => tests.every(({ index, ok }) => {
    const at = n < index.length ? index[n]! : -1;
    return at >= 0 && ok[at] === 1;
  });
}
