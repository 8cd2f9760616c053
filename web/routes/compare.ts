/**
 * `GET /api/compare?local=<id>&central=<id>[&central=<id>…]`: the compare stage's report as JSON
 * (`diff=true` adds each item's side-by-side character differences for the page), or as a download
 * with `format=html|docx|md|json`.
 * @module
 */
import type { FastifyInstance } from 'fastify';
import { compare, compareDocFrom, type CompareDoc, type CompareReport } from '../../pipeline/compare/index.js';
import { sideBySide } from '../../pipeline/compare/diff.js';
import { renderDocx } from '../../pipeline/compare/render-docx.js';
import { renderHtml } from '../../pipeline/compare/render-html.js';
import { renderMarkdown } from '../../pipeline/compare/render-md.js';
import type { WebContext } from '../context.js';
import { HttpError } from '../errors.js';
import { DOC_ID, query } from '../schemas.js';
import { documentOr404 } from './docs.js';

type Format = 'json' | 'html' | 'docx' | 'md';

interface CompareParams {
  local: string;
  central: string[];
  format?: Format;
  diff: boolean;
  threshold?: number;
  scope?: 'requirements' | 'all';
}

const schema = {
  querystring: query({
    local: DOC_ID,
    central: { type: 'array', items: DOC_ID, minItems: 1, maxItems: 20 },
    format: { type: 'string', enum: ['json', 'html', 'docx', 'md'] },
    diff: { type: 'boolean', default: false },
    threshold: { type: 'number', minimum: 0, maximum: 1 },
    scope: { type: 'string', enum: ['requirements', 'all'] },
  }, ['local', 'central']),
};

const DOWNLOAD: Record<Format, { type: string; ext: string }> = {
  json: { type: 'application/json; charset=utf-8', ext: 'json' },
  html: { type: 'text/html; charset=utf-8', ext: 'html' },
  md: { type: 'text/markdown; charset=utf-8', ext: 'md' },
  docx: { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx' },
};

/** Documents read for comparison, kept since analysis is the costly part (ids never change text). */
const KEEP = 50;

async function body(report: CompareReport, format: Format): Promise<string | Buffer> {
  if (format === 'html') return renderHtml(report);
  if (format === 'md') return renderMarkdown(report);
  if (format === 'docx') return renderDocx(report);
  return JSON.stringify(report, null, 2);
}

export function compareRoutes(app: FastifyInstance, ctx: WebContext): void {
  const docs = new Map<string, CompareDoc>();
  const compareDoc = (id: string): CompareDoc => {
    let doc = docs.get(id);
    if (!doc) {
      doc = compareDocFrom(documentOr404(ctx, id));
      docs.set(id, doc);
      if (docs.size > KEEP) docs.delete(docs.keys().next().value!);
    }
    return doc;
  };

  app.get<{ Querystring: CompareParams }>('/api/compare', { schema }, async (request, reply) => {
    const { local, central, format, diff, threshold, scope } = request.query;
    if (new Set(central).size !== central.length) throw new HttpError(400, 'bad_request', 'query parameter central lists a document twice');
    const report = compare(compareDoc(local), central.map(compareDoc), {
      ...(threshold !== undefined ? { threshold } : {}),
      ...(scope ? { scope } : {}),
    });
    if (!format) return diff ? { ...report, sides: report.items.map(sideBySide) } : report;
    const { type, ext } = DOWNLOAD[format];
    // Ids are [A-Za-z0-9_-] (schema), so the file name needs no quoting beyond the quotes.
    const name = `compare-${local.slice(0, 8)}-${central.map((c) => c.slice(0, 8)).join('+')}.${ext}`;
    return reply.type(type).header('content-disposition', `attachment; filename="${name}"`).send(await body(report, format));
  });
}
