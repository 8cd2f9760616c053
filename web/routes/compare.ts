/**
 * `GET /api/compare?local=<id>&central=<id>[&central=<id>…]`: the compare stage's report as JSON
 * (`diff=true` adds each item's side-by-side character differences for the page), or as a download
 * with `format=html|docx|md|json`. `verdict=…` (repeatable; `addition` for the local additions,
 * `review` for the items marked for review) keeps only those rows, so a download holds what the page
 * shows. A document is never compared with itself.
 * @module
 */
import type { FastifyInstance } from 'fastify';
import { compare, compareDocFrom, VERDICTS, type CompareDoc, type CompareReport, type Verdict } from '../../pipeline/compare/index.js';
import { sideBySide } from '../../pipeline/compare/diff.js';
import { renderDocx } from '../../pipeline/compare/render-docx.js';
import { renderHtml } from '../../pipeline/compare/render-html.js';
import { renderMarkdown } from '../../pipeline/compare/render-md.js';
import type { WebContext } from '../context.js';
import { HttpError } from '../errors.js';
import { DOC_ID, query } from '../schemas.js';
import { documentOr404 } from './docs.js';

type Format = 'json' | 'html' | 'docx' | 'md';
/** A verdict, the local additions, or the items marked for review (CompareItem.review). */
type Filter = Verdict | 'addition' | 'review';

interface CompareParams {
  local: string;
  central: string[];
  format?: Format;
  diff: boolean;
  threshold?: number;
  scope?: 'requirements' | 'all';
  verdict?: Filter[];
}

const schema = {
  querystring: query({
    local: DOC_ID,
    central: { type: 'array', items: DOC_ID, minItems: 1, maxItems: 20 },
    format: { type: 'string', enum: ['json', 'html', 'docx', 'md'] },
    diff: { type: 'boolean', default: false },
    threshold: { type: 'number', minimum: 0, maximum: 1 },
    scope: { type: 'string', enum: ['requirements', 'all'] },
    verdict: { type: 'array', items: { type: 'string', enum: [...VERDICTS, 'addition', 'review'] }, maxItems: 7 },
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

/**
 * The report with only the rows of the chosen verdicts (and the additions when `addition` is one
 * of them); counts and coverage stay those of the whole comparison, so the summary still reads true.
 */
function filtered(report: CompareReport, verdicts: readonly Filter[] | undefined): CompareReport {
  if (!verdicts || verdicts.length === 0) return report;
  const keep = new Set<Filter>(verdicts);
  return { ...report, items: report.items.filter((i) => keep.has(i.verdict) || (i.review && keep.has('review'))), additions: keep.has('addition') ? report.additions : [] };
}

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
    const { local, central, format, diff, threshold, scope, verdict } = request.query;
    if (new Set(central).size !== central.length) throw new HttpError(400, 'bad_request', 'query parameter central lists a document twice');
    if (central.includes(local)) throw new HttpError(400, 'bad_request', 'a document cannot be compared with itself: central lists the local document');
    const report = filtered(compare(compareDoc(local), central.map(compareDoc), {
      ...(threshold !== undefined ? { threshold } : {}),
      ...(scope ? { scope } : {}),
    }), verdict);
    if (!format) return diff ? { ...report, sides: report.items.map(sideBySide) } : report;
    const { type, ext } = DOWNLOAD[format];
    // Ids are [A-Za-z0-9_-] (schema), so the file name needs no quoting beyond the quotes.
    const name = `compare-${local.slice(0, 8)}-${central.map((c) => c.slice(0, 8)).join('+')}.${ext}`;
    return reply.type(type).header('content-disposition', `attachment; filename="${name}"`).send(await body(report, format));
  });
}
