/**
 * One worker process: BullMQ Workers for the chosen stages, stalled-job recovery, and a graceful
 * stop on SIGINT/SIGTERM (no new jobs; active ones finish within the grace time, or go back to the queue).
 * @module
 */
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker, type Processor } from 'bullmq';
import { catchUpIndex } from '../../pipeline/indexing.js';
import { relieveMemory } from '../../pipeline/memory.js';
import { createEngine, engineOptionsFromEnv, type SearchEngine } from '../../pipeline/search/index.js';
import { archiveFile } from '../../pipeline/store/archive-file.js';
import { Archive } from '../../pipeline/store/archive.js';
import { backoffStrategy } from './backoff.js';
import { QueueClient } from './client.js';
import type { QueueConfig } from './config.js';
import type { QueueStage } from './jobs.js';
import { extractProcessor, storeProcessor, type StageContext } from './processors.js';

export interface WorkerRunOptions {
  /**
   * Stages this process runs; run `store` only where the archive lives.
   * @defaultValue both
   */
  stages: readonly QueueStage[];
  /**
   * Jobs per stage at once in this process. A few overlap the waits on the content store and Redis;
   * for more CPU, start one process per core instead.
   */
  concurrency: number;
  /**
   * Recorded on every job it processes (`processedBy`).
   * @defaultValue `<host>-<pid>`
   */
  name: string;
  log: (line: string) => void;
  /**
   * The data folder this machine holds. With the store stage, its index is caught up at start on
   * sources stored but not yet searchable. Jobs still name their own data folder.
   * @defaultValue none
   */
  data?: string;
  /** Called once every Worker is connected and taking jobs. */
  onReady?: () => void;
}

/** Time a released job has to reach the queue once the grace time is over. */
const RELEASE_MS = 3000;

export function defaultWorkerName(): string {
  return `${hostname()}-${process.pid}`;
}

/** Opens one resource per data folder on first use, and closes them all at the end. */
function perDataFolder<T>(open: (data: string) => T, close: (value: T) => unknown): { get: (data: string) => T; closeAll: () => Promise<void> } {
  const opened = new Map<string, T>();
  return {
    get: (data) => {
      let value = opened.get(data);
      if (value === undefined) opened.set(data, (value = open(data)));
      return value;
    },
    closeAll: async () => {
      for (const value of opened.values()) await close(value);
      opened.clear();
    },
  };
}

/**
 * `ingest` creates the archive before queueing, so a missing one means this machine does not hold
 * it: opening would start an empty archive here instead.
 */
function openExistingArchive(data: string): Archive {
  if (!existsSync(archiveFile(data))) {
    throw new Error(`no archive at ${data} on this machine: run the store stage where the archive lives, with the data folder at that path`);
  }
  return new Archive(data);
}

/** Logs each distinct error once per minute, so a Redis outage does not flood the log. */
function quietErrors(log: (line: string) => void): (err: Error) => void {
  const seen = new Map<string, number>();
  return (err) => {
    const last = seen.get(err.message) ?? 0;
    if (Date.now() - last < 60_000) return;
    seen.set(err.message, Date.now());
    log(`! ${err.message}`);
  };
}

/** Indexes what the archive stored but the engine never confirmed (a process died in between, the index was locked). */
async function catchUp(data: string, archive: Archive, engine: SearchEngine, log: (line: string) => void): Promise<void> {
  const result = await catchUpIndex(archive, engine);
  if (result.indexed > 0) log(`indexed ${result.indexed} source(s) of ${data} stored earlier but not searchable`);
  const left = result.notIndexed[0];
  if (left) log(`! ${result.notIndexed.length} source(s) of ${data} still not searchable: ${left.failure.message}`);
}

/** A processor that lets go of its garbage after each job, as embedded ingest does after each file (pipeline/memory.ts). */
function relieving(processor: Processor): Processor {
  return async (job, token, signal) => {
    try {
      return await processor(job, token, signal);
    } finally {
      relieveMemory();
    }
  };
}

/** Runs until SIGINT/SIGTERM, then stops gracefully and resolves. */
export async function runWorker(config: QueueConfig, opts: WorkerRunOptions): Promise<void> {
  const onError = quietErrors(opts.log);
  const client = new QueueClient(config, onError);
  const archives = perDataFolder(openExistingArchive, (a) => a.close());
  // The same engine embedded mode uses: Meilisearch when MEILI_URL is set, else SQLite FTS5 in the data folder.
  const engines = perDataFolder((data) => createEngine(engineOptionsFromEnv({ ...process.env, WENSHI_DATA: data })), (e) => e.close());
  const ctx: StageContext = { client, archive: archives.get, engine: engines.get, storesHere: opts.stages.includes('store') };
  const processors: Record<QueueStage, Processor> = { extract: relieving(extractProcessor(ctx)), store: relieving(storeProcessor(ctx)) };
  const workers = opts.stages.map((stage) => {
    const worker = new Worker(stage, processors[stage], {
      connection: client.redis,
      prefix: config.prefix,
      name: opts.name,
      concurrency: opts.concurrency,
      lockDuration: config.lockMs,
      stalledInterval: config.stalledMs,
      // A job whose worker died twice (stalled twice: BullMQ fails it once the count passes this) is
      // given up rather than allowed to kill a third; the follower records it on its source.
      maxStalledCount: 1,
      settings: { backoffStrategy: backoffStrategy(config.backoffMs) },
    });
    worker.on('error', onError);
    worker.on('failed', (job, err) => job && opts.log(`✗ ${stage} ${job.data.path}: ${err.message} (try ${job.attemptsMade})`));
    return worker;
  });

  const stopped = new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  if (opts.data !== undefined && ctx.storesHere) await catchUp(opts.data, archives.get(opts.data), engines.get(opts.data), opts.log);
  opts.log(`worker ${opts.name} ready: stages ${opts.stages.join(',')}, concurrency ${opts.concurrency}`);
  opts.onReady?.();

  const signal = await stopped;
  opts.log(`worker ${opts.name} stopping on ${signal}: finishing active jobs (up to ${config.graceMs} ms)`);
  const closing = Promise.all(workers.map((w) => w.close()));
  const closed = await Promise.race([closing.then(() => true), sleep(config.graceMs).then(() => false)]);
  if (!closed) {
    opts.log(`worker ${opts.name}: grace time over, giving active jobs back to the queue`);
    for (const w of workers) w.cancelAllJobs('worker stopping');
    await Promise.race([closing, sleep(RELEASE_MS)]);
  }
  await engines.closeAll();
  await archives.closeAll();
  await client.close();
  opts.log(`worker ${opts.name} stopped`);
}
