/**
 * One error type for everything that can go wrong with one source. The code is stable (tests,
 * HTTP status mapping, `wenshi status`), the message is a plain sentence for a person.
 * @module
 */

export type ErrorCode =
  | 'EMPTY_FILE'
  | 'TOO_LARGE'
  | 'UNSUPPORTED_FORMAT'
  | 'CORRUPT_FILE'
  | 'ENCRYPTED'
  | 'NO_TEXT'
  | 'BAD_ENCODING'
  | 'NOT_FOUND'
  | 'UNREADABLE'
  | 'INTERNAL'
  | 'ENGINE_UNSUPPORTED'
  | 'TRANSIENT';

export type Stage = 'read' | 'extract' | 'normalize' | 'structure' | 'classify' | 'analyze' | 'store' | 'index';

/** Codes that will fail the same way however often they are retried. */
const PERMANENT: ReadonlySet<ErrorCode> = new Set([
  'EMPTY_FILE', 'TOO_LARGE', 'UNSUPPORTED_FORMAT', 'CORRUPT_FILE', 'ENCRYPTED', 'NO_TEXT', 'BAD_ENCODING', 'NOT_FOUND',
  // Permissions do not change between tries; `wenshi retry` reads it again once they are fixed.
  'UNREADABLE',
  // A bug fails the same way until the code is fixed; `wenshi retry` re-runs it then.
  'INTERNAL',
  // A search server too old for us stays so until it is upgraded.
  'ENGINE_UNSUPPORTED',
]);

/**
 * Codes the same bytes meet however they are read again: an empty, encrypted, damaged, oversized,
 * undecodable file, or a format nothing here reads. Retrying cannot change them (a scan OCR could
 * not read may succeed in another language, a missing or unreadable file once it is back, an
 * internal fault once fixed), so they are dismissed instead.
 */
const FINAL: ReadonlySet<string> = new Set(['EMPTY_FILE', 'ENCRYPTED', 'UNSUPPORTED_FORMAT', 'CORRUPT_FILE', 'TOO_LARGE', 'BAD_ENCODING']);

/** Whether trying a failed file again can end otherwise. */
export function retryCanHelp(code: string | null): boolean {
  return code === null || !FINAL.has(code);
}

export class PipelineError extends Error {
  override readonly name = 'PipelineError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly stage: Stage,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** Bad input: retrying cannot help, so queues fail the job at once. */
  get permanent(): boolean {
    return PERMANENT.has(this.code);
  }
}

/** What is recorded on a source when it fails: code, sentence and stage. */
export interface FailureInfo {
  code: ErrorCode;
  message: string;
  stage: Stage;
}

/** Turns anything thrown into a recordable failure; unknown errors count as transient. */
export function toFailure(err: unknown, stage: Stage): FailureInfo {
  if (err instanceof PipelineError) return { code: err.code, message: err.message, stage: err.stage };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'TRANSIENT', message, stage };
}
