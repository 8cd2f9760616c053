/**
 * Queue-mode throughput against the embedded runner on a generated corpus (≥ 2,000 small distinct
 * documents): files/s and MB/s for embedded, queue with 1 worker and with 2 workers, their ratios,
 * the queue's overhead per document, and each worker's peak RSS. Apart from that, how the CPU-bound
 * stages alone scale: extract-only workers (extract → analyze) drain the batch's extract jobs, then
 * one store worker writes the archive. Needs Redis (REDIS_URL or the local one); set
 * WENSHI_BENCH_QUEUE_DOCS to change the corpus size.
 * @module
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ingestEmbedded } from '../workers/embedded.js';
import { createEngine, engineOptionsFromEnv } from '../pipeline/search/index.js';
import { Archive } from '../pipeline/store/archive.js';
import { enqueueBatch, followBatch, QueueClient, queueConfig } from '../workers/queue/index.js';
import { tempDir } from '../test/helpers/cli.js';
import { writeCorpus } from '../test/helpers/corpus.js';
import { clearPrefix, REDIS_URL, startWorkers, uniquePrefix, type WorkerProcess } from '../test/helpers/redis.js';

interface Measured {
  label: string;
  seconds: number;
  /** Peak resident set size of each worker process, in MiB. */
  peakRssMiB: number[];
  /** CPU seconds the workers and this process (enqueue, follow) used in the timed part. */
  cpu?: { workers: number; here: number };
}

/** User + system CPU seconds a process has used so far (Linux /proc). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
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
  const cpuAtStart = process.cpuUsage();
  const start = performance.now();
  const summary = await ingestEmbedded([input], archive, { engine });
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuAtStart);
  await engine.close();
  archive.close();
  rmSync(data, { recursive: true, force: true });
  if (summary.failed.length > 0) throw new Error(`embedded run had ${summary.failed.length} failures`);
  return { label: 'embedded (in process)', seconds, peakRssMiB: [process.resourceUsage().maxRSS / 1024], cpu: { workers: 0, here: (cpu.user + cpu.system) / 1e6 } };
}

/** Resolves once the extract queue has no job waiting, delayed or active. */
async function extractDrained(client: QueueClient): Promise<void> {
  for (;;) {
    const c = await client.extract.getJobCounts('waiting', 'prioritized', 'delayed', 'active');
    if (Object.values(c).every((n) => n === 0)) return;
    await sleep(20);
  }
}

/**
 * A batch through `workerCount` workers. Both stages: the time from queueing to the batch's end, as
 * `wenshi ingest` sees it. Extract only: the batch is queued first, then the time the workers take
 * to drain its extract jobs (the CPU-bound stages, without the queueing process competing for the
 * CPU); a store worker then ends the batch.
 */
