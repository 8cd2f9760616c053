/**
 * Throughput of the normalize stage on the seed page repeated to about 20 MB, fed one page
 * (one Extraction) at a time, against a baseline that only trims and drops empty blocks; then
 * its cost per MB on the public corpus's tuned files (laws in Markdown, gov.cn pages, wiki work
 * reports), next to the content stages of ingest on the same files.
 * @module
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extract } from '../pipeline/extract/index.js';
import { processSource } from '../pipeline/flow.js';
import { normalize } from '../pipeline/normalize/index.js';
import type { Extraction } from '../pipeline/types.js';
import { tunedPublicFiles } from '../test/helpers/public.js';

const SEED = fileURLToPath(new URL('../corpus/seed/000_7bf2245de4f05e93.txt', import.meta.url));
const TARGET_BYTES = 20 * 1024 * 1024;

function seedExtraction(): Extraction {
  const blocks = readFileSync(SEED, 'utf8').split(/\n\s*\n/).map((text) => ({ text }));
  return { format: 'txt', mediaType: 'text/plain', encoding: 'UTF-8', pages: null, blocks };
}

/** Rounds over the public corpus: enough for a stable figure on its ~1 MB. */
const PUBLIC_ROUNDS = 5;

/** Milliseconds of `fn`, `rounds` times over. */
async function msOf(rounds: number, fn: () => unknown): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Normalize's cost per MB of source bytes on the tuned public files, per format, and its share of
 * the content stages of ingest (extract → normalize → structure → classify → analyze) on the same
 * files: cleanup must stay a small part of what a document costs to ingest.
 */
async function publicCorpus(): Promise<void> {
  const files = await Promise.all(tunedPublicFiles().map(async (f) => ({ ...f, extraction: await extract(f) })));
  const formats = new Map<string, { bytes: number; normalizeMs: number; ingestMs: number; files: number }>();
  for (const f of files) {
    normalize(f.extraction);
    const normalizeMs = await msOf(PUBLIC_ROUNDS, () => normalize(f.extraction)) / PUBLIC_ROUNDS;
    const ingestMs = await msOf(PUBLIC_ROUNDS, () => processSource(f)) / PUBLIC_ROUNDS;
    const row = formats.get(f.extraction.format) ?? { bytes: 0, normalizeMs: 0, ingestMs: 0, files: 0 };
    formats.set(f.extraction.format, { bytes: row.bytes + f.bytes.length, normalizeMs: row.normalizeMs + normalizeMs, ingestMs: row.ingestMs + ingestMs, files: row.files + 1 });
  }
  const total = [...formats.values()].reduce((t, r) => ({ bytes: t.bytes + r.bytes, normalizeMs: t.normalizeMs + r.normalizeMs, ingestMs: t.ingestMs + r.ingestMs, files: t.files + r.files }));
  const line = (name: string, r: typeof total): string => {
    const mb = r.bytes / 1e6;
    return `  ${name.padEnd(9)} ${String(r.files).padStart(2)} files ${mb.toFixed(2)} MB: normalize ${(r.normalizeMs / mb).toFixed(0)} ms/MB, content stages of ingest ${(r.ingestMs / mb).toFixed(0)} ms/MB; normalize is ${((100 * r.normalizeMs) / r.ingestMs).toFixed(1)} % of it`;
  };
  console.log('normalize on the public corpus (tuned files, mean of %d rounds; target: under 10 %% of ingest):', PUBLIC_ROUNDS);
  for (const [format, r] of formats) console.log(line(format, r));
  console.log(line('all', total));
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
  await publicCorpus();
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
