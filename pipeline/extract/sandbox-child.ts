/**
 * An extraction process: takes one file at a time from its parent, extracts it, and answers with
 * the extraction or the error (a PipelineError's code and stage kept). Its parent caps its memory
 * (see sandbox.ts); running out of it ends this process, never the parent.
 * @module
 */
import { PipelineError } from '../errors.js';
import { extract } from './index.js';
import type { OcrProgress } from './ocr.js';
import type { ChildReady, SandboxReply, SandboxRequest } from './sandbox.js';

const send = (reply: SandboxReply) => process.send!(reply);

process.on('message', (request: SandboxRequest) => {
  const input = { path: request.path, bytes: Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength) };
  const ocr = { ...request.opts.ocr, onPage: (progress: OcrProgress) => send({ id: request.id, progress }) };
  extract(input, { ...request.opts, ocr }).then(
    (extraction) => send({ id: request.id, extraction }),
    (err: unknown) => send({
      id: request.id,
      error: err instanceof PipelineError
        ? { code: err.code, message: err.message, stage: err.stage }
        : { message: err instanceof Error ? err.message : String(err) },
    }),
  );
});
// The parent is gone: nothing more will come.
process.on('disconnect', () => process.exit(0));
// Messages sent before the listener above existed would be lost: the parent waits for this. It says
// whether this process runs through tsx, whose loader costs memory the budget does not count.
process.send!({ ready: true, tsx: !import.meta.url.endsWith('.js') } satisfies ChildReady);
