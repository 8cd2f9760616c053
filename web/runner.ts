/**
 * Runs a web batch the way `wenshi ingest` would in this environment: in this process, or queued
 * for `wenshi worker` processes when REDIS_URL is set. Either way the index stage makes what it
 * stored searchable.
 * @module
 */
import type { BatchOcrOptions } from '../pipeline/extract/ocr.js';
import type { Level } from '../pipeline/types.js';
import { setOptions } from '../pipeline/flow.js';
import { ingestEmbedded } from '../workers/embedded.js';
import { enqueueBatch, followBatch } from '../workers/queue/index.js';
import { settle, type WebBatch } from './batches.js';
import type { WebContext } from './context.js';

export interface RunOptions {
  level?: Level;
  ocr?: BatchOcrOptions;
}

async function ingest(ctx: WebContext, batch: WebBatch, paths: string[], opts: RunOptions): Promise<void> {
  const read = { ...setOptions(opts), maxBytes: ctx.limits.maxBytes };
  if (!ctx.queue) {
    await ingestEmbedded(paths, ctx.archive, { ...read, engine: ctx.engine, onFile: (o) => settle(batch, o) });
    return;
  }
  const run = await enqueueBatch(ctx.queue, ctx.archive, paths, read);
  for (const o of run.outcomes()) settle(batch, o);
  await followBatch(ctx.queue, run, { onFile: (o) => settle(batch, o) });
}

/** Runs the batch's queued files to the end; never throws (a fault of the runner is kept on the batch). */
export async function runBatch(ctx: WebContext, batch: WebBatch, opts: RunOptions = {}): Promise<void> {
  const paths = batch.files.flatMap((f) => (f.state === 'queued' && f.path ? [f.path] : []));
  try {
    // One batch at a time for the whole server (see gate.ts); the files wait as `queued` meanwhile.
    if (paths.length > 0) await ctx.ingestGate.run(() => ingest(ctx, batch, paths, opts));
  } catch (err) {
    batch.error = err instanceof Error ? err.message : String(err);
  } finally {
    batch.finishedAt = Date.now();
  }
}
