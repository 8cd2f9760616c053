/**
 * `GET /api/status`: archive counts, failed files with their reasons, the web's recent batches and,
 * in queue mode, per-stage job counts, and the OCR languages installed; `?batch=<id>` follows one batch.
 * @module
 */
import { basename } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { retryCanHelp } from '../../pipeline/errors.js';
import { ocrLanguages } from '../../pipeline/extract/ocr.js';
import { queueStatus } from '../../workers/queue/index.js';
import { publicBatch } from '../batches.js';
import type { WebContext } from '../context.js';
import { HttpError } from '../errors.js';
import { failureZh } from '../messages.js';
import { query } from '../schemas.js';
import { ACCEPTED_EXTENSIONS } from '../uploads.js';

const schema = { querystring: query({ batch: { type: 'string', pattern: '^[a-z0-9]{1,40}$' } }) };

export function statusRoutes(app: FastifyInstance, ctx: WebContext, opts: { dashboard: string | null }): void {
  app.get<{ Querystring: { batch?: string } }>('/api/status', { schema }, async (request) => {
    if (request.query.batch) {
      const batch = ctx.batches.get(request.query.batch);
      if (!batch) throw new HttpError(404, 'not_found', `no batch "${request.query.batch}" (batches are kept while the server runs)`);
      return { batch: publicBatch(batch, (id) => ctx.archive.titleOf(id)) };
    }
    const failed = ctx.archive.failures().map((f) => ({
      sha256: f.sha256, file: basename(f.path), stage: f.errorStage, code: f.errorCode, error: f.errorMessage,
      attempts: f.attempts, updatedAt: f.updatedAt, retryable: retryCanHelp(f.errorCode), reason: failureZh(f.errorCode),
    }));
    const queue = ctx.queue ? await queueStatus(ctx.queue, ctx.dataDir) : null;
    return {
      mode: ctx.queue ? 'queue' : 'embedded',
      engine: ctx.engine.name,
      ...ctx.archive.counts(),
      failed,
      queue: queue ? { stages: queue.stages, batch: queue.batch, storeFailures: queue.storeFailures.map((s) => ({ ...s, path: basename(s.path) })) } : null,
      batches: ctx.batches.recent().map((b) => publicBatch(b, (id) => ctx.archive.titleOf(id))),
      writeTokenRequired: Boolean(ctx.token),
      dashboard: opts.dashboard,
      upload: { maxBytes: ctx.limits.maxBytes, maxFiles: ctx.limits.maxFiles, accepted: ACCEPTED_EXTENSIONS },
      // So the upload form offers only languages a scan can be read in here.
      ocr: { languages: await ocrLanguages() },
    };
  });
}
