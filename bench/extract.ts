/**
 * Extract throughput, each next to a baseline run in the same process: PDF pages/s against
 * poppler's `pdftotext` on the same file, DOCX MB/s against mammoth's raw-text extraction, TXT
 * MB/s against a bare UTF-8 decode, RTF against LibreOffice converting it, Word 97 (.doc) and OFD
 * against LibreOffice converting the same
 * .doc (`soffice --convert-to html`, our fallback path; LibreOffice cannot open OFD, so the OFD
 * holds the same text as the .doc). Prints figures; never passes or fails on time.
 * @module
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import mammoth from 'mammoth';
import { docxXmlCap } from '../pipeline/extract/docx-budget.js';
import { extract } from '../pipeline/extract/index.js';
import { officeEngine, officeToHtml } from '../pipeline/extract/office.js';
import { extractBounded } from '../pipeline/extract/sandbox.js';
import { buildOfd } from '../test/helpers/ofd.js';
import { childrenResident } from '../test/helpers/proc.js';
import { buildDocx, deflateRepeated, DOCUMENT_HEAD, DOCUMENT_TAIL, lengthenDocx, paragraph } from '../test/helpers/zip.js';

const FIXTURES = new URL('../corpus/fixtures/', import.meta.url);
const SEED = new URL('../corpus/seed/000_7bf2245de4f05e93.txt', import.meta.url);

/** Median milliseconds per call of `fn`, over at least `minRuns` calls and `minMs` in total, after a warm-up. */
async function timeIt(fn: () => unknown, minRuns = 5, minMs = 1500): Promise<number> {
  await fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < minRuns || performance.now() - start < minMs) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const mbPerS = (bytes: number, ms: number): number => bytes / 1e6 / (ms / 1e3);
const fmt = (n: number): string => n.toFixed(n >= 100 ? 0 : n >= 10 ? 1 : 2);

async function pdf(): Promise<void> {
  const path = fileURLToPath(new URL('seed.pdf', FIXTURES));
  const bytes = readFileSync(path);
  const { pages } = await extract({ path, bytes });
  const ours = await timeIt(() => extract({ path, bytes }));
  // pdftotext runs as a process per file, as it would in a pipeline that shelled out to it.
  const poppler = await timeIt(() => execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { maxBuffer: 64e6 }));
  const ourRate = (pages ?? 0) / (ours / 1e3);
  const popplerRate = (pages ?? 0) / (poppler / 1e3);
  console.log(
    `pdf  seed.pdf (${pages} pages, ${(bytes.length / 1e3).toFixed(0)} kB): ${fmt(ourRate)} pages/s; ` +
      `pdftotext ${fmt(popplerRate)} pages/s; ratio ours/pdftotext ${(ourRate / popplerRate).toFixed(2)}`,
  );
}

async function docx(): Promise<void> {
  const bytes = readFileSync(new URL('seed.docx', FIXTURES));
  const ours = await timeIt(() => extract({ path: 'seed.docx', bytes }));
  const raw = await timeIt(() => mammoth.extractRawText({ buffer: bytes }));
  console.log(
    `docx seed.docx (${(bytes.length / 1e3).toFixed(0)} kB): ${fmt(mbPerS(bytes.length, ours))} MB/s; ` +
      `mammoth raw text ${fmt(mbPerS(bytes.length, raw))} MB/s; ratio ours/raw ${(raw / ours).toFixed(2)}`,
  );
}

async function txt(): Promise<void> {
  // The seed repeated to about 4 MB, so per-call overhead does not dominate.
  const seed = readFileSync(SEED, 'utf8');
  const big = seed.repeat(Math.ceil(4e6 / Buffer.byteLength(seed)));
  const inputs: [string, Buffer][] = [
    ['UTF-8', Buffer.from(big)],
    ['GB18030', iconv.encode(big, 'gb18030')],
    ['UTF-16LE', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(big, 'utf16le')])],
  ];
  const utf8 = inputs[0]![1];
  const baseline = await timeIt(() => utf8.toString('utf8'));
  console.log(`txt  baseline Buffer.toString('utf8'): ${fmt(mbPerS(utf8.length, baseline))} MB/s`);
  for (const [encoding, bytes] of inputs) {
    const ms = await timeIt(() => extract({ path: 'big.txt', bytes }));
    console.log(
      `txt  ${encoding} (${(bytes.length / 1e6).toFixed(1)} MB): ${fmt(mbPerS(bytes.length, ms))} MB/s; ` +
        `ratio to baseline ${(baseline / ms).toFixed(2)}`,
    );
  }
}

/**
 * .doc by word-extractor and the same text as an OFD by our reader, both next to LibreOffice
 * converting the .doc: each in pages of text (the OFD's page count) per second.
 */
