/**
 * Throughput of the normalize stage on the seed page repeated to about 20 MB, fed one page
 * (one Extraction) at a time, against a baseline that only trims and drops empty blocks.
 * @module
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { normalize } from '../pipeline/normalize/index.js';
import type { Extraction } from '../pipeline/types.js';

const SEED = fileURLToPath(new URL('../corpus/seed/000_7bf2245de4f05e93.txt', import.meta.url));
const TARGET_BYTES = 20 * 1024 * 1024;

function seedExtraction(): Extraction {
  const blocks = readFileSync(SEED, 'utf8').split(/\n\s*\n/).map((text) => ({ text }));
  return { format: 'txt', mediaType: 'text/plain', encoding: 'UTF-8', pages: null, blocks };
}

/** Seconds to run `fn` over `copies` pages. */
function time(copies: number, page: Extraction, fn: (e: Extraction) => unknown): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < copies; i++) fn(page);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export async function run(): Promise<void> {
  const page = seedExtraction();
  const pageBytes = page.blocks.reduce((n, b) => n + Buffer.byteLength(b.text, 'utf8'), 0);
  const copies = Math.ceil(TARGET_BYTES / pageBytes);
  const mb = (copies * pageBytes) / (1024 * 1024);

  // The first call loads the chrome patterns and (for the noisy piece) jieba's dictionary.
  const cold = time(1, page, normalize);
  time(5, page, normalize);

  const seconds = time(copies, page, normalize);
  const baseline = time(copies, page, (e) => e.blocks.map((b) => b.text.trim()).filter(Boolean));

  console.log('normalize: seed page ×%d = %s MiB', copies, mb.toFixed(1));
  console.log('  first call (loads patterns + dictionary): %s ms', (cold * 1000).toFixed(0));
  console.log('  throughput: %s MiB/s (%s ms per %s KiB page)', (mb / seconds).toFixed(1),
    ((seconds / copies) * 1000).toFixed(2), (pageBytes / 1024).toFixed(0));
  console.log('  baseline trim-only: %s MiB/s; normalize costs %s× the baseline',
    (mb / baseline).toFixed(1), (seconds / baseline).toFixed(1));
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
