// Preloaded (`node --import`) into a CLI process the scale bench runs: writes the process's peak RSS
// and CPU time to $BENCH_USAGE_FILE at exit, so both are measured for the real command alone (and
// the CPU time holds when the machine is busy and wall time does not).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

// Worker threads inherit the preload; only the main thread exits last, with the whole process's figures.
if (isMainThread && process.env.BENCH_USAGE_FILE) {
  // Content threads are ended before the process exits: their figures are read as the run goes.
  const threads = new Map();
  const readThreads = () => {
    for (const [tid, times] of threadTimes()) threads.set(tid, times);
  };
  setInterval(readThreads, 250).unref();
  process.on('exit', () => {
    readThreads();
    const u = process.resourceUsage();
    writeFileSync(process.env.BENCH_USAGE_FILE, JSON.stringify({
      maxRssKb: u.maxRSS, cpuSeconds: (u.userCPUTime + u.systemCPUTime) / 1e6, threads: threadSummary(threads),
    }));
  });
}

/**
 * Each thread's seconds on a core and seconds runnable but waiting for one (Linux's schedstat, in
 * ns): on 2 cores, a thread that waits is one the others (GC and libuv helpers included) crowd out.
 */
function threadTimes() {
  const out = new Map();
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      try {
        const [run, wait] = readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ').map(Number);
        out.set(Number(tid), { cpu: run / 1e9, waiting: wait / 1e9 });
      } catch {
        // The thread ended meanwhile.
      }
    }
  } catch {
    // No /proc: not Linux.
  }
  return out;
}

/** The main thread, the busiest other (an ingest's content thread), and the rest summed; null without /proc. */
function threadSummary(threads) {
  const main = threads.get(process.pid);
  if (!main) return null;
  const others = [...threads].filter(([tid]) => tid !== process.pid).map(([, t]) => t).sort((a, b) => b.cpu - a.cpu);
  const rest = others.slice(1).reduce((sum, t) => ({ cpu: sum.cpu + t.cpu, waiting: sum.waiting + t.waiting, count: sum.count + 1 }), { cpu: 0, waiting: 0, count: 0 });
  return { main, busiest: others[0] ?? null, rest };
}
