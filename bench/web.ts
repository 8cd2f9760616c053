/**
 * Web API overhead: search latency p50/p95 through `GET /api/search` under loopback load
 * (autocannon, 1 and 16 concurrent clients) next to the same queries run on the engine in-process;
 * the difference is what HTTP, validation and JSON cost. The server runs in its own process (the
 * real `wenshi serve`), so the load generator does not share its event loop. Prints figures only.
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteEngine } from '../pipeline/search/index.js';
import type { SearchQuery } from '../pipeline/search/types.js';
import { uniform as prng } from '../pipeline/prng.js';
import { generateDocuments, seedSentences } from './search.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLAUSES = 20_000;
const IN_PROCESS_ROUNDS = 100;
const LOAD_SECONDS = 8;

/** What is used of autocannon (it ships no types). */
interface Autocannon {
  (opts: { url: string; connections: number; duration: number; requests: { method: 'GET'; path: string }[] }): AutocannonInstance;
}
interface AutocannonInstance extends PromiseLike<{ requests: { total: number }; errors: number; timeouts: number; non2xx: number }> {
  on(event: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void): void;
}
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** The query mix: single words, several words, a phrase, an exclusion, and a filtered query. */
const QUERIES: SearchQuery[] = [
  { q: '专题协商会' },
  { q: '协商 委员' },
  { q: '民主监督' },
  { q: '"双月协商座谈会"' },
  { q: '政协 -培训' },
  { q: '提案办理' },
  { q: '委员 培训 每年' },
  { q: '调研', filters: { type: 'opinion' } },
];

function pathOf(query: SearchQuery): string {
  const qs = new URLSearchParams({ q: query.q });
  const type = query.filters?.type;
  if (typeof type === 'string') qs.set('type', type);
  return `/api/search?${qs.toString()}`;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Figures {
  p50: number;
  p95: number;
  requests: number;
  errors: number;
}

function summary(ms: readonly number[]): { p50: number; p95: number } {
  const sorted = [...ms].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

const median = (xs: readonly number[]) => summary(xs).p50;

/**
 * Per-query engine latencies in a fresh process, like the server's (the bench process carries the
 * garbage of building the corpus, whose collection would bill the engine for pauses).
 */
function inProcess(dataDir: string): Promise<{ ms: number[][]; cpuMsPerSearch: number }> {
  const script = `
    const { SqliteEngine } = await import('./pipeline/search/index.ts');
    const queries = ${JSON.stringify(QUERIES)};
    const engine = new SqliteEngine({ dataDir: ${JSON.stringify(dataDir)} });
    for (let r = 0; r < 5; r++) for (const q of queries) await engine.search(q);
    const ms = queries.map(() => []);
    const cpu0 = process.cpuUsage();
    for (let r = 0; r < ${IN_PROCESS_ROUNDS}; r++) {
      for (const [i, q] of queries.entries()) {
        const t0 = performance.now();
        await engine.search(q);
        ms[i].push(performance.now() - t0);
      }
    }
    const cpu = process.cpuUsage(cpu0);
    await engine.close();
    process.stdout.write(JSON.stringify({ ms, cpuMsPerSearch: (cpu.user + cpu.system) / 1000 / (queries.length * ${IN_PROCESS_ROUNDS}) }));`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as { ms: number[][]; cpuMsPerSearch: number }) : reject(new Error(`in-process timing exited with ${code}`))));
  });
}

/** Response times per query: with one connection the rotation is kept, so response i answers query i mod n. */
async function underLoad(url: string, connections: number): Promise<Figures & { perQuery: number[][] }> {
  const perQuery: number[][] = QUERIES.map(() => []);
  let n = 0;
  const instance = autocannon({ url, connections, duration: LOAD_SECONDS, requests: QUERIES.map((q) => ({ method: 'GET', path: pathOf(q) })) });
  instance.on('response', (_client, status, _bytes, took) => {
    if (status === 200) perQuery[n % QUERIES.length]!.push(took);
    n += 1;
  });
  const result = await instance;
  return { ...summary(perQuery.flat()), requests: result.requests.total, errors: result.errors + result.timeouts + result.non2xx, perQuery };
}

/** Starts `wenshi serve` on a free port and resolves with its URL once it prints it. */
function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const script = `const { serveCommand } = await import('./cli/commands/serve.ts'); process.exitCode = await serveCommand.run(['--port', '0', '--data', ${JSON.stringify(dataDir)}]);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const url = out.match(/http:\/\/127\.0\.0\.1:\d+\//)?.[0];
      if (url) resolve({ child, url: url.slice(0, -1) });
    });
    child.on('exit', (code) => reject(new Error(`wenshi serve exited with ${code} before listening: ${out}`)));
  });
}

const f = (n: number) => n.toFixed(2);

/** CPU milliseconds a process has used (user + system), from /proc (Linux). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of the line, in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export async function run(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wenshi-bench-web-'));
  let child: ChildProcess | undefined;
  try {
    const engine = new SqliteEngine({ dataDir });
    const docs = generateDocuments(seedSentences(), CLAUSES, prng(11));
    await engine.upsert(docs);
    engine.optimize();
    await engine.close();
    console.log(`corpus: ${docs.length} generated documents, ${CLAUSES} clauses (recombined seed sentences); ${QUERIES.length} queries in rotation`);

    const { ms: engineMs, cpuMsPerSearch } = await inProcess(dataDir);
    const base = summary(engineMs.flat());
    console.log(`machine: ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    console.log(`engine in-process (SQLite, fresh process): p50 ${f(base.p50)} ms · p95 ${f(base.p95)} ms over ${engineMs.flat().length} searches · CPU ${f(cpuMsPerSearch)} ms per search`);
    const server = await startServer(dataDir);
    child = server.child;
    // Warm-up: JIT, SQLite page cache and schema compilation, as the in-process run had.
    for (let i = 0; i < 5; i++) for (const q of QUERIES) await (await fetch(`${server.url}${pathOf(q)}`)).arrayBuffer();
    for (const connections of [1, 16]) {
      const cpu0 = cpuMsOf(child.pid!);
      const http = await underLoad(server.url, connections);
      const cpuPerRequest = (cpuMsOf(child.pid!) - cpu0) / http.requests;
      console.log(`GET /api/search, ${String(connections).padStart(2)} client(s), ${LOAD_SECONDS} s: p50 ${f(http.p50)} ms · p95 ${f(http.p95)} ms · ${(http.requests / LOAD_SECONDS).toFixed(0)} req/s · errors ${http.errors}` +
        ` · server CPU ${f(cpuPerRequest)} ms per request (engine alone ${f(cpuMsPerSearch)}, so HTTP + validation + JSON cost ${f(cpuPerRequest - cpuMsPerSearch)} ms)` +
        (connections === 1 ? ` · ratio ${(http.p50 / base.p50).toFixed(2)}× the engine's p50` : ' (target: 0 errors; one event loop, so latency grows with the queue)'));
      if (connections !== 1) continue;
      // Overhead per query (same query over HTTP minus in-process), so the mix of fast and slow queries cancels out.
      const overhead = QUERIES.map((_, i) => median(http.perQuery[i]!) - median(engineMs[i]!));
      console.log(`  server overhead per query, p50 HTTP − p50 engine: median ${f(median(overhead))} ms (target ≤ 2); per query ${overhead.map(f).join(' · ')} ms`);
    }
  } finally {
    child?.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}
