/**
 * Query options with their defaults spread once and checked, shared by both engines.
 * @module
 */
import { normalizeDocNumber } from '../doc-number.js';
import { DOC_TYPES, LEVELS } from '../types.js';
import type { SearchConfig } from './config.js';
import { parseQuery, type ParsedQuery } from './query.js';
import type { SearchFilters, SearchIn, SearchQuery } from './types.js';

/** Largest page an engine returns. */
export const MAX_LIMIT = 1000;

export interface ResolvedQuery {
  parsed: ParsedQuery;
  in: SearchIn;
  filters: SearchFilters;
  limit: number;
  page: number;
  sort: 'relevance' | 'date';
}

const IN_VALUES: readonly SearchIn[] = ['documents', 'clauses', 'findings'];

/** Filters whose values are codes: any other value is a mistake, not an empty result. */
const CODED_FILTERS: readonly (readonly ['type' | 'level', readonly string[]])[] = [['type', DOC_TYPES], ['level', LEVELS]];

/** The filters checked, and 发文字号 values in their one written form (the index holds that form). */
function resolveFilters(filters: SearchFilters): SearchFilters {
  for (const [name, allowed] of CODED_FILTERS) {
    for (const v of filterList(filters[name])) {
      if (!allowed.includes(v)) throw new RangeError(`${name} must be one of ${allowed.join(', ')}, not "${v}".`);
    }
  }
  const { yearFrom, yearTo } = filters;
  for (const [name, v] of [['yearFrom', yearFrom], ['yearTo', yearTo]] as const) {
    if (v !== undefined && !Number.isInteger(v)) throw new RangeError(`${name} must be a whole year, not ${v}.`);
  }
  return filters.docNumber === undefined ? filters : { ...filters, docNumber: filterList(filters.docNumber).map(normalizeDocNumber) };
}

/** Applies the defaults (`in: 'clauses'`, `limit: 10`, `page: 1`) and rejects impossible values. */
export function resolveQuery(query: SearchQuery, config: SearchConfig): ResolvedQuery {
  const { limit = 10, page = 1 } = query;
  const mode = query.in ?? 'clauses';
  if (!IN_VALUES.includes(mode)) throw new RangeError(`in must be one of ${IN_VALUES.join(', ')}, not "${mode}".`);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new RangeError(`limit must be a whole number from 1 to ${MAX_LIMIT}, not ${limit}.`);
  }
  if (!Number.isInteger(page) || page < 1) throw new RangeError(`page must be a whole number from 1, not ${page}.`);
  const filters = resolveFilters(query.filters ?? {});
  const parsed = parseQuery(query.q, config);
  return {
    parsed,
    in: mode,
    filters,
    limit,
    page,
    sort: query.sort ?? (parsed.required.length > 0 ? 'relevance' : 'date'),
  };
}

/** A filter value as a list (empty when the filter is absent). */
export function filterList(v: string | readonly string[] | undefined): readonly string[] {
  return v === undefined ? [] : typeof v === 'string' ? [v] : v;
}
