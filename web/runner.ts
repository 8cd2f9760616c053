/**
 * Runs a web batch the way `wenshi ingest` would in this environment: in this process, or queued
 * for `wenshi worker` processes when REDIS_URL is set. Either way the index stage makes what it
 * stored searchable.
 * @module
 */
import { rm, rmdir } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { PipelineError } from '../pipeline/errors.js';
import type { BatchOcrOptions } from '../pipeline/extract/ocr.js';
import type { Level } from '../pipeline/types.js';
import { setOptions } from '../pipeline/flow.js';
import { ingestEmbedded } from '../workers/embedded.js';
import { enqueueBatch, followBatch } from '../workers/queue/index.js';
import { noteOcrPage, settle, type WebBatch } from './batches.js';
import type { WebContext } from './context.js';

export interface RunOptions {
  level?: Level;
  ocr?: BatchOcrOptions;
}

async function ingest(ctx: WebContext, batch: WebBatch, paths: string[], opts: RunOptions): Promise<void> {
  const read = { ...setOptions(opts), maxBytes: ctx.limits.maxBytes };
  if (!ctx.queue) {
    await ingestEmbedded(paths, ctx.archive, {
      ...read, engine: ctx.engine, onFile: (o) => settle(batch, o), onOcrProgress: (path, p) => noteOcrPage(batch, path, p),
    });
    return;
  }
  const run = await enqueueBatch(ctx.queue, ctx.archive, paths, read);
  for (const o of run.outcomes()) settle(batch, o);
  await followBatch(ctx.queue, run, { onFile: (o) => settle(batch, o), onOcrPage: (path, r) => noteOcrPage(batch, path, r, r.at, r.startedAt) });
}

/** Removes upload files and the folders they leave empty (the file's, the request's); never throws. */
async function removeUploads(ctx: WebContext, files: readonly string[]): Promise<void> {
  const root = resolve(ctx.uploadsDir);
  for (const file of files) {
    if (!resolve(file).startsWith(root + sep)) continue;
    await rm(file, { force: true }).catch(() => {});
    // Only an empty folder goes (rmdir refuses others), and never the uploads folder itself.
    for (let dir = resolve(dirname(file)); dir.startsWith(root + sep); dir = dirname(dir)) {
      if (!(await rmdir(dir).then(() => true, () => false))) break;
    }
  }
}

/**
 * Runs the batch's queued files to the end; never throws (a fault of the runner is kept on the
 * batch). `uploaded` are the upload files it reads, removed once it ends: uploads are kept as
 * blobs only (the store has every file's bytes once read, and a retry puts a file back from there).
 */
export async function runBatch(ctx: WebContext, batch: WebBatch, opts: RunOptions = {}, uploaded: readonly string[] = []): Promise<void> {
  const paths = batch.files.flatMap((f) => (f.state === 'queued' && f.path ? [f.path] : []));
  try {
    // One batch at a time for the whole server (see gate.ts); the files wait as `queued` meanwhile.
    if (paths.length > 0) await ctx.ingestGate.run(() => ingest(ctx, batch, paths, opts));
  } catch (err) {
    batch.error = { code: err instanceof PipelineError ? err.code : 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
  } finally {
    await removeUploads(ctx, uploaded);
    batch.finishedAt = Date.now();
  }
}