async function queued(input: string, workerCount: number, only?: 'extract'): Promise<Measured> {
  const prefix = uniquePrefix(`bench${workerCount}`);
  const env = { REDIS_URL, WENSHI_QUEUE_PREFIX: prefix };
  const config = queueConfig({ ...process.env, ...env })!;
  const client = new QueueClient(config);
  const data = tempDir('wenshi-bench-');
  const archive = new Archive(data);
  const workers: WorkerProcess[] = [];
  try {
    const queuedFirst = only ? await enqueueBatch(client, archive, [input]) : null;
    workers.push(...(await startWorkers(workerCount, env, `bench${workerCount}-`, only ? ['--stages', only] : [])));
    const cpuOfWorkers = () => workers.slice(0, workerCount).reduce((sum, w) => sum + cpuSeconds(w.child.pid!), 0);
    const cpuAtStart = { workers: cpuOfWorkers(), here: process.cpuUsage() };
    const cpuSince = () => {
      const here = process.cpuUsage(cpuAtStart.here);
      return { workers: cpuOfWorkers() - cpuAtStart.workers, here: (here.user + here.system) / 1e6 };
    };
    const start = performance.now();
    const run = queuedFirst ?? (await enqueueBatch(client, archive, [input]));
    let seconds = 0;
    let cpu = { workers: 0, here: 0 };
    if (only) {
      await extractDrained(client);
      seconds = (performance.now() - start) / 1000;
      cpu = cpuSince();
      workers.push(...(await startWorkers(1, env, `bench-store-`, ['--stages', 'store'])));
    }
    const summary = await followBatch(client, run, { pollMs: 50 });
    if (!only) {
      seconds = (performance.now() - start) / 1000;
      cpu = cpuSince();
    }
    if (summary.failed.length > 0) throw new Error(`queue run had ${summary.failed.length} failures`);
    const peak = workers.slice(0, workerCount).map((w) => peakRssMiB(w.child.pid!));
    const label = only ? `${only} only, ${workerCount} worker${workerCount > 1 ? 's' : ''}*` : `queue, ${workerCount} worker${workerCount > 1 ? 's' : ''}`;
    return { label, seconds, peakRssMiB: peak, cpu };
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
  console.log(`corpus: ${count} generated TXT documents, ${mb.toFixed(1)} MiB`);

  const base = await embedded(input);
  const one = await queued(input, 1);
  const two = await queued(input, 2);
  const extractOne = await queued(input, 1, 'extract');
  const extractTwo = await queued(input, 2, 'extract');

  console.log('\nrunner                   files/s    MiB/s   vs embedded   peak RSS (MiB)   CPU s: workers, bench process');
  for (const m of [base, one, two, extractOne, extractTwo]) {
    const cpu = m.cpu ? `${m.cpu.workers.toFixed(1).padStart(6)} ${m.cpu.here.toFixed(1).padStart(5)}` : '';
    console.log(`${m.label.padEnd(24)} ${(count / m.seconds).toFixed(1).padStart(7)} ${(mb / m.seconds).toFixed(2).padStart(8)} ${(base.seconds / m.seconds).toFixed(2).padStart(12)}×   ${m.peakRssMiB.map((r) => r.toFixed(0)).join(' / ').padEnd(14)}   ${cpu}`);
  }
  const workMs = (base.seconds * 1000) / count;
  const overheadMs = ((one.seconds - base.seconds) * 1000) / count;
  console.log(`\nper-document work (embedded): ${workMs.toFixed(2)} ms`);
  console.log(`queue overhead per document (1 worker − embedded): ${overheadMs.toFixed(2)} ms = ${((overheadMs / workMs) * 100).toFixed(1)} % of the work (target ≤ 5 %)`);
  if (base.cpu && one.cpu) {
    const cpuMs = (c: NonNullable<Measured['cpu']>) => ((c.workers + c.here) * 1000) / count;
    const extra = cpuMs(one.cpu) - cpuMs(base.cpu);
    console.log(`  in CPU time (worker + this process, Redis's own not counted): ${cpuMs(base.cpu).toFixed(2)} → ${cpuMs(one.cpu).toFixed(2)} ms per document, +${extra.toFixed(2)} ms = ${((extra / cpuMs(base.cpu)) * 100).toFixed(1)} %; the wall figure is lower because Redis, the worker and this process run side by side`);
  }
  const cores = (await import('node:os')).availableParallelism();
  console.log(`2 workers vs 1 worker, whole pipeline (one archive writer at a time): ${(one.seconds / two.seconds).toFixed(2)}×`);
  console.log(`2 workers vs 1 worker, CPU-bound stages (extract only*, draining a batch queued beforehand): ${(extractOne.seconds / extractTwo.seconds).toFixed(2)}× (target ≥ 1.7×; this machine has ${cores} cores, shared with Redis, and one worker alone already keeps ${(extractOne.cpu!.workers / extractOne.seconds).toFixed(2)} of them busy)`);
  console.log(`peak RSS per worker: ${Math.max(...[one, two, extractOne, extractTwo].flatMap((m) => m.peakRssMiB)).toFixed(0)} MiB at most (target ≤ 500 MiB)`);
  rmSync(input, { recursive: true, force: true });
}
