/**
 * `GET /api/docs` (a page of the archive's documents, filtered and sorted in SQL without reading
 * their text, for the 文档 page and the pickers) and
 * `GET /api/docs/:id` (one document: text, outline, clause spans, metadata, provenance).
 * @module
 */
import { basename } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { clauseSpans } from '../../pipeline/search/units.js';
import type { StoredDocument } from '../../pipeline/store/archive.js';
import { listDocumentPage, type DocSort } from '../../pipeline/store/doc-list.js';
import type { WebContext } from '../context.js';
import { HttpError } from '../errors.js';
import { DOC_ID, DOC_TYPE, LEVEL, limit, many, PAGE, query, YEAR } from '../schemas.js';

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

const oneSchema = { params: { type: 'object', properties: { id: DOC_ID }, required: ['id'] } };

/** The stored document, or a 404 naming the id. */
export function documentOr404(ctx: WebContext, id: string): StoredDocument {
  const doc = ctx.archive.getDocument(id);
  if (!doc) throw new HttpError(404, 'not_found', `no document with id "${id}"`);
  return doc;
}

/** What the document page needs; source files by name only (server paths stay on the server). */
function documentView(doc: StoredDocument) {
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

  app.get<{ Params: { id: string } }>('/api/docs/:id', { schema: oneSchema }, async (request) =>
    documentView(documentOr404(ctx, request.params.id)));
}