async function legacy(): Promise<void> {
  const bytes = readFileSync(new URL('opinion.doc', FIXTURES));
  const doc = await extract({ path: 'opinion.doc', bytes });
  const [title = '', ...paragraphs] = doc.blocks.map((b) => b.text);
  const ofd = buildOfd([{ title, paragraphs }]);
  const pages = (await extract({ path: 'opinion.ofd', bytes: ofd })).pages ?? 0;
  const ours = await timeIt(() => extract({ path: 'opinion.doc', bytes }));
  const ofdMs = await timeIt(() => extract({ path: 'opinion.ofd', bytes: ofd }));
  const rate = (ms: number): string => fmt(pages / (ms / 1e3));
  let office = 'LibreOffice not installed';
  if (await officeEngine()) {
    // A process per file, as the fallback runs it; its profile is made by the warm-up call.
    const ms = await timeIt(() => officeToHtml(bytes, 'doc'), 3, 0);
    office = `LibreOffice ${rate(ms)} pages/s; ratios word-extractor/LibreOffice ${(ms / ours).toFixed(0)}, OFD/LibreOffice ${(ms / ofdMs).toFixed(0)}`;
  }
  console.log(
    `doc  opinion.doc (${(bytes.length / 1e3).toFixed(0)} kB, ${pages} pages as OFD): word-extractor ${rate(ours)} pages/s; ` +
      `ofd (${(ofd.length / 1e3).toFixed(0)} kB) ${rate(ofdMs)} pages/s; ${office}`,
  );
}

/** RTF MB/s by our JS reader next to LibreOffice converting the same file (a process per file). */
async function rtf(): Promise<void> {
  const bytes = readFileSync(new URL('opinion.rtf', FIXTURES));
  const ours = await timeIt(() => extract({ path: 'opinion.rtf', bytes }));
  const office = (await officeEngine()) ? await timeIt(() => officeToHtml(bytes, 'rtf'), 3, 0) : null;
  console.log(
    `rtf  opinion.rtf (${(bytes.length / 1e3).toFixed(0)} kB): ${fmt(mbPerS(bytes.length, ours))} MB/s; ` +
      (office ? `LibreOffice ${fmt(mbPerS(bytes.length, office))} MB/s; ratio ours/LibreOffice ${(office / ours).toFixed(0)}` : 'LibreOffice not installed'),
  );
}

/**
 * Poison files, as the ingest meets them (extraction children warm, default budget): how long until
 * each fails with TOO_LARGE and the children's peak resident memory. The 4-million-paragraph DOCX
 * (250 MB of XML in 700 kB) is stopped by the ZIP guards, and with them lifted by the entry cap of
 * half the memory budget; the seed DOCX lengthened to 12 MiB of XML by the directory's cap on a
 * DOCX's XML ((budget − 112 MiB) / 20.2, 7.1 MiB); 2.5 MiB of bold italic one-character runs (under
 * that cap) by the tally of its markup, before mammoth starts; the seed at 2 MiB of XML, which the
 * tally admits (227 of 256 MiB), converts.
 */
async function poison(): Promise<void> {
  await extractBounded({ path: 'seed.docx', bytes: readFileSync(new URL('seed.docx', FIXTURES)) });
  const seed = readFileSync(new URL('seed.docx', FIXTURES));
  const bomb = async (paragraphs: number) => buildDocx(await deflateRepeated(DOCUMENT_HEAD, paragraph('各级政协要加强协商。'), paragraphs, DOCUMENT_TAIL));
  const boldItalic = `<w:p>${'<w:r><w:rPr><w:b/><w:i/></w:rPr><w:t>协</w:t></w:r>'.repeat(20)}</w:p>`;
  const noGuards = { maxEntries: 1e9, maxEntryBytes: 1e12, maxTotalBytes: 1e12, maxRatio: 1e9 };
  const MIB = 1024 * 1024;
  const cases = [
    ['4-million-paragraph', () => bomb(4_000_000), 'stopped by the ZIP guards', {}],
    ['4-million-paragraph', () => bomb(4_000_000), 'stopped by half the memory budget (ZIP guards lifted)', { zip: noGuards }],
    [`12 MiB-XML seed`, () => lengthenDocx(seed, 12 * MIB), `stopped by the directory's cap on a DOCX's XML (${(docxXmlCap(256) / MIB).toFixed(1)} MiB)`, {}],
    ['2.5 MiB-XML bold italic runs', () => lengthenDocx(seed, 2.5 * MIB, boldItalic), 'stopped by the tally of its markup (ZIP ratio lifted)', { zip: { maxRatio: 1e9 } }],
    ['2 MiB-XML seed', () => lengthenDocx(seed, 2 * MIB), 'admitted by the tally', {}],
  ] as const;
  for (const [name, make, by, opts] of cases) {
    const input = { path: 'poison.docx', bytes: await make() };
    let peak = childrenResident();
    const timer = setInterval(() => (peak = Math.max(peak, childrenResident())), 5);
    const start = performance.now();
    const outcome = await extractBounded(input, opts).then(
      (x) => `converted (${x.blocks.length} blocks)`,
      (e: unknown) => (e as Error & { code?: string }).code ?? 'FAILED',
    );
    const ms = performance.now() - start;
    clearInterval(timer);
    console.log(
      `poison ${name} docx (${(input.bytes.length / 1e3).toFixed(0)} kB) ${by}: ${outcome} ` +
        `in ${(ms / 1e3).toFixed(2)} s; extraction children's peak RSS ${(peak / 1e6).toFixed(0)} MB`,
    );
  }
}

export async function run(): Promise<void> {
  await poison();
  await pdf();
  await docx();
  await legacy();
  await rtf();
  await txt();
}
