/**
 * The extraction memory budget: a file whose parser outgrows it (an OFD page of 700,000 text
 * objects, within every ZIP guard) ends its extraction process, not ours, and fails alone with
 * TOO_LARGE naming the budget; the batch goes on. (A DOCX that would outgrow it is refused before
 * mammoth starts: docx-budget.test.ts.)
 * Memory is measured while it runs (the process's RSS, sampled), not time.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PipelineError } from '../pipeline/errors.js';
import { extractBounded } from '../pipeline/extract/sandbox.js';
import { Archive } from '../pipeline/store/archive.js';
import { ingestEmbedded } from '../workers/embedded.js';
import { FIXTURES, SEED, tempDir } from './helpers/cli.js';
import { zipEntries } from '../pipeline/extract/zip-entries.js';
import { buildOfd } from './helpers/ofd.js';
import { buildDocx, buildZip, deflateRepeated, DOCUMENT_HEAD, DOCUMENT_TAIL, paragraph } from './helpers/zip.js';

const MB = 1024 * 1024;
/** Nothing stops the bomb before mammoth inflates it: only the memory budget is left. */
const NO_ZIP_LIMITS = { maxEntries: 1e9, maxEntryBytes: 1e12, maxTotalBytes: 1e12, maxRatio: 1e9 };
/** The extraction process's resident memory cap: its code and libraries take about 200 MiB of it. */
const BUDGET_MB = 256;

/** Runs `work` while sampling the process's RSS; returns its result and how far RSS rose. */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; rssRise: number }> {
  const start = process.memoryUsage.rss();
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  try {
    const result = await work();
    return { result, rssRise: Math.max(peak, process.memoryUsage.rss()) - start };
  } finally {
    clearInterval(timer);
  }
}

/** A DOCX of `paragraphs` short paragraphs: 4 million make 250 MB of XML. */
async function bomb(paragraphs = 4_000_000): Promise<Buffer> {
  return buildDocx(await deflateRepeated(DOCUMENT_HEAD, paragraph('各级政协要加强协商。'), paragraphs, DOCUMENT_TAIL));
}

describe('the extraction memory budget', () => {
  it('refuses the 4-million-paragraph DOCX before inflating it: its XML alone is over half the budget', async () => {
    const bytes = await bomb();
    const { result: error, rssRise } = await measured(() =>
      extractBounded({ path: 'bomb.docx', bytes }, { memoryMb: BUDGET_MB, zip: NO_ZIP_LIMITS }).then(() => null, (e: unknown) => e));
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({ code: 'TOO_LARGE', stage: 'extract' });
    expect((error as Error).message).toMatch(/word\/document\.xml unpacks to 2\d\d\.\d MiB, over the 128 MiB limit per entry \(half the 256 MiB memory budget \(extractMemoryMb\)/);
    // Measured: mammoth would hold gigabytes; nothing of it is inflated, in its process or this one.
    expect(rssRise).toBeLessThan(64 * MB);
    // The next file gets a fresh process.
    const docx = await extractBounded({ path: 'seed.docx', bytes: readFileSync(join(FIXTURES, 'seed.docx')) }, { memoryMb: BUDGET_MB });
    expect(docx.blocks.length).toBeGreaterThan(0);
  });

  it('stops an OFD that outgrows it: 700,000 text objects on a page (100 MiB, within every guard) stop its process, not ours', async () => {
    const ofd = zipEntries(buildOfd([{ title: '通知', paragraphs: ['正文'] }]))!;
    const page = await deflateRepeated(
      '<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="90">',
      '<ofd:TextObject ID="91" Boundary="10 10 100 10" Font="3" Size="3.5"><ofd:TextCode X="0" Y="3">各级政协要加强协商。</ofd:TextCode></ofd:TextObject>',
      700_000,
      '</ofd:Layer></ofd:Content></ofd:Page>',
    );
    const bytes = buildZip(ofd.names.map((name) => (name === 'Doc_0/Pages/Page_0/Content.xml' ? { name, data: page } : { name, data: ofd.read(name)! })));
    const { result: error, rssRise } = await measured(() =>
      extractBounded({ path: 'bomb.ofd', bytes }, { memoryMb: BUDGET_MB, zip: NO_ZIP_LIMITS }).then(() => null, (e: unknown) => e));
    expect(error).toMatchObject({ code: 'TOO_LARGE', stage: 'extract' });
    expect((error as Error).message).toMatch(/needed more than the 256 MiB memory budget/);
    expect(rssRise).toBeLessThan(64 * MB);
  });

  it('fails the bomb alone in a batch, recorded on its source, the other file stored', async () => {
    const input = join(tempDir(), 'in');
    mkdirSync(input);
    copyFileSync(SEED, join(input, 'seed.txt'));
    writeFileSync(join(input, 'bomb.docx'), await bomb());
    const archive = new Archive(tempDir());
    try {
      const summary = await ingestEmbedded([input], archive, { zip: NO_ZIP_LIMITS, extractMemoryMb: BUDGET_MB });
      expect(summary.sources).toBe(1);
      expect(summary.failed).toEqual([expect.objectContaining({ path: join(input, 'bomb.docx'), code: 'TOO_LARGE', stage: 'extract' })]);
      expect(archive.failures().map((f) => f.errorCode)).toEqual(['TOO_LARGE']);
    } finally {
      archive.close();
    }
  });

  it('extracts in a child process exactly what it extracts here, and keeps the error codes of bad files', async () => {
    const { extract } = await import('../pipeline/extract/index.js');
    for (const name of ['seed.docx', 'page.gbk.html', 'seed.pdf']) {
      const input = { path: name, bytes: readFileSync(join(FIXTURES, name)) };
      expect(await extractBounded(input)).toEqual(await extract(input));
    }
    const ofd = { path: 'notice.ofd', bytes: buildOfd([{ title: '关于加强协商的通知', paragraphs: ['各级政协要加强协商。', '本通知自印发之日起施行。'] }]) };
    expect(await extractBounded(ofd)).toEqual(await extract(ofd));
    const broken = { path: 'broken.docx', bytes: Buffer.concat([readFileSync(join(FIXTURES, 'seed.docx')).subarray(0, 2000), Buffer.alloc(100)]) };
    const inProcess = await extract(broken).then(() => null, (e: unknown) => e as PipelineError);
    const inThread = await extractBounded(broken).then(() => null, (e: unknown) => e as PipelineError);
    expect(inThread?.code).toBe(inProcess?.code);
  });
});
