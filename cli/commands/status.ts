/**
 * `wenshi status`: archive counts and every failed file with its reason, and a word when searches
 * rank without the native function (native.ts); in queue mode (REDIS_URL) also per-stage job counts
 * and the latest batch's speed and ETA.
 * @module
 */
import { parseArgs } from 'node:util';
import { queueConfig, type QueueConfig } from '../../workers/queue/config.js';
import type { QueueStatus } from '../../workers/queue/index.js';
import { STAGES } from '../../workers/queue/jobs.js';
import { rankingState } from '../../pipeline/search/sqlite/native.js';
import type { Command } from '../command.js';
import { openArchive } from '../archive.js';
import { dataDir, printJson } from '../context.js';

const RANKING_NOTE = {
  off: 'native ranking turned off (WENSHI_NATIVE_RANKING=0)',
  'not built': 'native ranking not built (npm run build, with a C compiler, makes dist/native/bm25c.so)',
  stale: 'native ranking built before native/bm25c.c last changed (npm run build makes it again)',
} as const;

function printQueue(q: QueueStatus): void {
  const none = STAGES.filter((s) => q.workers[s] === 0);
  process.stdout.write(`工作进程 live workers: ${STAGES.map((s) => `${s} ${q.workers[s]}`).join(' · ')}${none.length ? ' (start one with wenshi worker)' : ''}\n`);
  for (const [stage, c] of Object.entries(q.stages)) {
    process.stdout.write(`队列 ${stage.padEnd(8)} 等待 waiting ${c.waiting} · 进行 active ${c.active} · 延后 delayed ${c.delayed} · 完成 completed ${c.completed} · 失败 failed ${c.failed}\n`);
  }
  const b = q.batch;
  if (!b) return;
  const eta = b.etaSeconds === null ? (b.finishedAt ? '已完成 done' : '—') : `${Math.ceil(b.etaSeconds)} s`;
  process.stdout.write(`最近批次 latest batch ${b.id}: ${b.settled}/${b.total} 文件 files · ${b.filesPerSecond.toFixed(1)} 文件/秒 files/s · ETA ${eta}\n`);
}

/** Loads BullMQ only in queue mode. */
async function readQueue(config: QueueConfig, data: string): Promise<QueueStatus> {
  const { QueueClient, queueStatus } = await import('../../workers/queue/index.js');
  const client = new QueueClient(config);
  try {
    return await queueStatus(client, data);
  } finally {
    await client.close();
  }
}

export const statusCommand: Command = {
  name: 'status',
  usage: 'Usage: wenshi status [--data DIR] [--json]',
  async run(args) {
    const { values } = parseArgs({ args, options: { data: { type: 'string' }, json: { type: 'boolean', default: false } } });
    const archive = openArchive(values.data);
    const config = queueConfig();
    try {
      // Queue first: the archive read after it is never behind the batch it reports.
      const queue = config ? await readQueue(config, dataDir(values.data)) : null;
      const counts = archive.counts();
      const failed = archive.failures().map((f) => ({ path: f.path, stage: f.errorStage, code: f.errorCode, error: f.errorMessage, attempts: f.attempts }));
      if (queue) failed.push(...queue.storeFailures.filter((s) => !failed.some((f) => f.path === s.path)));
      // The embedded engine's ranking: a machine that could not build it searches slower, and should be told.
      const ranking = process.env.MEILI_URL ? null : rankingState();
      if (values.json) {
        printJson({ ...counts, failed, ...(ranking ? { search: ranking } : {}), ...(queue ? { queue: { stages: queue.stages, batch: queue.batch, workers: queue.workers } } : {}) });
        return 0;
      }
      process.stdout.write(`文件 sources: ${counts.sources} · 文档 documents: ${counts.documents} · 失败 failed: ${counts.failed}\n`);
      if (ranking?.ranking === 'bm25') process.stdout.write(`检索排序 search ranking: SQLite's bm25(), ${RANKING_NOTE[ranking.why]}; multi-word searches are slower (same results)\n`);
      if (counts.unindexed > 0) {
        process.stdout.write(`未编入索引 stored but not searchable yet: ${counts.unindexed} 个文件 files (wenshi ingest or wenshi reindex indexes them)\n`);
      }
      if (queue) printQueue(queue);
      for (const f of failed) process.stdout.write(`  ✗ ${f.path}\n    [${f.code} @ ${f.stage}, ${f.attempts}×] ${f.error}\n`);
      return 0;
    } finally {
      archive.close();
    }
  },
};
