/**
 * Write endpoints, behind the token when `WENSHI_TOKEN` is set and same-origin always:
 * `POST /api/ingest` (multipart upload, answered at once with the batch to follow) and
 * `POST /api/retry` (failed files again, all or those listed) and `POST /api/dismiss` (failed files
 * no retry can change, removed from the list).
 * @module
 */
import { rm } from 'node:fs/promises';
import { basename } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { checkOcrOptions } from '../../pipeline/extract/ocr.js';
import { LEVELS, type Level } from '../../pipeline/types.js';
import { publicBatch } from '../batches.js';
import type { WebContext } from '../context.js';
import { HttpError } from '../errors.js';
import { planRetry } from '../../workers/retry.js';
import { runBatch, type RunOptions } from '../runner.js';
import { writeGuard } from '../security.js';
import { saveUploads } from '../uploads.js';

const retrySchema = {
  body: {
    type: ['object', 'null'],
    additionalProperties: false,
    properties: { sha256: { type: 'array', items: { type: 'string', pattern: '^[0-9a-f]{64}$' }, maxItems: 1000 } },
  },
};

const dismissSchema = {
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['sha256'],
    properties: { sha256: { type: 'array', items: { type: 'string', pattern: '^[0-9a-f]{64}$' }, minItems: 1, maxItems: 1000 } },
  },
};

function levelOf(value: string | undefined): Level | undefined {
  if (value === undefined || value === '') return undefined;
  if (!LEVELS.includes(value as Level)) throw new HttpError(400, 'bad_request', `form field level must be one of ${LEVELS.join(', ')}`);
  return value as Level;
}

/** The form's `ocrLang` (tesseract languages joined by `+`), checked as `--ocr-lang` is. */
function ocrOf(value: string | undefined): RunOptions['ocr'] {
  if (value === undefined || value === '') return undefined;
  try {
    checkOcrOptions({ lang: value });
  } catch (err) {
    throw new HttpError(400, 'bad_request', `form field ocrLang: ${(err as Error).message}`);
  }
  return { lang: value };
}

export function ingestRoutes(app: FastifyInstance, ctx: WebContext): void {
  // onRequest: refused before the body is read or validated.
  const onRequest = writeGuard(ctx.token);

  app.post('/api/ingest', { onRequest }, async (request, reply) => {
    if (!request.isMultipart()) throw new HttpError(415, 'not_multipart', 'send the files as multipart/form-data (form field "file")');
    const { uploads, dir, fields } = await saveUploads(request, ctx.uploadsDir, ctx.limits);
    const options: RunOptions = {};
    try {
      const level = levelOf(fields.level);
      const ocr = ocrOf(fields.ocrLang);
      if (level) options.level = level;
      if (ocr) options.ocr = ocr;
    } catch (err) {
      if (dir) await rm(dir, { recursive: true, force: true });
      throw err;
    }
    if (uploads.length === 0) throw new HttpError(400, 'no_files', 'the upload holds no file (form field "file")');
    if (uploads.every((u) => u.refused)) {
      // 413 when size is all that was wrong (a client may split or shrink and send again), else 415.
      const status = uploads.every((u) => u.tooLarge) ? 413 : 415;
      throw new HttpError(status, status === 413 ? 'too_large' : 'refused', uploads.map((u) => `${u.name}: ${u.refused}`).join('; '));
    }
    const batch = ctx.batches.create('upload', uploads.map((u) => ({
      name: u.name,
      size: u.size,
      path: u.path,
      state: u.refused ? 'refused' : 'queued',
      error: u.refused ? { code: 'REFUSED', message: u.refused, stage: 'upload' } : null,
    })));
    ctx.batches.track(runBatch(ctx, batch, options, uploads.flatMap((u) => (u.path ? [u.path] : []))));
    return reply.code(202).send({ batch: publicBatch(batch, (id) => ctx.archive.titleOf(id)) });
  });

  app.post<{ Body: { sha256?: string[] } | null }>('/api/retry', { onRequest, schema: retrySchema }, async (request, reply) => {
    const plan = await planRetry(ctx.archive, request.body?.sha256);
    // Server paths stay on the server: the page sees file names.
    const gone = plan.gone.map((p) => basename(p));
    if (plan.files.length === 0) return { batch: null, gone, message: '没有可重试的文件 nothing to retry' };
    const batch = ctx.batches.create('retry', plan.files.map((f) => ({ name: basename(f.path), size: f.size, path: f.path, state: 'queued' as const, error: null })));
    ctx.batches.track(runBatch(ctx, batch, {}, plan.restored));
    return reply.code(202).send({ batch: publicBatch(batch, (id) => ctx.archive.titleOf(id)), gone });
  });

  // A failure that no retry can change is dismissed: its record goes, so `status` (here and in the
  // CLI) no longer lists it; the same bytes failing again later are listed again.
  app.post<{ Body: { sha256: string[] } }>('/api/dismiss', { onRequest, schema: dismissSchema }, async (request) => {
    const dismissed = request.body.sha256.filter((sha) => ctx.archive.forgetFailure(sha));
    const missing = request.body.sha256.filter((sha) => !dismissed.includes(sha));
    if (missing.length > 0 && dismissed.length === 0) throw new HttpError(404, 'not_found', `no failed file ${missing.join(', ')} to dismiss`);
    return { dismissed, missing };
  });
}
