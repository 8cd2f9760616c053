/**
 * A DOCX whose XML mammoth's object tree would not fit in the extraction's memory budget fails at
 * once with TOO_LARGE naming the budget it needs, before anything is inflated; one under the cap
 * converts; the cap follows the budget (its option and WENSHI_EXTRACT_MEMORY_MB). Memory and
 * outcomes are asserted, never time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { compiledIsCurrent } from '../bin/compiled.js';
import { PipelineError } from '../pipeline/errors.js';
import { budgetFor, checkDocxBudget, docxXmlCap } from '../pipeline/extract/docx-budget.js';
import { extract } from '../pipeline/extract/index.js';
import { extractBounded } from '../pipeline/extract/sandbox.js';
import { zipDirectory } from '../pipeline/extract/zip-directory.js';
import { processSource } from '../pipeline/flow.js';
import { FIXTURES } from './helpers/cli.js';
import { childrenResident } from './helpers/proc.js';
import { lengthenDocx } from './helpers/zip.js';

const MIB = 1024 * 1024;
/** The cap at the default 256 MiB budget: (256 − 125) / 48 MiB. */
const CAP = docxXmlCap(256);

let big: Buffer;
let underCap: Buffer;
beforeAll(async () => {
  // The seed DOCX (LibreOffice's) lengthened: its body repeated, its styles and other parts kept.
  const seed = readFileSync(join(FIXTURES, 'seed.docx'));
  big = await lengthenDocx(seed, 12 * MIB);
  // Three quarters of the cap: near the cap the conversion peaks within ~5 % of the watch, too close for a test.
  underCap = await lengthenDocx(seed, 0.75 * CAP);
});

/** The declared unpacked bytes of a DOCX's XML parts. */
function xmlBytes(docx: Buffer): number {
  return [...zipDirectory(docx)!.entries()].filter((e) => /\.(xml|rels)$/.test(e.name)).reduce((sum, e) => sum + e.uncompressedSize, 0);
}

afterEach(() => {
  delete process.env.WENSHI_EXTRACT_MEMORY_MB;
});

describe('the XML a DOCX may hold for the memory budget', () => {
  it('is (budget − 125 MiB) / 48: 2.73 MiB at the default 256 MiB', () => {
    expect(CAP / MIB).toBeCloseTo(131 / 48, 5);
    expect(docxXmlCap(1024) / MIB).toBeCloseTo(899 / 48, 5);
    expect(docxXmlCap(64)).toBe(0);
  });

  it('refuses 12 MiB of XML before inflating it, naming the budget it needs, its process never near the budget', async () => {
    expect(xmlBytes(big)).toBeGreaterThan(12 * MIB - 300_000);
    let peak = childrenResident();
    const timer = setInterval(() => (peak = Math.max(peak, childrenResident())), 5);
    let error: unknown;
    try {
      error = await extractBounded({ path: 'long.docx', bytes: big }).then(() => null, (e: unknown) => e);
    } finally {
      clearInterval(timer);
    }
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({ code: 'TOO_LARGE', stage: 'extract' });
    const needed = budgetFor(xmlBytes(big));
    expect((error as Error).message).toMatch(/the Word document's XML unpacks to 1\d\.\d MiB, over the 2\.7 MiB the 256 MiB memory budget holds/);
    expect((error as Error).message).toContain(`needs WENSHI_EXTRACT_MEMORY_MB ≥ ${needed}`);
    // Converting it would need about 700 MiB; the child holds no more than its idle code (a checkout
    // whose dist/ is stale runs it through tsx, whose loader is allowed 160 MiB more).
    expect(peak).toBeLessThan(150e6 + (compiledIsCurrent() ? 0 : 160 * MIB));
  });

  it('refuses it in process too, inflating nothing', async () => {
    const before = process.memoryUsage.rss();
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
    try {
      await expect(extract({ path: 'long.docx', bytes: big }, { memoryMb: 256 })).rejects.toMatchObject({ code: 'TOO_LARGE' });
    } finally {
      clearInterval(timer);
    }
    expect(peak - before).toBeLessThan(16 * MIB);
  });

  it('converts a DOCX at three quarters of the cap within the default budget', async () => {
    expect(xmlBytes(underCap)).toBeLessThan(CAP);
    expect(xmlBytes(underCap)).toBeGreaterThan(0.7 * CAP);
    const { blocks } = await extractBounded({ path: 'under.docx', bytes: underCap });
    expect(blocks.length).toBeGreaterThan(800);
  });

  it('scales with the budget: the one the message names admits the document, one MiB less does not', () => {
    const entries = [...zipDirectory(big)!.entries()];
    const needed = budgetFor(xmlBytes(big));
    expect(needed).toBeGreaterThan(650);
    expect(() => checkDocxBudget(entries, needed)).not.toThrow();
    expect(() => checkDocxBudget(entries, needed - 1)).toThrow(new RegExp(`the ${needed - 1} MiB memory budget holds .*needs WENSHI_EXTRACT_MEMORY_MB ≥ ${needed}$`));
  });

  it('follows WENSHI_EXTRACT_MEMORY_MB: at 200 MiB (a cap of 1.6 MiB) the DOCX under the default cap is refused, naming 200 MiB', async () => {
    process.env.WENSHI_EXTRACT_MEMORY_MB = '200';
    await expect(processSource({ path: 'under.docx', bytes: underCap })).rejects.toThrow(
      /over the 1\.6 MiB the 200 MiB memory budget holds .*needs WENSHI_EXTRACT_MEMORY_MB ≥ 2[0-4]\d$/,
    );
  });
});
