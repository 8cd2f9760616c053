/**
 * OCR throughput: seconds per page of the 4-page scanned fixture read one page at a time and two
 * pages at a time (each tesseract single-threaded, OMP_THREAD_LIMIT=1), and the speed-up of two
 * (target ≥ 1.7×). Next to it, the baseline: the speed-up the machine gives right now to the
 * same number of plain CPU-bound processes run the same two ways, which shows when other load,
 * not the pool, limits the speed-up; and the CPU seconds OCR used per page. Prints figures; never
 * passes or fails.
 * @module
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { promisify } from 'node:util';
import { ocrAvailable, ocrPdfPages } from '../pipeline/extract/ocr.js';

const SCAN = new URL('../corpus/fixtures/ocr/scan-p13-16.pdf', import.meta.url);
const PAGES = [1, 2, 3, 4];
/** Runs per setting, alternating between settings; the fastest run counts, as the least disturbed. */
const ROUNDS = 2;

/** CPU seconds used so far by finished child processes (Linux: /proc/self/stat cutime + cstime). */
function childCpuSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\)\s*/s, '').split(' ');
  // After the command name, cutime and cstime are fields 14 and 15 (0-based), in clock ticks.
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

interface Run {
  wall: number;
  cpu: number;
}

async function timed(work: () => Promise<unknown>): Promise<Run> {
  const cpu = childCpuSeconds();
  const start = performance.now();
  await work();
  return { wall: (performance.now() - start) / 1e3, cpu: childCpuSeconds() - cpu };
}

const exec = promisify(execFile);

/** One CPU-bound child process of a second or two: hashing, nothing else. */
const BUSY = "const c=require('node:crypto');let h=Buffer.alloc(64);for(let i=0;i<1e6;i++)h=c.createHash('sha256').update(h).digest();";

/** `count` busy processes, `jobs` at a time. */
async function busy(count: number, jobs: number): Promise<void> {
  for (let done = 0; done < count; done += jobs) {
    await Promise.all(Array.from({ length: Math.min(jobs, count - done) }, () => exec(process.execPath, ['-e', BUSY])));
  }
}

type Work = (jobs: number) => Promise<unknown>;

/**
 * The fastest of ROUNDS runs of each work at 1 and 2 jobs, keyed `name/jobs`. All runs
 * alternate, so passing load on the machine touches every setting alike.
 */
async function fastest(works: Record<string, Work>): Promise<Map<string, Run>> {
  const best = new Map<string, Run>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, work] of Object.entries(works)) {
      for (const jobs of [1, 2]) {
        const r = await timed(() => work(jobs));
        const key = `${name}/${jobs}`;
        const prior = best.get(key);
        if (!prior || r.wall < prior.wall) best.set(key, r);
      }
    }
  }
  return best;
}

export async function run(): Promise<void> {
  if (!(await ocrAvailable())) {
    console.log('ocr  skipped: tesseract with chi_sim is not installed (apt-get install tesseract-ocr tesseract-ocr-chi-sim)');
    return;
  }
  const bytes = readFileSync(SCAN);
  const n = PAGES.length;
  const best = await fastest({
    baseline: (jobs) => busy(n, jobs),
    ocr: (jobs) => ocrPdfPages(bytes, PAGES, n, { jobs }),
  });
  const wall = (key: string): number => best.get(key)!.wall;
  console.log(
    `ocr  scan-p13-16.pdf (${n} pages, 300 dpi, chi_sim); cores ${availableParallelism()}, ` +
      `load average ${loadavg()[0]!.toFixed(1)}; fastest of ${ROUNDS} runs each`,
  );
  for (const jobs of [1, 2]) {
    const r = best.get(`ocr/${jobs}`)!;
    console.log(
      `ocr  ${jobs} page(s) at a time: ${(r.wall / n).toFixed(2)} s/page wall, ${(r.cpu / n).toFixed(2)} CPU-s/page`,
    );
  }
  const speedUp = wall('ocr/1') / wall('ocr/2');
  const machine = wall('baseline/1') / wall('baseline/2');
  console.log(
    `ocr  2 at a time vs 1: ${speedUp.toFixed(2)}× the throughput (target ≥ 1.7×); ` +
      `baseline, ${n} plain CPU-bound processes 2 vs 1 at a time: ${machine.toFixed(2)}×`,
  );
}
