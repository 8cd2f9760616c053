/**
 * The soak's queue phase: the same input ingested in queue mode by two `wenshi worker` processes,
 * with a private redis-server (never a shared one) killed and restarted empty while the batch
 * runs. Redis losing everything must cost nothing: every document stored once and searchable, the
 * batch's summary counting each document it stored exactly once, searches answering as on the
 * reference archive.
 * @module
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { SqliteEngine } from '../../pipeline/search/index.js';
import type { IngestSummary } from '../../workers/summary.js';
import { wenshi } from '../../test/helpers/cli.js';
import { privateRedis, startWorkers, type WorkerProcess } from '../../test/helpers/redis.js';
import { contents, documentFigures, storedSources, type DocumentFigures } from './contents.js';

export interface QueuePhaseOptions {
  input: string;
  /** Data folder for this phase (empty). */
  data: string;
  /** The reference archive: its documents are expected, its search totals the baseline. */
  reference: string;
  queries: readonly string[];
  /** Files the batch holds, to restart Redis while some but not all are stored. */
  files: number;
  /**
   * Milliseconds each extract job waits first, so a small batch is still running at the restart.
   * @defaultValue 0
   */
  extractDelayMs?: number;
}

export interface QueueReport extends DocumentFigures {
  /** Documents the batch's summary says it stored, against those in the archive. */
  reported: number;
  /** Restarts that landed while the batch was running (some files stored, not all). */
  restarts: number;
  searches: number;
  failedSearches: number;
}

/** Short locks and a quick reconcile, so lost jobs are found within seconds. */
const FAST_RECOVERY = { WENSHI_QUEUE_LOCK_MS: '2000', WENSHI_QUEUE_STALLED_MS: '1000', WENSHI_QUEUE_RECONCILE_MS: '1500' };

async function totals(data: string, queries: readonly string[]): Promise<number[]> {
  const engine = new SqliteEngine({ dataDir: data });
  try {
    return await Promise.all(queries.map(async (q) => (await engine.search({ q })).total));
  } finally {
    await engine.close();
  }
}

export async function queuePhase(opts: QueuePhaseOptions, log: (line: string) => void): Promise<QueueReport> {
  const redis = await privateRedis();
  const env = { REDIS_URL: redis.url, WENSHI_QUEUE_PREFIX: '{wenshi-soak}', MEILI_URL: undefined, WENSHI_DATA: undefined, ...FAST_RECOVERY };
  let workers: WorkerProcess[] = [];
  try {
    workers = await startWorkers(2, { ...env, WENSHI_TEST_EXTRACT_DELAY_MS: String(opts.extractDelayMs ?? 0) }, 'soak', ['--concurrency', '2']);
    const ingest = wenshi(['ingest', opts.input, '--data', opts.data, '--json'], env);
    let done = false;
    void ingest.finally(() => (done = true));
    // Restart once a third of the batch is stored: the rest is queued, running or settled unread.
    while (!done && storedSources(opts.data) < opts.files / 3) await sleep(20);
    const storedAtRestart = storedSources(opts.data);
    await redis.kill();
    await sleep(500);
    await redis.start();
    const restarts = !done && storedAtRestart > 0 && storedAtRestart < opts.files ? 1 : 0;
    const run = await ingest;
    const summary = JSON.parse(run.stdout) as IngestSummary;
    log(`queue: Redis restarted with ${storedAtRestart} of ${opts.files} files stored; the ingest exited ${run.code}${/queued again/.test(run.stderr) ? ', having queued lost files again' : ''}`);

    const [want, got] = [await totals(opts.reference, opts.queries), await totals(opts.data, opts.queries)];
    return {
      ...documentFigures(contents(opts.reference).stored, opts.data),
      reported: summary.documents,
      restarts,
      searches: opts.queries.length,
      failedSearches: want.filter((n, i) => n !== got[i]).length,
    };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await redis.kill();
  }
}
