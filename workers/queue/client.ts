/**
 * The queues of one deployment (`extract`, `store`) and its batch records, behind one Redis
 * connection; and `submit`, which starts the work on a source exactly once however often it is asked.
 * @module
 */
import { Queue, type JobsOptions, type JobState } from 'bullmq';
import { Redis } from 'ioredis';
import { BACKOFF_TYPE } from './backoff.js';
import { Batches } from './batches.js';
import type { QueueConfig } from './config.js';
import { jobId, sourceKey, type ExtractJob, type QueueStage, type SourceRef, type StoreJob } from './jobs.js';

/** States in which a job will still run (or is running): its outcome is yet to come. */
const LIVE: ReadonlySet<JobState | 'unknown'> = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

export type SourceState = 'live' | 'finished' | 'unknown';

/**
 * A Redis connection that waits out outages instead of failing commands: BullMQ requires
 * `maxRetriesPerRequest: null`, and a restarted Redis should look like a pause, not a crash.
 */
export function connect(config: QueueConfig, onError: (err: Error) => void = () => {}): Redis {
  const redis = new Redis(config.redisUrl, {
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(200 * times, 2000),
  });
  // ioredis reconnects by itself; without a listener each refused reconnect would be an unhandled error.
  redis.on('error', onError);
  return redis;
}

export class QueueClient {
  readonly redis: Redis;
  readonly extract: Queue<ExtractJob>;
  readonly store: Queue<StoreJob>;
  readonly batches: Batches;

  constructor(readonly config: QueueConfig, onError?: (err: Error) => void) {
    this.redis = connect(config, onError);
    const opts = { connection: this.redis, prefix: config.prefix, defaultJobOptions: this.jobOptions() };
    this.extract = new Queue<ExtractJob>('extract', opts);
    this.store = new Queue<StoreJob>('store', opts);
    // Connection errors also surface on each queue; without a listener BullMQ prints them raw.
    for (const q of [this.extract, this.store]) q.on('error', onError ?? (() => {}));
    this.batches = new Batches(this.redis, config.prefix);
  }

  /** Retries with jittered exponential backoff; finished history bounded per queue. */
  private jobOptions(): JobsOptions {
    const keep = { count: this.config.keepJobs };
    return { attempts: this.config.attempts, backoff: { type: BACKOFF_TYPE }, removeOnComplete: keep, removeOnFail: keep };
  }

  queue(stage: QueueStage): Queue<ExtractJob> | Queue<StoreJob> {
    return stage === 'extract' ? this.extract : this.store;
  }

  /** Live workers per stage (BullMQ names each worker's Redis connection after its queue). */
  async workerCounts(): Promise<Record<QueueStage, number>> {
    const [extract, store] = await Promise.all([this.extract.getWorkersCount(), this.store.getWorkersCount()]);
    return { extract, store };
  }

  /** Whether work on a source is still under way, finished (jobs kept in history) or unknown to Redis. */
  async sourceState(ref: SourceRef): Promise<SourceState> {
    const states = await Promise.all([this.extract.getJobState(jobId('extract', ref)), this.store.getJobState(jobId('store', ref))]);
    if (states.some((s) => LIVE.has(s))) return 'live';
    return states.every((s) => s === 'unknown') ? 'unknown' : 'finished';
  }

  /**
   * Queues a source at `stage` unless its work is already under way. Finished jobs of an earlier run
   * (kept in history under the same ids) are removed first, so re-queueing the same bytes after a
   * failure runs them again; two processes doing this at once still end with one job, since BullMQ
   * ignores an add whose id exists.
   */
  async submit(stage: 'extract', data: ExtractJob): Promise<'queued' | 'running'>;
  async submit(stage: 'store', data: StoreJob): Promise<'queued' | 'running'>;
  async submit(stage: QueueStage, data: ExtractJob | StoreJob): Promise<'queued' | 'running'> {
    const state = await this.sourceState(data);
    if (state === 'live') return 'running';
    await this.batches.clearOutcome(sourceKey(data));
    for (const s of state === 'finished' ? (['extract', 'store'] as const) : []) {
      // Removing fails only when the job just became active elsewhere: then it is running.
      const removed = await this.queue(s).remove(jobId(s, data)).then(() => true, () => false);
      if (!removed) return 'running';
    }
    if (stage === 'extract') await this.extract.add('extract', data as ExtractJob, { jobId: jobId('extract', data) });
    else await this.store.add('store', data as StoreJob, { jobId: jobId('store', data) });
    return 'queued';
  }

  async close(): Promise<void> {
    await Promise.all([this.extract.close(), this.store.close()]);
    this.redis.disconnect();
  }
}
