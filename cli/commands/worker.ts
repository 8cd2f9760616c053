/** `wenshi worker`: runs queue stages until stopped (SIGINT/SIGTERM stop it gracefully). @module */
import { parseArgs } from 'node:util';
import { defaultWorkerName, queueConfig, runWorker, STAGES, type QueueStage } from '../../workers/queue/index.js';
import type { Command } from '../command.js';
import { existsSync } from 'node:fs';
import { archiveFile } from '../../pipeline/store/archive-file.js';
import { dataDir, parsePositiveInt, UsageError } from '../context.js';

const USAGE = `Usage: wenshi worker [--data DIR] [--concurrency N (default 4)] [--stages extract,store] [--name NAME]

Needs REDIS_URL. Takes jobs from the queues and runs the pipeline stages; start as many as you like,
on any machine that reaches Redis and mounts the data folder at the same path. Run the store stage
only on the machine that holds the archive (e.g. \`--stages extract\` elsewhere).
Jobs name their data folder, so a worker serves every folder its jobs name. --data DIR (or
WENSHI_DATA) names the one this machine holds: checked before any job is taken (with the store
stage, its archive must be there) and, with the store stage, its search index caught up on sources
stored but not yet searchable.
Ctrl-C / SIGTERM: stops taking jobs, lets active ones finish (WENSHI_WORKER_GRACE_MS, default 10 s),
gives the rest back to the queue, exits 0.`;

/** Jobs per stage at once: stages wait on the content store and Redis between bursts of CPU work. */
const DEFAULT_CONCURRENCY = 4;

function parseStages(value: string | undefined): QueueStage[] {
  if (value === undefined) return [...STAGES];
  const stages = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = stages.filter((s) => !STAGES.includes(s as QueueStage));
  if (bad.length > 0 || stages.length === 0) throw new UsageError(`--stages must list some of ${STAGES.join(', ')}; got "${value}"`);
  return [...new Set(stages)] as QueueStage[];
}

export const workerCommand: Command = {
  name: 'worker',
  usage: USAGE,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { data: { type: 'string' }, concurrency: { type: 'string' }, stages: { type: 'string' }, name: { type: 'string' } },
    });
    const config = queueConfig();
    if (!config) throw new UsageError('REDIS_URL is not set: workers take their jobs from Redis');
    const stages = parseStages(values.stages);
    const data = values.data ?? process.env.WENSHI_DATA;
    const folder = data === undefined ? undefined : dataDir(data);
    if (folder !== undefined && !existsSync(stages.includes('store') ? archiveFile(folder) : folder)) {
      throw new UsageError(`no ${stages.includes('store') ? 'archive' : 'data folder'} at ${folder}: the store stage runs where the archive lives (run wenshi ingest there first)`);
    }
    await runWorker(config, {
      stages,
      ...(folder !== undefined ? { data: folder } : {}),
      concurrency: parsePositiveInt('concurrency', values.concurrency) ?? DEFAULT_CONCURRENCY,
      name: values.name ?? defaultWorkerName(),
      log: (line) => process.stderr.write(`${line}\n`),
    });
    // Work abandoned after the grace time may still hold the event loop: the jobs are back in the queue.
    setTimeout(() => process.exit(0), 1000).unref();
    return 0;
  },
};
