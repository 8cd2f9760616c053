/**
 * What cleanup (normalize) and classify cost on real documents — the public corpus, 42 files as
 * published — per MB, against an embedded ingest of the same files (extract → … → store → index,
 * one file at a time, a fresh data folder each round) and against the content stages alone.
 * Issue 15's budget: under 10 % of a document's ingest time.
 * @module
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classify } from '../pipeline/classify/index.js';
import { extract } from '../pipeline/extract/index.js';
import { processSource } from '../pipeline/flow.js';
import { normalize } from '../pipeline/normalize/index.js';
import { createEngine } from '../pipeline/search/index.js';
import { Archive } from '../pipeline/store/archive.js';
import { structure } from '../pipeline/structure/index.js';
import type { Extraction } from '../pipeline/types.js';
import { ingestEmbedded } from '../workers/embedded.js';
import { loadExpected, PUBLIC_DIR } from './eval-public.js';

const ROUNDS = 5;

const now = (): number => Number(process.hrtime.bigint()) / 1e9;

/** Seconds an embedded ingest of `paths` takes into a new data folder, indexing included. */
async function ingestSeconds(paths: string[]): Promise<number> {
  const data = mkdtempSync(join(tmpdir(), 'wenshi-bench-classify-'));
  const archive = new Archive(data);
  const engine = createEngine({ dataDir: data });
  try {
    const t = now();
    await ingestEmbedded(paths, archive, { engine, concurrency: 1 });
    return now() - t;
  } finally {
    await engine.close();
    archive.close();
    rmSync(data, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  const files = loadExpected().map((e) => e.file);
  const inputs = files.map((f) => ({ path: join(PUBLIC_DIR, f), bytes: readFileSync(join(PUBLIC_DIR, f)) }));
  const extracted: Extraction[] = [];
  for (const input of inputs) extracted.push(await extract(input));
  const mb = inputs.reduce((n, i) => n + i.bytes.length, 0) / 1e6;
  // Warm-up: dictionaries, patterns and the folding table load on first use.
  for (const input of inputs) await processSource(input);

  let cleanup = 0;
  let classifying = 0;
  let whole = 0;
  let ingest = 0;
  for (let round = 0; round < ROUNDS; round++) {
    ingest += await ingestSeconds(inputs.map((i) => i.path));
    for (let i = 0; i < inputs.length; i++) {
      let t = now();
      const normalized = normalize(extracted[i]!);
      cleanup += now() - t;
      const drafts = structure(normalized);
      t = now();
      for (const d of drafts) classify(d, { sourceName: files[i] });
      classifying += now() - t;
      t = now();
      await processSource(inputs[i]!);
      whole += now() - t;
    }
  }
  const perMb = (s: number): string => `${((s / ROUNDS / mb) * 1000).toFixed(1)} ms/MB`;
  console.log('public corpus: %d files, %s MB, %d rounds', files.length, mb.toFixed(2), ROUNDS);
  const share = (s: number, of: number): string => `${((s / of) * 100).toFixed(1)} %`;
  console.log('  embedded ingest (store and index too)   %s  (%s MB/s)', perMb(ingest), ((mb * ROUNDS) / ingest).toFixed(2));
  console.log('  content stages (extract → analyze)      %s', perMb(whole));
  console.log('  cleanup (normalize)                     %s  = %s of ingest, %s of the content stages', perMb(cleanup), share(cleanup, ingest), share(cleanup, whole));
  console.log('  classify                                %s  = %s of ingest, %s of the content stages', perMb(classifying), share(classifying, ingest), share(classifying, whole));
  console.log('  cleanup + classify                      %s of ingest (budget: under 10 %%)', share(cleanup + classifying, ingest));
}
