/**
 * `GET /api/findings`: what the analyze stage read from documents at ingest (requirements,
 * achievements, plans), for one or several documents or the whole archive, filterable by type, kind
 * and modality (each one value or several), like `wenshi findings`.
 * @module
 */
import type { FastifyInstance } from 'fastify';
import { FINDING_TYPES, MODALITIES, REQUIREMENT_KINDS, type Finding } from '../../pipeline/analyze/types.js';
import type { WebContext } from '../context.js';
import { DOC_ID, limit, many, PAGE, query } from '../schemas.js';
import { documentOr404 } from './docs.js';

interface FindingParams {
  doc?: string[];
  type?: string[];
  kind?: string[];
  modality?: string[];
  page: number;
  limit: number;
}

const schema = {
  querystring: query({
    doc: many(DOC_ID),
    type: many({ type: 'string', enum: FINDING_TYPES }),
    kind: many({ type: 'string', enum: REQUIREMENT_KINDS }),
    modality: many({ type: 'string', enum: MODALITIES }),
    page: PAGE,
    limit: limit(5000, 500),
  }),
};

export function findingsRoutes(app: FastifyInstance, ctx: WebContext): void {
  app.get<{ Querystring: FindingParams }>('/api/findings', { schema }, async (request) => {
    const { doc, type, kind, modality, page, limit: max } = request.query;
    for (const id of doc ?? []) documentOr404(ctx, id);
    const keep = (f: Finding) =>
      (!type || type.includes(f.type)) && (!kind || (f.kind !== null && kind.includes(f.kind))) &&
      (!modality || (f.modality !== null && modality.includes(f.modality)));
    const stored = doc ? doc.flatMap((docId) => ctx.archive.findings({ docId })) : ctx.archive.findings();
    const findings = stored.filter(keep);
    return { total: findings.length, page, limit: max, findings: findings.slice((page - 1) * max, page * max) };
  });
}
