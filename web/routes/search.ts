/**
 * `GET /api/search`: the engine's search, its options as query parameters; near-duplicate
 * documents collapsed (unless `collapse=0`), each facet counted without its own filter, and for
 * an empty result the ways out (other script, a filter dropped).
 * @module
 */
import type { FastifyInstance } from 'fastify';
import { collapsedSearch } from '../../pipeline/search/collapse.js';
import { MAX_LIMIT } from '../../pipeline/search/options.js';
import { facetsKeptVisible, suggestionsFor } from '../../pipeline/search/refine.js';
import type { SearchFilters, SearchIn, SearchQuery } from '../../pipeline/search/types.js';
import type { WebContext } from '../context.js';
import { rateGuard } from '../exposure.js';
import { HttpError } from '../errors.js';
import { DOC_TYPE, LEVEL, limit, many, PAGE, query, SHORT_TEXT, SWITCH, switchOn, YEAR } from '../schemas.js';

interface SearchParams {
  q: string;
  in: SearchIn;
  type?: string[];
  level?: string[];
  region?: string[];
  issuer?: string[];
  docNumber?: string[];
  findingKind?: string[];
  yearFrom?: number;
  yearTo?: number;
  page: number;
  limit: number;
  sort?: 'relevance' | 'date';
  /** Near-duplicate documents as one hit; on unless `0`. */
  collapse?: string;
}

const schema = {
  querystring: query({
    q: { type: 'string', maxLength: 500, default: '' },
    in: { type: 'string', enum: ['documents', 'clauses', 'findings'], default: 'clauses' },
    type: many(DOC_TYPE),
    level: many(LEVEL),
    region: many(SHORT_TEXT),
    issuer: many(SHORT_TEXT),
    docNumber: many(SHORT_TEXT),
    findingKind: many({ type: 'string', pattern: '^[a-z_]{1,40}$' }),
    yearFrom: YEAR,
    yearTo: YEAR,
    page: PAGE,
    limit: limit(Math.min(100, MAX_LIMIT), 10),
    sort: { type: 'string', enum: ['relevance', 'date'] },
    collapse: SWITCH,
  }),
};

/** The engine query a request describes. */
export function searchQueryOf(p: SearchParams): SearchQuery {
  if (p.yearFrom !== undefined && p.yearTo !== undefined && p.yearFrom > p.yearTo) {
    throw new HttpError(400, 'bad_request', `yearFrom (${p.yearFrom}) is after yearTo (${p.yearTo})`);
  }
  const filters: SearchFilters = {
    ...(p.type ? { type: p.type } : {}),
    ...(p.level ? { level: p.level } : {}),
    ...(p.region ? { region: p.region } : {}),
    ...(p.issuer ? { issuer: p.issuer } : {}),
    ...(p.docNumber ? { docNumber: p.docNumber } : {}),
    ...(p.findingKind ? { findingKind: p.findingKind } : {}),
    ...(p.yearFrom !== undefined ? { yearFrom: p.yearFrom } : {}),
    ...(p.yearTo !== undefined ? { yearTo: p.yearTo } : {}),
  };
  return { q: p.q, in: p.in, filters, page: p.page, limit: p.limit, ...(p.sort ? { sort: p.sort } : {}) };
}

export function searchRoutes(app: FastifyInstance, ctx: WebContext): void {
  // A per-client rate when the server is exposed: one client's flood does not time out everyone's searches.
  const onRequest = ctx.searchLimiter ? [rateGuard(ctx.searchLimiter)] : [];
  app.get<{ Querystring: SearchParams }>('/api/search', { schema, onRequest }, async (request) => {
    const q = searchQueryOf(request.query);
    const result = switchOn(request.query.collapse, true)
      ? await collapsedSearch(ctx.engine, q, (id) => ctx.dupGroups.keyOf(id))
      : { ...(await ctx.engine.search(q)), collapsed: false, folded: 0 };
    const facets = await facetsKeptVisible(ctx.engine, q, result.facets);
    const empty = result.total === 0 ? await suggestionsFor(ctx.engine, q) : null;
    return { ...result, facets, page: request.query.page, limit: request.query.limit, ...empty };
  });
}
