/**
 * A DOCX whose XML mammoth's object tree would not fit in the extraction's memory budget fails at
 * once with TOO_LARGE naming the budget it needs, before mammoth starts: from the directory when its
 * XML would not fit even as bare text, from the tally of its elements, paragraphs, attributes and
 * text otherwise (heavy markup). One the tally admits converts; both follow the budget (its option
 * and WENSHI_EXTRACT_MEMORY_MB). Memory and outcomes are asserted, never time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { compiledIsCurrent } from '../bin/compiled.js';
import { PipelineError } from '../pipeline/errors.js';
import { budgetFor, checkDocxBudget, checkDocxMarkup, docxXmlCap, tallyXml, type XmlTally } from '../pipeline/extract/docx-budget.js';
import { extract } from '../pipeline/extract/index.js';
import { extractBounded } from '../pipeline/extract/sandbox.js';
import { zipDirectory } from '../pipeline/extract/zip-directory.js';
import { zipEntries } from '../pipeline/extract/zip-entries.js';
import { processSource } from '../pipeline/flow.js';
import { FIXTURES } from './helpers/cli.js';
import { childrenResident } from './helpers/proc.js';
import { lengthenDocx } from './helpers/zip.js';

const MIB = 1024 * 1024;
/** The declared XML the default 256 MiB budget admits: (256 − 112) / 20.2 MiB, as bare text. */
const CAP = docxXmlCap(256);
/** A paragraph of 20 runs of one bold italic character each: six elements in 50 bytes. */
const BOLD_ITALIC_RUNS = `<w:p>${'<w:r><w:rPr><w:b/><w:i/></w:rPr><w:t>协</w:t></w:r>'.repeat(20)}</w:p>`;

let big: Buffer;
let heavy: Buffer;
let admitted: Buffer;
beforeAll(async () => {
  // The seed DOCX (LibreOffice's) lengthened: its body repeated, its styles and other parts kept.
  const seed = readFileSync(join(FIXTURES, 'seed.docx'));
  big = await lengthenDocx(seed, 12 * MIB);
  heavy = await lengthenDocx(seed, 2.5 * MIB, BOLD_ITALIC_RUNS);
  // Its tally needs 199 MiB (converting it was measured to need 186).
  admitted = await lengthenDocx(seed, 1.5 * MIB);
});

/** The declared unpacked bytes of a DOCX's XML parts. */
function xmlBytes(docx: Buffer): number {
  return [...zipDirectory(docx)!.entries()].filter((e) => /\.(xml|rels)$/.test(e.name)).reduce((sum, e) => sum + e.uncompressedSize, 0);
}

/** The tally of a DOCX's XML parts. */
function tally(docx: Buffer): XmlTally {
  const parts = zipEntries(docx)!;
  const t: XmlTally = { elements: 0, paragraphs: 0, attributes: 0, textBytes: 0 };
  for (const name of parts.names.filter((n) => /\.(xml|rels)$/.test(n))) tallyXml(parts.read(name)!, t);
  return t;
}

/** Runs `work` while sampling the resident memory of this process's children. */
async function childPeak<T>(work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = childrenResident();
  const timer = setInterval(() => (peak = Math.max(peak, childrenResident())), 5);
  try {
    return { result: await work(), peak };
  } finally {
    clearInterval(timer);
  }
}

/** Generated bodies repeat one paragraph, so they pack over the ZIP ratio limit; real ones do not. */
const REPETITIVE = { maxRatio: 1e9 };

/** The child's idle code; a checkout whose dist/ is stale runs it through tsx, whose loader is allowed 160 MiB more. */
const IDLE_CHILD = 150e6 + (compiledIsCurrent() ? 0 : 160 * MIB);

afterEach(() => {
  delete process.env.WENSHI_EXTRACT_MEMORY_MB;
});

describe('the tally of a DOCX\'s XML', () => {
  it('counts elements, paragraphs (not their properties), attributes and the bytes between tags', () => {
    const xml = Buffer.from('<?xml version="1.0"?><w:body><w:p w:rsidR="00A1"><w:pPr/><w:r><w:t xml:space="preserve">政协 &amp; 协商</w:t></w:r></w:p><w:p></w:p>\n</w:body>');
    expect(tallyXml(xml, { elements: 0, paragraphs: 0, attributes: 0, textBytes: 0 })).toEqual({
      elements: 6,
      paragraphs: 2,
      attributes: 3,
      textBytes: Buffer.byteLength('政协 &amp; 协商') + 1,
    });
  });

  it('needs 112 MiB and 20.2 per MiB of text, 0.99 per thousand elements, 0.5 per thousand paragraphs, 0.3 per thousand attributes', () => {
    expect(budgetFor({ elements: 0, paragraphs: 0, attributes: 0, textBytes: 0 })).toBe(112);
    expect(budgetFor({ elements: 100_000, paragraphs: 10_000, attributes: 10_000, textBytes: MIB })).toBe(Math.ceil(112 + 20.2 + 99 + 5 + 3));
    expect(CAP / MIB).toBeCloseTo(144 / 20.2, 5);
    expect(docxXmlCap(64)).toBe(0);
  });
});

