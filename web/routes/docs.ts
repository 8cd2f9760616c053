/**
 * `GET /api/docs` (a page of the archive's documents, filtered and sorted in SQL without reading
 * their text, for the 文档 page and the pickers) and
 * `GET /api/docs/:id` (one document: text, outline, clause spans, metadata, provenance; with `q`,
 * where the search's words occur) and `GET /api/docs/:id/original` (its first source file).
 * @module
 */
import { basename } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadSearchConfig, type SearchConfig } from '../../pipeline/search/config.js';
import { highlightAlternatives, parseQuery } from '../../pipeline/search/query.js';
import { matcherFor, matchRanges } from '../../pipeline/search/snippet.js';
import { clauseSpans } from '../../pipeline/search/units.js';
import type { StoredDocument } from '../../pipeline/store/archive.js';
import { listDocumentPage, type DocSort } from '../../pipeline/store/doc-list.js';
import type { WebContext } from '../context.js';
import { HttpError } from '../errors.js';
import { DOC_ID, DOC_TYPE, LEVEL, limit, many, PAGE, query, SWITCH, switchOn, YEAR } from '../schemas.js';
import { disposition } from '../disposition.js';
import { originalOf } from '../original.js';

interface ListParams {
  q?: string;
  type?: string[];
  level?: string[];
  year?: number[];
  sort: DocSort;
  desc: boolean;
  limit: number;
  page: number;
  /** Rows to skip, for callers from before `page`; wins over `page`. */
  offset?: number;
}

const listSchema = {
  querystring: query({
    q: { type: 'string', maxLength: 200 },
    type: many(DOC_TYPE),
    level: many(LEVEL),
    year: many(YEAR),
    sort: { type: 'string', enum: ['added', 'date', 'title', 'type'], default: 'added' },
    desc: { type: 'boolean', default: false },
    limit: limit(1000, 200),
    page: PAGE,
    offset: { type: 'integer', minimum: 0 },
  }),
};

const idParams = { type: 'object', properties: { id: DOC_ID }, required: ['id'] };
const oneSchema = { params: idParams, querystring: query({ q: { type: 'string', maxLength: 500 } }) };
const originalSchema = { params: idParams, querystring: query({ download: SWITCH }) };

let searchConfig: SearchConfig | undefined;

/** Where a search's words (synonyms and the other script included) occur in a text, as its snippets mark them. */
function highlightsOf(text: string, q: string): Array<[number, number]> {
  const parsed = parseQuery(q, (searchConfig ??= loadSearchConfig()));
  return matchRanges(text, matcherFor(highlightAlternatives(parsed)));
}

/** The stored document, or a 404 naming the id. */
export function documentOr404(ctx: WebContext, id: string): StoredDocument {
  const doc = ctx.archive.getDocument(id);
  if (!doc) throw new HttpError(404, 'not_found', `no document with id "${id}"`);
  return doc;
}

/** What the document page needs; source files by name only (server paths stay on the server). */
function documentView(ctx: WebContext, doc: StoredDocument) {
  const { meta, sections, provenance, ...summary } = doc;
  return {
    ...summary,
    rules: meta.rules,
    sections,
    clauses: clauseSpans(doc),
    provenance: provenance.map((p) => ({
      file: basename(p.path),
      sourceSha: p.sourceSha,
      piece: p.piece,
      format: p.format,
      mediaType: ctx.archive.source(p.sourceSha)?.mediaType ?? null,
      encoding: p.encoding,
      pageRange: p.pageRange,
      changes: p.changes,
      ocr: p.ocr,
      reader: p.reader,
    })),
  };
}

export function docsRoutes(app: FastifyInstance, ctx: WebContext): void {
  app.get<{ Querystring: ListParams }>('/api/docs', { schema: listSchema }, async (request) => {
    const { limit: max, page, offset, ...filters } = request.query;
    const { total, docs } = listDocumentPage(ctx.archive.db, { ...filters, limit: max, offset: offset ?? (page - 1) * max });
    return { total, page, limit: max, docs };
  });

  app.get<{ Params: { id: string }; Querystring: { q?: string } }>('/api/docs/:id', { schema: oneSchema }, async (request) => {
    const doc = documentOr404(ctx, request.params.id);
    const { q } = request.query;
    return { ...documentView(ctx, doc), ...(q?.trim() ? { highlights: highlightsOf(doc.text, q) } : {}) };
  });

  app.get<{ Params: { id: string }; Querystring: { download?: string } }>('/api/docs/:id/original', { schema: originalSchema }, async (request, reply) => {
    const download = switchOn(request.query.download, false);
    const file = await originalOf(ctx.archive, ctx.blobs, documentOr404(ctx, request.params.id), !download);
    if (!download) reply.header('content-security-policy', file.csp).header('x-frame-options', 'SAMEORIGIN');
    return reply.type(file.type).header('content-disposition', disposition(download ? 'attachment' : 'inline', file.name)).send(file.body);
  });
}
