/**
 * ZIP bombs: a DOCX whose XML inflates to hundreds of megabytes fails alone with TOO_LARGE naming
 * the limit, before mammoth inflates it (it would exhaust the heap), in this process and through
 * the CLI with the rest of the batch going on. Bombs are built here with zlib, never committed.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PipelineError } from '../pipeline/errors.js';
import { extract } from '../pipeline/extract/index.js';
import { checkZipLimits, DEFAULT_ZIP_LIMITS } from '../pipeline/extract/zip-limits.js';
import type { IngestSummary } from '../workers/summary.js';
import { FIXTURES, SEED, tempDir, wenshiJson } from './helpers/cli.js';
import { buildDocx, buildZip, deflateRepeated, DOCUMENT_HEAD, DOCUMENT_TAIL, paragraph } from './helpers/zip.js';

const MB = 1024 * 1024;
const PARAGRAPH = paragraph('各级政协要加强协商。');

/** Heap and off-heap bytes the process holds now. */
function held(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.external + m.arrayBuffers;
}

/** Extracts a DOCX, returning the error it fails with and how much more memory the process held after. */
async function failure(bytes: Buffer, zip = {}): Promise<{ error: PipelineError; grewBy: number }> {
  const before = held();
  const error = await extract({ path: 'bomb.docx', bytes }, { zip }).then(() => null, (e: unknown) => e);
  const grewBy = held() - before;
  expect(error).toBeInstanceOf(PipelineError);
  return { error: error as PipelineError, grewBy };
}

describe('ZIP limits', () => {
  it('fails the 4-million-paragraph DOCX (228 MB of XML) before inflating it', async () => {
    const xml = await deflateRepeated(DOCUMENT_HEAD, PARAGRAPH, 4_000_000, DOCUMENT_TAIL);
    expect(xml.size).toBeGreaterThan(228_000_000);
    const docx = buildDocx(xml);
    expect(docx.length).toBeLessThan(2 * MB);
    const { error, grewBy } = await failure(docx);
    expect(error).toMatchObject({ code: 'TOO_LARGE', stage: 'extract' });
    expect(error.message).toMatch(/word\/document\.xml unpacks to .*zip\.maxEntryBytes/);
    // Measured, not timed: mammoth would hold gigabytes; the check holds nothing of the XML.
    expect(grewBy).toBeLessThan(32 * MB);
  });

  it('fails a DOCX that hides 600 MB behind a directory claiming 1 MB, stopping at the claim', async () => {
    const xml = await deflateRepeated(DOCUMENT_HEAD, PARAGRAPH, 10_500_000, DOCUMENT_TAIL);
    expect(xml.size).toBeGreaterThan(600_000_000);
    const { error, grewBy } = await failure(buildDocx(xml, MB));
    expect(error).toMatchObject({ code: 'TOO_LARGE', stage: 'extract' });
    expect(error.message).toMatch(/inflates to more than the 1 MiB its directory declares/);
    expect(grewBy).toBeLessThan(32 * MB);
  });

  it('fails on the packing ratio an entry under the size limit', async () => {
    const xml = await deflateRepeated(DOCUMENT_HEAD, PARAGRAPH, 300_000, DOCUMENT_TAIL);
    const { error } = await failure(buildDocx(xml));
    expect(error.message).toMatch(/unpacks to \d+ times its packed size, over the limit of 100 \(zip\.maxRatio\)/);
  });

  it('counts entries from the end record before reading any', async () => {
    const entries = Array.from({ length: DEFAULT_ZIP_LIMITS.maxEntries + 1 }, (_, i) => ({ name: `word/part${i}.xml`, data: '<a/>' }));
    await expect(checkZipLimits(buildZip(entries))).rejects.toThrow(/holds 10001 entries, over the limit of 10000 \(zip\.maxEntries\)/);
  });

  it('lets a real DOCX through, and takes its limits as options', async () => {
    const docx = readFileSync(join(FIXTURES, 'seed.docx'));
    await expect(checkZipLimits(docx)).resolves.toBeUndefined();
    const { error } = await failure(docx, { maxEntryBytes: 1024 });
    expect(error.message).toMatch(/over the 1 KiB limit per entry \(zip\.maxEntryBytes\)/);
    await expect(checkZipLimits(docx, { maxRatio: 0 })).rejects.toThrow(/zip\.maxRatio must be a positive number/);
  });

  it('fails the bomb alone in a CLI batch, recorded, and again on a rerun instead of crashing', async () => {
    const input = join(tempDir(), 'in');
    mkdirSync(input);
    copyFileSync(SEED, join(input, 'seed.txt'));
    writeFileSync(join(input, 'bomb.docx'), buildDocx(await deflateRepeated(DOCUMENT_HEAD, PARAGRAPH, 4_000_000, DOCUMENT_TAIL)));
    const data = tempDir();
    for (const run of [1, 2]) {
      const r = await wenshiJson<IngestSummary>(['ingest', input, '--data', data], { REDIS_URL: undefined });
      expect(r.code, `run ${run}`).toBe(1);
      expect(r.json).toMatchObject({ sources: run === 1 ? 1 : 0, unchanged: run === 1 ? 0 : 1 });
      expect(r.json.failed).toEqual([expect.objectContaining({ path: join(input, 'bomb.docx'), code: 'TOO_LARGE', stage: 'extract' })]);
    }
    const status = await wenshiJson<{ failed: { path: string; code: string }[] }>(['status', '--data', data], {});
    expect(status.json.failed).toEqual([expect.objectContaining({ path: join(input, 'bomb.docx'), code: 'TOO_LARGE' })]);
  });
});
