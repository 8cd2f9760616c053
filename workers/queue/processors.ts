/**
 * The thin BullMQ Processors around the pipeline: `extract` runs the content stages on bytes from
 * the content-addressed store; in a process that also runs `store` it stores the result itself,
 * elsewhere it queues `store` with the hash of the result in the content store. Storing writes the
 * archive (or the failure) and settles every batch waiting for that source. Bad input becomes an
 * `UnrecoverableError` at once; anything else is retried with backoff, and recorded when retries run out.
 * @module
 */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { UnrecoverableError, WaitingError, type Job, type Processor } from 'bullmq';
import { PipelineError, toFailure } from '../../pipeline/errors.js';
import { crashPoint, holdPoint } from '../../pipeline/crash-point.js';
import type { OcrProgress } from '../../pipeline/extract/ocr.js';
import { processSource } from '../../pipeline/flow.js';
import { indexSource } from '../../pipeline/indexing.js';
import type { SearchEngine } from '../../pipeline/search/types.js';
import type { Archive } from '../../pipeline/store/archive.js';
import { BlobStore } from '../../pipeline/store/blobs.js';
import type { ProcessedSource } from '../../pipeline/types.js';
import type { QueueClient } from './client.js';
import { intermediate, jobId, sourceKey, type ExtractJob, type Intermediate, type SourceOutcome, type SourceRef, type StoreJob } from './jobs.js';

export interface StageContext {
  client: QueueClient;
  /** The archive of a data folder (opened once per worker process). */
  archive: (data: string) => Archive;
  /** The search engine stored documents of a data folder are indexed into. */
  engine: (data: string) => SearchEngine;
  /** This process runs the store stage too (it is where the archive lives). */
  storesHere: boolean;
}

/**
 * Test-only: milliseconds each extract job waits before working (`WENSHI_TEST_EXTRACT_DELAY_MS`),
 * so tests can kill a worker in the middle of a job. Unset in real use.
 */
function testExtractDelay(): number {
  return Number(process.env.WENSHI_TEST_EXTRACT_DELAY_MS ?? 0) || 0;
}

function refOf(d: SourceRef): SourceRef {
  return { sha256: d.sha256, path: d.path, size: d.size, data: d.data, batch: d.batch };
}

function blobsOf(data: string): BlobStore {
  return new BlobStore(join(data, 'blobs'));
}

