/**
 * Queue-mode throughput against the embedded runner on a generated corpus (≥ 2,000 small distinct
 * documents): files/s and MB/s for embedded, queue with 1 worker and with 2 workers, their ratios,
 * the queue's overhead per document, and each worker's peak RSS. Needs Redis (REDIS_URL or the local
 * one); set WENSHI_BENCH_QUEUE_DOCS to change the corpus size.
 * @module
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ingestEmbedded } from '../workers/embedded.js';
import { createEngine, engineOptionsFromEnv } from '../pipeline/search/index.js';
import { Archive } from '../pipeline/store/archive.js';
import { enqueueBatch, followBatch, QueueClient, queueConfig } from '../workers/queue/index.js';
import { tempDir } from '../test/helpers/cli.js';
import { writeCorpus } from '../test/helpers/corpus.js';
import { clearPrefix, REDIS_URL, startWorkers, uniquePrefix } from '../test/helpers/redis.js';

interface Measured {
  label: string;
  seconds: number;
  /** Peak resident set size of each worker process, in MiB. */
  peakRssMiB: number[];
}

/** Peak resident set size of a process (Linux VmHWM), in MiB. */
function peakRssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
  return Number(line?.match(/(\d+)/)?.[1] ?? 0) / 1024;
}

async function embedded(input: string): Promise<Measured> {
  const data = tempDir('wenshi-bench-');
  const archive = new Archive(data);
  // Indexing included, as `wenshi ingest` and the queue's store step do.
  const engine = createEngine(engineOptionsFromEnv({ ...process.env, WENSHI_DATA: data }));
  const start = performance.now();
  const summary = await ingestEmbedded([input], archive, { engine });
  const seconds = (performance.now() - start) / 1000;
  await engine.close();
  archive.close();
  rmSync(data, { recursive: true, force: true });
  if (summary.failed.length > 0) throw new Error(`embedded run had ${summary.failed.length} failures`);
  return { label: 'embedded (in process)', seconds, peakRssMiB: [process.resourceUsage().maxRSS / 1024] };
}

async function queued(input: string, workerCount: number): Promise<Measured> {
  const prefix = uniquePrefix(`bench${workerCount}`);
  const env = { REDIS_URL, WENSHI_QUEUE_PREFIX: prefix };
  const config = queueConfig({ ...process.env, ...env })!;
  const workers = await startWorkers(workerCount, env, `bench${workerCount}-`);
  const client = new QueueClient(config);
  const data = tempDir('wenshi-bench-');
  const archive = new Archive(data);
  try {
    const start = performance.now();
    const run = await enqueueBatch(client, archive, [input]);
    const summary = await followBatch(client, run, { pollMs: 50 });
    const seconds = (performance.now() - start) / 1000;
    if (summary.failed.length > 0) throw new Error(`queue run had ${summary.failed.length} failures`);
    const peak = workers.map((w) => peakRssMiB(w.child.pid!));
    return { label: `queue, ${workerCount} worker${workerCount > 1 ? 's' : ''}`, seconds, peakRssMiB: peak };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await client.close();
    archive.close();
    await clearPrefix(prefix);
    rmSync(data, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  const count = Math.max(2000, Number(process.env.WENSHI_BENCH_QUEUE_DOCS ?? 2000));
  const input = join(tempDir('wenshi-bench-'), 'corpus');
  const { bytes } = writeCorpus(input, count);
  const mb = bytes / 1024 / 1024;
  console.log(`corpus: ${count} generated TXT documents, ${mb.toFixed(1)} MB`);

  const base = await embedded(input);
  const one = await queued(input, 1);
  const two = await queued(input, 2);

  console.log('\nrunner                   files/s     MB/s   vs embedded   peak RSS (MiB)');
  for (const m of [base, one, two]) {
    console.log(`${m.label.padEnd(24)} ${(count / m.seconds).toFixed(1).padStart(7)} ${(mb / m.seconds).toFixed(2).padStart(8)} ${(base.seconds / m.seconds).toFixed(2).padStart(12)}×   ${m.peakRssMiB.map((r) => r.toFixed(0)).join(' / ')}`);
  }
  const workMs = (base.seconds * 1000) / count;
  const overheadMs = ((one.seconds - base.seconds) * 1000) / count;
  console.log(`\nper-document work (embedded): ${workMs.toFixed(2)} ms`);
  console.log(`queue overhead per document (1 worker − embedded): ${overheadMs.toFixed(2)} ms = ${((overheadMs / workMs) * 100).toFixed(1)} % of the work (target ≤ 5 %)`);
  console.log(`2 workers vs 1 worker: ${(one.seconds / two.seconds).toFixed(2)}× (target ≥ 1.7× on CPU-bound stages; this machine has ${(await import('node:os')).availableParallelism()} cores)`);
  console.log(`peak RSS per worker: ${Math.max(...one.peakRssMiB, ...two.peakRssMiB).toFixed(0)} MiB at most (target ≤ 500 MiB)`);
  rmSync(input, { recursive: true, force: true });
}
