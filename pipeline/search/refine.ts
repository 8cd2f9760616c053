/**
 * What a reader needs around the hits to narrow or widen a search: facet counts that stay
 * visible when values of that facet are picked (each facet counted without its own filter, so
 * picking 工作报告 still shows how many 实施意见 there are: OR inside a facet, AND across facets),
 * and, when nothing matched, what would match: the query in the other script, or a filter dropped.
 * Engine-independent: it only asks the engine more queries.
 * @module
 */
import { Converter } from 'opencc-js/cn2t';
import { fold } from './fold.js';
import { filterList } from './options.js';
import type { Facets, FacetName, SearchEngine, SearchFilters, SearchQuery } from './types.js';

/** Facets whose own filter is a list of values, and the year facet with its range. */
const LIST_FACETS = ['type', 'level', 'region', 'issuer', 'docNumber', 'findingKind'] as const satisfies readonly FacetName[];

type ListFacet = (typeof LIST_FACETS)[number];

/** The filters without one facet's filter (the year facet's is the range). */
function without(filters: SearchFilters, name: ListFacet | 'year'): SearchFilters {
  const rest = { ...filters };
  if (name === 'year') {
    delete rest.yearFrom;
    delete rest.yearTo;
  } else delete rest[name];
  return rest;
}

function yearSet(f: SearchFilters): boolean {
  return f.yearFrom !== undefined || f.yearTo !== undefined;
}

async function countOf(engine: SearchEngine, query: SearchQuery, filters: SearchFilters): Promise<{ total: number; facets: Facets }> {
  const { total, facets } = await engine.search({ ...query, filters, page: 1, limit: 1 });
  return { total, facets };
}

/**
 * The facets of a result with each filtered facet counted as if its own filter were off (one
 * engine query per such facet); the other facets as the result gave them.
 */
export async function facetsKeptVisible(engine: SearchEngine, query: SearchQuery, facets: Facets): Promise<Facets> {
  const filters = query.filters ?? {};
  const active = [...LIST_FACETS.filter((f) => filterList(filters[f]).length > 0), ...(yearSet(filters) ? ['year' as const] : [])];
  const counted = await Promise.all(active.map(async (name) => [name, (await countOf(engine, query, without(filters, name))).facets[name]] as const));
  return { ...facets, ...Object.fromEntries(counted) };
}

/** A way out of an empty result, with how many hits it gives. */
export type Suggestion =
  | { kind: 'script'; q: string; total: number }
  | { kind: 'dropFilter'; filter: ListFacet; value: string; total: number }
  | { kind: 'dropYears'; total: number }
  | { kind: 'dropAll'; total: number };

let traditional: ((s: string) => string) | undefined;

/** The query in simplified and in traditional script, those that differ from it. */
function otherScripts(q: string): string[] {
  const toTraditional = (traditional ??= Converter({ from: 'cn', to: 'tw' }));
  return [...new Set([fold(q), toTraditional(q)])].filter((v) => v.toLowerCase() !== q.toLowerCase() && v.trim() !== '');
}

/**
 * For a query that found nothing: the other script's form (searched too, so a reader learns the
 * script was not the reason when it finds nothing either), each filter value dropped on its own,
 * and with several filters, all of them dropped.
 * Only suggestions that find something are returned, besides the script forms tried.
 */
export async function suggestionsFor(engine: SearchEngine, query: SearchQuery): Promise<{ tried: string[]; suggestions: Suggestion[] }> {
  const filters = query.filters ?? {};
  const tried = otherScripts(query.q);
  const asks: Promise<Suggestion>[] = tried.map(async (q) => ({ kind: 'script' as const, q, total: (await countOf(engine, { ...query, q }, filters)).total }));
  for (const name of LIST_FACETS) {
    const values = filterList(filters[name]);
    for (const value of values) {
      const rest = values.filter((v) => v !== value);
      const next = rest.length ? { ...filters, [name]: rest } : without(filters, name);
      asks.push(countOf(engine, query, next).then(({ total }) => ({ kind: 'dropFilter', filter: name, value, total })));
    }
  }
  if (yearSet(filters)) asks.push(countOf(engine, query, without(filters, 'year')).then(({ total }) => ({ kind: 'dropYears', total })));
  // Where no single filter is to blame, all of them together may be.
  if (asks.length - tried.length > 1) asks.push(countOf(engine, query, {}).then(({ total }) => ({ kind: 'dropAll', total })));
  return { tried, suggestions: (await Promise.all(asks)).filter((s) => s.total > 0) };
}
