/**
 * One shape for every error the API returns, `{error, message, zh}` (code, English, Chinese), with the status a client expects:
 * 400 for bad parameters (naming the parameter), 404 for what does not exist, 413/415 for uploads.
 * @module
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { PipelineError, type ErrorCode } from '../pipeline/errors.js';
import { sendError } from './security.js';

/** An error whose status and code the API returns as they are. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const PIPELINE_STATUS: Partial<Record<ErrorCode, number>> = {
  NOT_FOUND: 404,
  TOO_LARGE: 413,
  UNSUPPORTED_FORMAT: 415,
  EMPTY_FILE: 422,
  CORRUPT_FILE: 422,
  ENCRYPTED: 422,
  NO_TEXT: 422,
  BAD_ENCODING: 422,
  TRANSIENT: 503,
};

/** One sentence per schema violation, naming the parameter: `limit must be <= 100`. */
function describeValidation(err: FastifyError): string {
  const where = err.validationContext === 'querystring' ? 'query parameter' : err.validationContext ?? 'request';
  return (err.validation ?? [])
    .map((v) => {
      const name = v.instancePath.replace(/^\//, '').replace(/\/\d+$/, '').replace(/\//g, '.');
      const params = v.params as Record<string, unknown>;
      if (v.keyword === 'additionalProperties') return `unknown ${where} "${String(params.additionalProperty)}"`;
      if (v.keyword === 'required') return `missing ${where} "${String(params.missingProperty)}"`;
      const subject = name ? `${where} ${name}` : where;
      if (v.keyword === 'enum') return `${subject} must be one of ${(params.allowedValues as unknown[]).join(', ')}`;
      return `${subject} ${v.message ?? 'is invalid'}`;
    })
    .join('; ');
}

export function registerErrors(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err.validation) return sendError(reply, 400, 'bad_request', describeValidation(err));
    if (err instanceof HttpError) return sendError(reply, err.status, err.code, err.message);
    // The engines check query options themselves and say which one is wrong.
    if (err instanceof RangeError) return sendError(reply, 400, 'bad_request', err.message);
    if (err instanceof PipelineError) {
      const status = PIPELINE_STATUS[err.code] ?? 500;
      return sendError(reply, status, err.code.toLowerCase(), err.message);
    }
    if (err.code === 'FST_FILES_LIMIT' || err.code === 'FST_PARTS_LIMIT') {
      return sendError(reply, 413, 'too_many_files', `too many files in one upload: ${err.message}`);
    }
    if (err.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
      return sendError(reply, 415, 'not_multipart', 'send the files as multipart/form-data (form field "file")');
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return sendError(reply, err.statusCode, (err.code ?? 'bad_request').toLowerCase(), err.message);
    }
    request.log.error(err);
    return sendError(reply, 500, 'internal', 'the server failed on this request; the server log has the details');
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 404, 'not_found', `nothing at ${request.method} ${request.url.split('?')[0]}`));
}