/** True when this try is the job's last: a failure now is the source's failure. */
function lastTry(job: Job, permanent: boolean): boolean {
  return permanent || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

/**
 * Runs `work`, but if the worker is told to stop before it ends (shutdown grace exceeded), gives the
 * job back to the queue at once (no attempt spent) instead of leaving it locked until it stalls.
 */
async function releasable<T>(job: Job, token: string | undefined, signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
  if (!signal) return work();
  const aborted = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
  try {
    return await Promise.race([work(), aborted]);
  } catch (err) {
    if (!signal.aborted) throw err;
    await job.moveToWait(token);
    throw new WaitingError();
  }
}

/**
 * Tells the batch each OCR page this job reads of its file, in order, for the page that follows the
 * batch; `sent` waits for the reports (so they precede the outcome). A report lost to Redis is no
 * fault of the file.
 */
function ocrReporter(client: QueueClient, d: ExtractJob): { page: (p: OcrProgress) => void; sent: () => Promise<void> } {
  let chain = Promise.resolve();
  let startedAt: number | undefined;
  return {
    page: (p) => {
      const at = Date.now();
      startedAt ??= at;
      const report = { ...p, startedAt, at };
      chain = chain.then(() => client.batches.noteOcr(d.batch, d.path, report)).catch(() => {});
    },
    sent: () => chain,
  };
}

export function extractProcessor(ctx: StageContext): Processor<ExtractJob> {
  const delayMs = testExtractDelay();
  return async (job, token, signal) => releasable(job, token, signal, async () => {
    const d = job.data;
    const ref = refOf(d);
    // Where this process also stores, the result goes straight into the archive: no second job,
    // no round trip through the content store.
    const handOff = async (input: StoreJob) => {
      if (ctx.storesHere) await storeAndSettle(ctx, job, input);
      else await ctx.client.store.add('store', input, { jobId: jobId('store', d) });
    };
    crashPoint('extract-job', d.path);
    if (delayMs > 0) await sleep(delayMs);
    let processed: ProcessedSource;
    const ocr = ocrReporter(ctx.client, d);
    try {
      const blobs = blobsOf(d.data);
      processed = await processSource({ path: d.path, bytes: await blobs.get(d.sha256) }, { ...d.options, onOcrPage: ocr.page });
      await ocr.sent();
      if (!ctx.storesHere) await handOff({ ...ref, processed: await blobs.putJson(intermediate(d.sha256, processed)) });
    } catch (err) {
      const permanent = err instanceof PipelineError && err.permanent;
      if (lastTry(job, permanent)) await handOff({ ...ref, failure: toFailure(err, 'extract'), attempts: job.attemptsMade + 1 });
      if (permanent) throw new UnrecoverableError(`[${err.code}] ${err.message}`);
      throw err;
    }
    return ctx.storesHere ? storeAndSettle(ctx, job, { ...ref, result: processed }) : 'extracted';
  });
}

/** What the store step works on: a queued store job, or the processed source of a job that extracted it here. */
type StoreInput = StoreJob | (SourceRef & { result: ProcessedSource });

/**
 * Writes one source's result into its archive, then indexes its documents (as embedded mode does).
 * A second run finds the source stored and writes nothing, but indexes again: upserts are
 * idempotent, and a run that failed at indexing must still reach the engine. An index failure is
 * retried like any transient fault; on the last try the source stays stored (and marked for the
 * next catch-up) and the outcome carries the index error. A second run that
 * finds the intermediate result gone follows one that stored, indexed and settled (the result is
 * deleted only then): it writes nothing and reports what that run recorded on the job.
 */
async function storeSource(ctx: StageContext, job: Job, d: StoreInput): Promise<SourceOutcome> {
  const archive = ctx.archive(d.data);
  const meta = { sha256: d.sha256, path: d.path, size: d.size };
  if ('failure' in d) {
    archive.recordFailure(meta, d.failure, d.attempts);
    return { status: 'failed', sha256: d.sha256, failure: d.failure };
  }
  const storedOk = archive.source(d.sha256)?.status === 'ok';
  // Stored already: by this batch (a try that failed at indexing, or a job queued again after Redis
  // lost its outcome), it is reported as the batch's, read back from the archive; by another, unchanged.
  const unchanged = (): SourceOutcome => {
    const saved = archive.savedBy(d.sha256, d.batch);
    return saved ? { status: 'stored', sha256: d.sha256, ...saved } : { status: 'unchanged', sha256: d.sha256, documents: archive.documentsOf(d.sha256) };
  };
  let processed: ProcessedSource;
  if ('result' in d) processed = d.result;
  else {
    const blobs = blobsOf(d.data);
    if (storedOk && !(await blobs.has(d.processed))) return unchanged();
    processed = (await blobs.getJson<Intermediate>(d.processed)).processed;
  }
  let outcome: SourceOutcome;
  if (storedOk) {
    archive.saveSourcePath(meta);
    outcome = unchanged();
  } else {
    outcome = { status: 'stored', sha256: d.sha256, ...archive.saveSource(meta, processed, d.batch) };
  }
  crashPoint('after-store');
  const indexError = await indexSource(ctx.engine(d.data), archive, d.sha256, processed.documents);
  if (!indexError) return outcome;
  if (!lastTry(job, false)) throw new PipelineError(indexError.code, indexError.message, indexError.stage);
  return outcome.status === 'failed' ? outcome : { ...outcome, indexError };
}

/**
 * Settles every file waiting for a source, each of its paths remembered in the archive (a failure is
 * then listed in `wenshi status` under each). A file with the same bytes that began waiting after the
 * waiters were read found this work under way and queued nothing, so the waiters are read again until
 * none is left. One that begins waiting after the last read finds the outcome this wrote before it
 * (startEntry settles it from there).
 */
async function settleWaiters(ctx: StageContext, d: StoreInput, outcome: SourceOutcome): Promise<void> {
  const key = sourceKey(d);
  const origin = { batch: d.batch, path: d.path };
  let waiters = await ctx.client.batches.waiters(key);
  await holdPoint('settle-source');
  do {
    for (const w of waiters) if (w.path !== d.path) ctx.archive(d.data).saveSourcePath({ sha256: d.sha256, path: w.path, size: d.size });
    await ctx.client.batches.settleSource(key, outcome, origin, waiters);
    waiters = await ctx.client.batches.waiters(key);
  } while (waiters.length > 0);
  await holdPoint('source-settled');
}

/** Stores (or records the failure of) one source and settles every batch waiting for it; returns the status. */
async function storeAndSettle(ctx: StageContext, job: Job, d: StoreInput): Promise<SourceOutcome['status']> {
  const key = sourceKey(d);
  const origin = { batch: d.batch, path: d.path };
  let outcome: SourceOutcome;
  try {
    outcome = await storeSource(ctx, job, d);
    await settleWaiters(ctx, d, outcome);
    // Stored, indexed and settled: the intermediate result has served its purpose.
    if ('processed' in d) await blobsOf(d.data).delete(d.processed);
  } catch (err) {
    // The archive or the engine did not answer (busy past its timeout, disk full…): retried. The
    // last failure is recorded on the source if the archive allows, and settled in Redis so the
    // batch ends; `wenshi status` also lists the failed job.
    if (lastTry(job, false)) {
      const failure = toFailure(err, 'store');
      try {
        ctx.archive(d.data).recordFailure({ sha256: d.sha256, path: d.path, size: d.size }, failure, job.attemptsMade + 1);
      } catch {
        // The archive itself is what failed; the failed job keeps the reason.
      }
      await ctx.client.batches.settleSource(key, { status: 'failed', sha256: d.sha256, failure }, origin, await ctx.client.batches.waiters(key));
    }
    throw err;
  }
  return outcome.status;
}

export function storeProcessor(ctx: StageContext): Processor<StoreJob> {
  return async (job) => storeAndSettle(ctx, job, job.data);
}