describe('the DOCX a memory budget holds', () => {
  it('refuses 12 MiB of XML from the directory, before inflating it, naming the budget it needs at least', async () => {
    expect(xmlBytes(big)).toBeGreaterThan(12 * MIB - 300_000);
    const { result: error, peak } = await childPeak(() => extractBounded({ path: 'long.docx', bytes: big }).then(() => null, (e: unknown) => e));
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({ code: 'TOO_LARGE', stage: 'extract' });
    const needed = budgetFor({ elements: 0, paragraphs: 0, attributes: 0, textBytes: xmlBytes(big) });
    expect((error as Error).message).toBe(
      `the Word document's XML unpacks to ${(xmlBytes(big) / MIB).toFixed(1)} MiB, more than the 256 MiB memory budget holds (extractMemoryMb): it needs WENSHI_EXTRACT_MEMORY_MB ≥ ${needed}`,
    );
    // Converting it would need about 700 MiB; the child holds no more than its idle code.
    expect(peak).toBeLessThan(IDLE_CHILD);
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

  it('refuses 2.5 MiB of one-character bold italic runs (under the directory cap) from its tally, before mammoth builds a tree', async () => {
    expect(xmlBytes(heavy)).toBeLessThan(CAP);
    const needed = budgetFor(tally(heavy));
    expect(needed).toBeGreaterThan(350); // converting it was measured to need 357 MiB
    const { result: error, peak } = await childPeak(() => extractBounded({ path: 'heavy.docx', bytes: heavy }, { zip: REPETITIVE }).then(() => null, (e: unknown) => e));
    expect(error).toMatchObject({ code: 'TOO_LARGE', stage: 'extract' });
    expect((error as Error).message).toMatch(
      new RegExp(`^the Word document's XML holds 251,\\d{3} elements and 146\\.2 KiB of text, more than the 256 MiB memory budget holds \\(extractMemoryMb\\): it needs WENSHI_EXTRACT_MEMORY_MB ≥ ${needed}$`),
    );
    // Its XML is inflated and read once, a few MiB; mammoth's tree of it would be 350 MiB.
    expect(peak).toBeLessThan(IDLE_CHILD + 32 * MIB);
  });

  it('converts a DOCX its tally admits within the default budget', async () => {
    expect(budgetFor(tally(admitted))).toBeLessThan(256);
    const { blocks } = await extractBounded({ path: 'admitted.docx', bytes: admitted });
    expect(blocks.length).toBeGreaterThan(800);
  });

  it('scales with the budget: the one a message names admits the document, one MiB less does not', () => {
    const entries = [...zipDirectory(big)!.entries()];
    const needed = budgetFor({ elements: 0, paragraphs: 0, attributes: 0, textBytes: xmlBytes(big) });
    expect(needed).toBeGreaterThan(350);
    expect(() => checkDocxBudget(entries, needed)).not.toThrow();
    expect(() => checkDocxBudget(entries, needed - 1)).toThrow(new RegExp(`more than the ${needed - 1} MiB memory budget holds .*needs WENSHI_EXTRACT_MEMORY_MB ≥ ${needed}$`));
    const parts = zipEntries(heavy)!;
    const heavyNeeds = budgetFor(tally(heavy));
    expect(() => checkDocxMarkup(parts, heavyNeeds)).not.toThrow();
    expect(() => checkDocxMarkup(parts, heavyNeeds - 1)).toThrow(new RegExp(`needs WENSHI_EXTRACT_MEMORY_MB ≥ ${heavyNeeds}$`));
  });

  it('follows WENSHI_EXTRACT_MEMORY_MB: at 180 MiB the DOCX the default admits is refused, naming what it needs', async () => {
    process.env.WENSHI_EXTRACT_MEMORY_MB = '180';
    await expect(processSource({ path: 'admitted.docx', bytes: admitted })).rejects.toThrow(
      new RegExp(`more than the 180 MiB memory budget holds .*needs WENSHI_EXTRACT_MEMORY_MB ≥ ${budgetFor(tally(admitted))}$`),
    );
  });
});
