// Preloaded (`node --import`) into a CLI process the scale bench runs: writes the process's peak RSS
// and CPU time to $BENCH_USAGE_FILE at exit, so both are measured for the real command alone (and
// the CPU time holds when the machine is busy and wall time does not).
import { readFileSync, writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

// Worker threads inherit the preload; only the main thread exits last, with the whole process's figures.
if (isMainThread && process.env.BENCH_USAGE_FILE) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(process.env.BENCH_USAGE_FILE, JSON.stringify({ maxRssKb: u.maxRSS, cpuSeconds: (u.userCPUTime + u.systemCPUTime) / 1e6, mainCpuSeconds: mainThreadCpu() }));
  });
}

/** CPU seconds of the main (writing) thread alone, from Linux's per-thread stat (utime + stime, in clock ticks of 10 ms); null elsewhere. */
function mainThreadCpu() {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}
