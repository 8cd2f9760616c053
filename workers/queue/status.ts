/**
 * What `wenshi status` shows in queue mode: per-stage job counts, the latest batch's speed and ETA,
 * and store jobs that failed without the archive hearing of it.
 * @module
 */
import type { Stage } from '../../pipeline/errors.js';
import type { QueueClient } from './client.js';
import { STAGES, type QueueStage } from './jobs.js';
import type { BatchInfo } from './batches.js';

export interface StageCounts {
  waiting: number;
  active: number;
  delayed: number;
  completed: number;
  failed: number;
}

export interface BatchProgress extends BatchInfo {
  /** Files settled per second since the batch started (until it finished). */
  filesPerSecond: number;
  /** Seconds left at that rate; null when finished or nothing settled yet. */
  etaSeconds: number | null;
}

export interface QueueFailure {
  path: string;
  stage: Stage;
  code: string;
  error: string;
  attempts: number;
}

export interface QueueStatus {
  stages: Record<QueueStage, StageCounts>;
  batch: BatchProgress | null;
  /** Store jobs that failed for this data folder (the archive could not record them itself). */
  storeFailures: QueueFailure[];
  /** Live workers per stage. */
  workers: Record<QueueStage, number>;
}

export function progressOf(batch: BatchInfo, now = Date.now()): BatchProgress {
  const seconds = Math.max(0.001, ((batch.finishedAt ?? now) - batch.startedAt) / 1000);
  const filesPerSecond = batch.settled / seconds;
  const left = batch.total - batch.settled;
  const etaSeconds = batch.finishedAt || left <= 0 || filesPerSecond === 0 ? null : left / filesPerSecond;
  return { ...batch, filesPerSecond, etaSeconds };
}

async function countsOf(client: QueueClient, stage: QueueStage): Promise<StageCounts> {
  const c = await client.queue(stage).getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'completed', 'failed');
  return { waiting: (c.waiting ?? 0) + (c.prioritized ?? 0), active: c.active ?? 0, delayed: c.delayed ?? 0, completed: c.completed ?? 0, failed: c.failed ?? 0 };
}

export async function queueStatus(client: QueueClient, data: string): Promise<QueueStatus> {
  const stages = Object.fromEntries(await Promise.all(STAGES.map(async (s) => [s, await countsOf(client, s)] as const))) as Record<QueueStage, StageCounts>;
  const latest = await client.batches.latest();
  const failedStores = await client.store.getFailed(0, client.config.keepJobs);
  const storeFailures = failedStores
    .filter((j) => j?.data?.data === data)
    .map((j) => ({ path: j.data.path, stage: 'store' as const, code: 'TRANSIENT', error: j.failedReason, attempts: j.attemptsMade }));
  return { stages, batch: latest ? progressOf(latest) : null, storeFailures, workers: await client.workerCounts() };
}
