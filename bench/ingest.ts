/**
 * Embedded ingest: normalize+structure throughput on the seed, and whole-batch throughput and
 * peak memory for generated batches of growing size (memory must stay flat: files are streamed).
 * @module
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extract } from '../pipeline/extract/index.js';
import { normalize } from '../pipeline/normalize/index.js';
import { structure } from '../pipeline/structure/index.js';
import { generateCorpus, SEED } from './corpus.js';

const TSX = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url));
const CHILD = fileURLToPath(new URL('./ingest-child.ts', import.meta.url));

function mbps(bytes: number, ms: number): string {
  return ((bytes / 1e6) / (ms / 1e3)).toFixed(1);
}

async function normalizeStructure(): Promise<void> {
  const bytes = readFileSync(SEED);
  const extraction = await extract({ path: SEED, bytes });
  const rounds = Math.ceil(20e6 / bytes.length);
  // The first call loads the patterns and the word dictionary, once per process: timed apart.
  const first = performance.now();
  structure(normalize(extraction));
  const firstMs = performance.now() - first;
  const start = performance.now();
  for (let i = 0; i < rounds; i++) structure(normalize(extraction));
  const ms = performance.now() - start;
  console.log(`normalize+structure: ${mbps(bytes.length * rounds, ms)} MB/s over ${(bytes.length * rounds / 1e6).toFixed(0)} MB (target ≥ 20); first call ${firstMs.toFixed(0)} ms`);
}

/** Ingests a generated batch in a child process, which reports its own peak RSS. */
function batch(n: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'wenshi-bench-'));
  try {
    const bytes = generateCorpus(join(dir, 'in'), n);
    const start = performance.now();
    const out = execFileSync(process.execPath, [TSX, CHILD, join(dir, 'in'), join(dir, 'data')], { encoding: 'utf8', maxBuffer: 64e6 });
    const ms = performance.now() - start;
    const { summary, maxRssKb } = JSON.parse(out) as { summary: { sources: number; failed: unknown[] }; maxRssKb: number };
    console.log(`embedded ingest of ${n} files (${(bytes / 1e6).toFixed(1)} MB): ${(n / (ms / 1e3)).toFixed(1)} files/s, ${mbps(bytes, ms)} MB/s, stored ${summary.sources}, failed ${summary.failed.length}; peak RSS ${(maxRssKb / 1024).toFixed(0)} MB (target ≤ 500, flat as the batch grows)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  await normalizeStructure();
  for (const n of [250, 2000]) {
    batch(n);
  }
}
