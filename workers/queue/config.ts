/**
 * Queue-mode settings, read from the environment with documented defaults. Cheap to import: the
 * CLI checks for queue mode before loading BullMQ.
 * @module
 */

export interface QueueConfig {
  /** `REDIS_URL`, e.g. `redis://127.0.0.1:6379`. */
  redisUrl: string;
  /**
   * Key prefix for every queue and batch key (`WENSHI_QUEUE_PREFIX`). Braces make it a Redis Cluster
   * hash tag, so all keys of one deployment live in one slot, as BullMQ's multi-key scripts need.
   * @defaultValue `{wenshi}`
   */
  prefix: string;
  /**
   * Tries per job before a transient fault is recorded as the source's failure (`WENSHI_QUEUE_ATTEMPTS`).
   * @defaultValue 5
   */
  attempts: number;
  /**
   * First retry delay in ms, doubled per attempt, with jitter (`WENSHI_QUEUE_BACKOFF_MS`).
   * @defaultValue 1000
   */
  backoffMs: number;
  /**
   * How long a worker's claim on a job lasts without renewal (`WENSHI_QUEUE_LOCK_MS`). A worker that
   * dies stops renewing; after this the job counts as stalled and another worker takes it.
   * @defaultValue 30000
   */
  lockMs: number;
  /**
   * How often workers look for stalled jobs (`WENSHI_QUEUE_STALLED_MS`).
   * @defaultValue 15000
   */
  stalledMs: number;
  /**
   * Finished jobs kept per queue and outcome (`WENSHI_QUEUE_KEEP`); the archive keeps the durable status.
   * @defaultValue 1000
   */
  keepJobs: number;
  /**
   * Time a stopping worker gives its active jobs before releasing them to other workers (`WENSHI_WORKER_GRACE_MS`).
   * @defaultValue 10000
   */
  graceMs: number;
  /**
   * How often a following `ingest` checks that every pending file still has a job, re-queueing
   * what Redis lost (`WENSHI_QUEUE_RECONCILE_MS`).
   * @defaultValue 5000
   */
  reconcileMs: number;
  /**
   * Quiet time after which a following `ingest` checks that every stage has a live worker, and says
   * so when one has none (`WENSHI_QUEUE_NO_WORKER_MS`).
   * @defaultValue 5000
   */
  noWorkerMs: number;
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${name} must be a whole number ≥ 1, got "${raw}"`);
  return n;
}

/** The queue settings, or null when `REDIS_URL` is unset (embedded mode). */
export function queueConfig(env: NodeJS.ProcessEnv = process.env): QueueConfig | null {
  if (!env.REDIS_URL) return null;
  const prefix = env.WENSHI_QUEUE_PREFIX || '{wenshi}';
  if (prefix.includes(':')) throw new RangeError(`WENSHI_QUEUE_PREFIX must not contain ":", got "${prefix}"`);
  return {
    redisUrl: env.REDIS_URL,
    prefix,
    attempts: intFrom(env, 'WENSHI_QUEUE_ATTEMPTS', 5),
    backoffMs: intFrom(env, 'WENSHI_QUEUE_BACKOFF_MS', 1000),
    lockMs: intFrom(env, 'WENSHI_QUEUE_LOCK_MS', 30_000),
    stalledMs: intFrom(env, 'WENSHI_QUEUE_STALLED_MS', 15_000),
    keepJobs: intFrom(env, 'WENSHI_QUEUE_KEEP', 1000),
    graceMs: intFrom(env, 'WENSHI_WORKER_GRACE_MS', 10_000),
    reconcileMs: intFrom(env, 'WENSHI_QUEUE_RECONCILE_MS', 5000),
    noWorkerMs: intFrom(env, 'WENSHI_QUEUE_NO_WORKER_MS', 5000),
  };
}
