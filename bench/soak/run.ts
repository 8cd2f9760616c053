/**
 * The reliability soak (issue 19): a batch of real documents ingested while the process is killed
 * at random points, then finished; a reindex under a search load; a queue-mode ingest through a
 * restart of a private redis-server (queue-phase.ts); and the figures that must all be zero:
 * documents lost, duplicated or unsearchable, searches that failed or came back short.
 * `npm run soak` runs it on a few hundred documents of the scale corpus; test/soak.e2e.test.ts
 * runs a short version in CI. Everything happens through the real CLI, as an operator would.
 * @module
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { uniform } from '../../pipeline/prng.js';
import { SqliteEngine } from '../../pipeline/search/index.js';
import { residentOf } from '../../test/helpers/proc.js';
import { contents, documentFigures, type DocumentFigures } from './contents.js';
import { queuePhase, type QueueReport } from './queue-phase.js';

const BIN = fileURLToPath(new URL('../../bin/wenshi.js', import.meta.url));

export interface SoakOptions {
  /** Folder of input files. */
  input: string;
  /** How many ingests to kill part-way. */
  kills: number;
  /** Queries whose totals must not change while the reindex runs. */
  queries: readonly string[];
  /** @defaultValue 19 */
  seed?: number;
  /**
   * Milliseconds each extract job of the queue phase waits first, so a small batch is still
   * running when Redis restarts.
   * @defaultValue 0
   */
  queueExtractDelayMs?: number;
  log?: (line: string) => void;
}

export interface SoakReport extends DocumentFigures {
  files: number;
  /** Kills that landed while the ingest was running. */
  kills: number;
  searches: number;
  failedSearches: number;
  peakRssMb: { ingest: number; reindex: number };
  /** The queue-mode ingest through a Redis restart. */
  queue: QueueReport;
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  peakRss: number;
  ms: number;
}

/** Resident bytes of a running process, 0 when unknown. */
const rssOf = (pid: number | undefined): number => (pid === undefined ? 0 : residentOf(pid));

/** Runs the CLI in embedded mode; `killAfterMs` sends SIGKILL that long after the start. */
function cli(args: string[], killAfterMs?: number): Promise<Run> {
  const { REDIS_URL: _r, MEILI_URL: _m, WENSHI_DATA: _d, ...env } = process.env;
  const started = Date.now();
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'ignore'] });
  let stdout = '';
  let peakRss = 0;
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssOf(child.pid))), 50);
  const killer = killAfterMs === undefined ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  return new Promise((resolve) => child.on('close', (code, signal) => {
    clearInterval(sampler);
    if (killer) clearTimeout(killer);
    resolve({ code, signal, stdout, peakRss, ms: Date.now() - started });
  }));
}

export async function runSoak(opts: SoakOptions): Promise<SoakReport> {
  const made: string[] = [];
  const tmp = (name: string) => {
    made.push(mkdtempSync(join(tmpdir(), `wenshi-soak-${name}-`)));
    return made.at(-1)!;
  };
  try {
    return await soak(opts, tmp);
  } finally {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  }
}

async function soak(opts: SoakOptions, tmp: (name: string) => string): Promise<SoakReport> {
  const log = opts.log ?? (() => {});
  const rand = uniform(opts.seed ?? 19);

  // The reference: the same input ingested once, without interruption.
  const reference = tmp('reference');
  const clean = await cli(['ingest', opts.input, '--data', reference, '--json']);
  const summary = JSON.parse(clean.stdout) as { sources: number; failed: unknown[] };
  const expected = contents(reference).stored;
  log(`reference: ${expected.size} documents from ${summary.sources} files in ${(clean.ms / 1000).toFixed(1)} s, ${summary.failed.length} failed`);

  // Kills at random points of an ingest, each run picking up what the last one left.
  const data = tmp('data');
  let kills = 0;
  for (let k = 0; k < opts.kills; k++) {
    const run = await cli(['ingest', opts.input, '--data', data, '--json'], Math.round(clean.ms * (0.2 + rand() * 0.8)));
    if (run.signal === 'SIGKILL') kills += 1;
  }
  const final = await cli(['ingest', opts.input, '--data', data, '--json']);
  log(`${kills} of ${opts.kills} ingests killed part-way; the last one exited ${final.code}`);

  // A reindex under a search load, on another connection, as `wenshi serve` has.
  const reader = new SqliteEngine({ dataDir: data });
  const baseline = await Promise.all(opts.queries.map(async (q) => (await reader.search({ q })).total));
  let running = true;
  const reindex = cli(['reindex', '--data', data, '--json']).finally(() => (running = false));
  let searches = 0;
  let failedSearches = 0;
  while (running) {
    for (const [i, q] of opts.queries.entries()) {
      searches += 1;
      try {
        if ((await reader.search({ q })).total !== baseline[i]) failedSearches += 1;
      } catch {
        failedSearches += 1;
      }
    }
    // Searches are synchronous underneath: a pause lets the reindex's exit through.
    await sleep(2);
  }
  const reindexed = await reindex;
  await reader.close();
  if (reindexed.code !== 0) failedSearches += 1;

  const report: SoakReport = {
    files: filesOf(summary),
    ...documentFigures(expected, data),
    kills,
    searches,
    failedSearches,
    peakRssMb: { ingest: Math.round(Math.max(clean.peakRss, final.peakRss) / 2 ** 20), reindex: Math.round(reindexed.peakRss / 2 ** 20) },
    queue: await queuePhase({
      input: opts.input, data: tmp('queue'), reference, queries: opts.queries, files: filesOf(summary),
      ...(opts.queueExtractDelayMs ? { extractDelayMs: opts.queueExtractDelayMs } : {}),
    }, log),
  };
  return report;
}

function filesOf(summary: { sources: number; failed: unknown[] }): number {
  return summary.sources + summary.failed.length;
}

/** True when every figure that must be 0 is, in both phases, and the queue batch counted what it stored. */
export function soakPassed(r: SoakReport): boolean {
  const q = r.queue;
  return r.lost === 0 && r.duplicated === 0 && r.unsearchable === 0 && r.failedSearches === 0
    && q.lost === 0 && q.duplicated === 0 && q.unsearchable === 0 && q.failedSearches === 0 && q.reported === q.stored;
}

/** The report as a person reads it; the last line says whether every figure that must be 0 is. */
export function reportLines(r: SoakReport): string[] {
  const q = r.queue;
  return [
    `documents expected ${r.expected} · stored ${r.stored} · searchable ${r.searchable} (from ${r.files} files)`,
    `lost ${r.lost} · duplicated ${r.duplicated} · unsearchable ${r.unsearchable} · after ${r.kills} kills`,
    `searches during reindex ${r.searches} · failed or short ${r.failedSearches}`,
    `peak RSS: ingest ${r.peakRssMb.ingest} MiB (of the CLI process; extraction children apart) · reindex ${r.peakRssMb.reindex} MiB`,
    `queue mode, Redis restarted ${q.restarts}× mid-batch: documents expected ${q.expected} · stored ${q.stored} · searchable ${q.searchable} · reported by the batch ${q.reported}`,
    `queue mode: lost ${q.lost} · duplicated ${q.duplicated} · unsearchable ${q.unsearchable} · miscounted ${Math.abs(q.reported - q.stored)} · failed searches ${q.failedSearches} of ${q.searches}`,
    soakPassed(r) ? 'soak: every figure that must be 0 is 0' : 'soak: FAILED — a figure that must be 0 is not',
  ];
}
