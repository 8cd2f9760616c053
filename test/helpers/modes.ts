/**
 * The runners an end-to-end suite is repeated for. Each gives the environment the CLI runs with;
 * queue mode also starts two `wenshi worker` processes for the suite and stops them after.
 * @module
 */
import { clearPrefix, REDIS_URL, startWorkers, uniquePrefix, type WorkerProcess } from './redis.js';

export interface IngestMode {
  name: string;
  /** Environment for CLI processes in this mode. */
  env: () => Record<string, string | undefined>;
  /** Started once before a suite uses the mode. */
  setup?: () => Promise<void>;
  /** Stops what setup started. */
  teardown?: () => Promise<void>;
}

function queueMode(): IngestMode {
  const prefix = uniquePrefix('e2e');
  const env = () => ({ REDIS_URL, WENSHI_QUEUE_PREFIX: prefix });
  let workers: WorkerProcess[] = [];
  return {
    name: 'queue',
    env,
    setup: async () => {
      if (workers.length === 0) workers = await startWorkers(2, env());
    },
    teardown: async () => {
      const codes = await Promise.all(workers.map((w) => w.stop()));
      workers = [];
      await clearPrefix(prefix);
      const bad = codes.filter((c) => c !== 0);
      if (bad.length > 0) throw new Error(`workers exited with ${codes.join(', ')} instead of 0`);
    },
  };
}

export const INGEST_MODES: IngestMode[] = [
  { name: 'embedded', env: () => ({ REDIS_URL: undefined }) },
  queueMode(),
];
