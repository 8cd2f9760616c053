/**
 * Following a batch until every file is settled. The follower reads the batch's feed, and keeps the
 * batch alive through trouble: when Redis comes back empty (restarted without persistence) it
 * rebuilds the batch and queues the unsettled files again; when progress stops it checks each
 * pending file and re-queues what was lost. Both are safe because jobs are named by content hash
 * and the store stage is idempotent.
 * @module
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { holdPoint } from '../../pipeline/crash-point.js';
import type { CatchUp } from '../../pipeline/indexing.js';
import type { FileOutcome } from '../../pipeline/ingest.js';
import { summarize, type IngestSummary } from '../summary.js';
import type { OcrReport } from './batches.js';
import type { QueueClient } from './client.js';
import { settleFromRedis, startEntry, type BatchEntry, type BatchRun } from './enqueue.js';
import { jobId, sourceKey, STAGES, type QueueStage } from './jobs.js';

export interface FollowOptions {
  /**
   * Quiet time after which pending files are checked for lost jobs.
   * @defaultValue the config's `reconcileMs`
   */
  reconcileMs?: number;
  /**
   * Time between two reads of the batch's feed.
   * @defaultValue 200
   */
  pollMs?: number;
  /** Called for each file as it settles. */
  onFile?: (outcome: FileOutcome, run: BatchRun) => void;
  /** Called with the OCR pages workers have read of a file's scan, as they report them (before the file settles). */
  onOcrPage?: (path: string, report: OcrReport) => void;
  /** Called when Redis had lost the batch and it was queued again. */
  onRebuilt?: (requeued: number) => void;
  /** What the follower's index catch-up did before the batch, reported with it. */
  catchUp?: CatchUp;
  /**
   * Called when the batch has been quiet for the config's `noWorkerMs` and these stages have no
   * live worker (the batch keeps waiting for one); again only if the set of such stages changes.
   */
  onNoWorker?: (stages: QueueStage[]) => void;
}

/** Files checked at once when reconciling. */
const CHECK_LANES = 16;

function accept(run: BatchRun, outcome: FileOutcome, opts: FollowOptions): boolean {
  const entry = run.entries.get(outcome.path);
  if (!entry || entry.outcome) return false;
  entry.outcome = outcome;
  opts.onFile?.(outcome, run);
  return true;
}

/** Recreates a batch Redis lost, with what this process already knew, and queues the rest again. */
async function rebuild(client: QueueClient, run: BatchRun): Promise<number> {
  await client.batches.create(run.id, run.data, [...run.entries.keys()], run.startedAt);
  const pending: BatchEntry[] = [];
  for (const e of run.entries.values()) {
    if (e.outcome) await client.batches.settle(run.id, e.outcome);
    else pending.push(e);
  }
  for (const e of pending) await startEntry(client, run, e);
  return pending.length;
}

/** Looks at one pending file whose outcome has not arrived: settled elsewhere, failed unrecorded, or lost. */
async function check(client: QueueClient, run: BatchRun, entry: BatchEntry, opts: FollowOptions): Promise<void> {
  const job = entry.job;
  if (!job) return;
  const state = await client.sourceState(job.data);
  if (state === 'live') return;
  const known = await client.batches.outcomeFor(sourceKey(job.data), { batch: run.id, path: entry.path });
  if (known) {
    // Settled by a job queued for another file or batch after this file's waiter was read.
    await settleFromRedis(client, run, job.data, known);
    accept(run, known, opts);
    return;
  }
  const extract = await client.extract.getJob(jobId('extract', job.data));
  if (extract && (await extract.isFailed())) {
    // Failed without reaching the store stage (its worker died once too often): record it now.
    const failure = { code: 'TRANSIENT' as const, message: extract.failedReason || 'extract job failed', stage: 'extract' as const };
    const { options: _options, ...ref } = extract.data;
    entry.job = { stage: 'store', data: { ...ref, batch: run.id, failure, attempts: extract.attemptsMade } };
  }
  await startEntry(client, run, entry);
}

async function reconcile(client: QueueClient, run: BatchRun, opts: FollowOptions): Promise<void> {
  const pending = run.pending();
  let next = 0;
  const lane = async () => {
    while (next < pending.length) await check(client, run, pending[next++]!, opts);
  };
  await Promise.all(Array.from({ length: CHECK_LANES }, lane));
}

/** Tells the follower when stages lack a live worker, once per change of which stages those are. */
function workerWatch(client: QueueClient, onNoWorker: FollowOptions['onNoWorker']): (quietFor: number) => Promise<void> {
  let checkedAt = 0;
  let told = '';
  return async (quietFor) => {
    if (!onNoWorker || quietFor < client.config.noWorkerMs || Date.now() - checkedAt < client.config.noWorkerMs) return;
    checkedAt = Date.now();
    const counts = await client.workerCounts();
    const idle = STAGES.filter((s) => counts[s] === 0);
    if (idle.length > 0 && idle.join() !== told) onNoWorker(idle);
    told = idle.join();
  };
}

/** Waits until every file of the batch is settled and returns the same summary as embedded mode. */
export async function followBatch(client: QueueClient, run: BatchRun, opts: FollowOptions = {}): Promise<IngestSummary> {
  const reconcileMs = opts.reconcileMs ?? client.config.reconcileMs;
  const pollMs = opts.pollMs ?? 200;
  const watchWorkers = workerWatch(client, opts.onNoWorker);
  await holdPoint('follow-batch');
  let cursor = 0;
  let quietSince = Date.now();
  while (run.settled < run.entries.size) {
    // While Redis is unreachable these calls wait for it to come back (maxRetriesPerRequest: null).
    if (!(await client.batches.exists(run.id))) {
      opts.onRebuilt?.(await rebuild(client, run));
      cursor = 0;
      quietSince = Date.now();
      continue;
    }
    const { outcomes, next } = await client.batches.feed(run.id, cursor);
    cursor = next;
    // Read after the feed: a file's last page is reported before it settles, so it is seen by now.
    if (opts.onOcrPage) for (const [path, report] of await client.batches.ocrReports(run.id)) opts.onOcrPage(path, report);
    let progressed = false;
    for (const o of outcomes) progressed = accept(run, o, opts) || progressed;
    if (progressed) quietSince = Date.now();
    else await watchWorkers(Date.now() - quietSince);
    if (!progressed && Date.now() - quietSince >= reconcileMs) {
      await reconcile(client, run, opts);
      quietSince = Date.now();
    }
    if (outcomes.length === 0) await sleep(pollMs);
  }
  return summarize(run.outcomes(), { ...(opts.catchUp ? { catchUp: opts.catchUp } : {}), skipped: run.skipped });
}
