/**
 * OFD (GB/T 33190-2016): a ZIP of XML. `OFD.xml` lists one or more documents (`DocBody`), each with
 * its `DocInfo` (title, author, dates, keywords) and a `DocRoot` pointing at its Document.xml,
 * which lists the pages; each page's Content.xml places runs of text (`TextObject` → `TextCode`)
 * at positions in millimetres. Text is read page by page in reading order (ofd-layout.ts) and its
 * paragraphs rebuilt as for a PDF; DocInfo becomes the source's metadata signals.
 *
 * The ZIP guards run before anything is inflated, and each entry is inflated no further than its
 * declared size. Text on page templates counts as the page's own; a page with no text but an image
 * (a scan) is read by OCR, its largest image, as a scanned PDF page is. Annotations (Annots: a
 * 已阅 stamp, a reviewer's remark, a 内部资料 watermark on every page), signatures (Signs: the seal)
 * and CustomTags are left out on purpose: they are marks on the document, not its text, and a
 * watermark in the body would break paragraphs and fill every snippet.
 * @module
 */
import type * as cheerio from 'cheerio';
import type { Element } from 'domhandler';
import { PipelineError } from '../errors.js';
import type { Signal, SourceSignals } from '../types.js';
import type { Extractor } from './extractor.js';
import { ocrAvailable, ocrImage, unreadable, type OcrOptions, type OcrResult } from './ocr.js';
import { pageText, type TextRun } from './ofd-layout.js';
import { pagesToBlocks } from './pdf-paragraphs.js';
import { child, corrupt, descendants, numbers, part, resolve, textOf, xmlReady } from './ofd-xml.js';
import { matcher, sniff } from './sniff.js';
import { zipEntries, type ZipEntries } from './zip-entries.js';
import { checkZipLimits } from './zip-limits.js';

/** A page needs OCR when its text has no letter or ideograph (at most a page number), as for PDF. */
const needsOcr = (text: string): boolean => !/\p{L}/u.test(text);

/** Width of a character in em, for runs without DeltaX: CJK and full-width forms 1, the rest 0.5. */
const em = (ch: string): number => (/[\u0000-\u024f]/.test(ch) ? 0.5 : 1);

/**
 * The glyph advances of a DeltaX attribute (GB/T 33190 §11.3): numbers, where `g N v` stands for
 * N times v.
 */
function deltas(value: string | undefined): number[] {
  const tokens = (value ?? '').trim().split(/\s+/).filter(Boolean);
  const out: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] === 'g') {
      out.push(...Array<number>(Math.max(0, Math.min(10_000, Number(tokens[i + 1]) || 0))).fill(Number(tokens[i + 2]) || 0));
      i += 2;
    } else if (Number.isFinite(Number(tokens[i]))) out.push(Number(tokens[i]));
  }
  return out;
}

/** How far a TextCode's text reaches: its DeltaX advances, then the last glyph's own width. */
function advance(text: string, deltaX: string | undefined, size: number): number {
  const chars = [...text];
  const given = deltas(deltaX).slice(0, Math.max(0, chars.length - 1));
  const rest = chars.slice(given.length, -1).reduce((w, ch) => w + em(ch) * size, 0);
  return given.reduce((w, d) => w + d, 0) + rest + (chars.length > 0 ? em(chars.at(-1)!) * size : 0);
}

/** The runs of one page: each TextCode at its TextObject's boundary origin plus its own X/Y, through the object's CTM. */
function pageRuns($: cheerio.CheerioAPI): TextRun[] {
  const runs: TextRun[] = [];
  for (const object of descendants($.root()[0]!, 'TextObject')) {
    const [bx = 0, by = 0] = numbers(object.attribs.Boundary);
    const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = numbers(object.attribs.CTM).length === 6 ? numbers(object.attribs.CTM) : [];
    const size = (Number(object.attribs.Size) || 3.5) * Math.abs(d || 1);
    // A TextCode without X/Y continues where the previous one of the object ended (GB/T 33190 §11.3).
    let x = 0;
    let y = 0;
    for (const code of descendants(object, 'TextCode')) {
      if (code.attribs.X !== undefined) x = Number(code.attribs.X) || 0;
      if (code.attribs.Y !== undefined) y = Number(code.attribs.Y) || 0;
      const text = textOf(code);
      const width = advance(text, code.attribs.DeltaX, Number(object.attribs.Size) || 3.5);
      runs.push({ x: bx + a * x + c * y + e, y: by + b * x + d * y + f, size, width: width * Math.abs(a || 1), text });
      x += width;
    }
  }
  return runs;
}

/** DocInfo fields as signals; CreationDate stands for the date the document states of itself. */
function docSignals(body: Element): SourceSignals {
  const info = child(body, 'DocInfo');
  if (!info) return {};
  const field = (name: string): Signal | undefined => {
    const value = textOf(child(info, name)).trim();
    return value ? { value, signal: `ofd DocInfo ${name}` } : undefined;
  };
  const keywords = descendants(info, 'Keyword').map((k) => textOf(k).trim()).filter(Boolean);
  const signals: SourceSignals = {};
  const title = field('Title');
  const author = field('Author');
  const date = field('CreationDate');
  if (title) signals.title = title;
  if (author) signals.issuer = author;
  if (date) signals.date = date;
  if (keywords.length > 0) signals.subject = { value: keywords.join('、'), signal: 'ofd DocInfo Keywords' };
  return signals;
}

/** One page: its text, and the images set on it (read by OCR when the page has no text). */
interface OfdPage {
  text: string;
  images: Buffer[];
}

/**
 * The images a document's resource files declare (MultiMedia of Type Image), by ID, as package
 * paths: each Res file's BaseLoc, relative to the Res file, holds its MediaFiles.
 */
function imagePaths(zip: ZipEntries, doc: cheerio.CheerioAPI, docPath: string): Map<string, string> {
  const paths = new Map<string, string>();
  const resFiles = [...descendants(doc.root()[0]!, 'PublicRes'), ...descendants(doc.root()[0]!, 'DocumentRes')];
  for (const resFile of resFiles) {
    const resPath = resolve(docPath, textOf(resFile).trim());
    if (!zip.names.includes(resPath)) continue;
    const res = part(zip, resPath);
    const base = descendants(res.root()[0]!, 'Res')[0]?.attribs.BaseLoc;
    for (const media of descendants(res.root()[0]!, 'MultiMedia')) {
      const file = textOf(child(media, 'MediaFile')).trim();
      if (media.attribs.ID && file && (media.attribs.Type ?? 'Image').toLowerCase() === 'image') {
        paths.set(media.attribs.ID, resolve(resPath, base ? `${base}/${file}` : file));
      }
    }
  }
  return paths;
}

/** The bytes of the images a page sets (ImageObject → ResourceID), largest area first. */
function pageImages(zip: ZipEntries, content: cheerio.CheerioAPI, images: Map<string, string>): Buffer[] {
  return descendants(content.root()[0]!, 'ImageObject')
    .map((o) => {
      const [, , w = 0, h = 0] = numbers(o.attribs.Boundary);
      return { path: images.get(o.attribs.ResourceID ?? ''), area: w * h };
    })
    .sort((a, b) => b.area - a.area)
    .flatMap(({ path }) => {
      const bytes = path ? zip.read(path) : null;
      return bytes ? [bytes] : [];
    });
}

/** Each document's pages in order, and the first document's signals. */
function readPackage(zip: ZipEntries): { pages: OfdPage[]; signals: SourceSignals } {
  const ofd = part(zip, 'OFD.xml');
  const bodies = descendants(ofd.root()[0]!, 'DocBody');
  if (bodies.length === 0) throw corrupt('OFD.xml lists no document (DocBody)');
  const pages: OfdPage[] = [];
  for (const body of bodies) {
    const root = textOf(child(body, 'DocRoot')).trim();
    if (!root) throw corrupt('a DocBody of OFD.xml has no DocRoot');
    const docPath = resolve('', root);
    const doc = part(zip, docPath);
    const images = imagePaths(zip, doc, docPath);
    // Template pages (a 红头 letterhead, a 版记 footer) hold text shared by the pages that use them.
    const templates = new Map(
      descendants(doc.root()[0]!, 'TemplatePage').map((t) => [t.attribs.ID, t.attribs.BaseLoc] as const),
    );
    const templateRuns = new Map<string, TextRun[]>();
    const runsOfTemplate = (id: string): TextRun[] => {
      const loc = templates.get(id);
      if (!loc) return [];
      if (!templateRuns.has(id)) templateRuns.set(id, pageRuns(part(zip, resolve(docPath, loc))));
      return templateRuns.get(id)!;
    };
    for (const page of descendants(doc.root()[0]!, 'Page')) {
      const loc = page.attribs.BaseLoc;
      if (!loc) continue;
      const content = part(zip, resolve(docPath, loc));
      const shared = descendants(content.root()[0]!, 'Template').flatMap((t) => runsOfTemplate(t.attribs.TemplateID ?? ''));
      const text = pageText([...shared, ...pageRuns(content)]);
      pages.push({ text, images: needsOcr(text) ? pageImages(zip, content, images) : [] });
    }
  }
  return { pages, signals: docSignals(bodies[0]!) };
}

/** OCRs each scanned page's largest image, one page at a time, giving blocks and confidences that page's number. */
async function ocrScans(scans: readonly { page: number; image: Buffer }[], opts: OcrOptions | undefined): Promise<OcrResult> {
  const results: OcrResult = { blocks: [], ocr: { engine: '', pages: [] } };
  for (const { page, image } of scans) {
    const { blocks, ocr } = await ocrImage(image, `image on page ${page} of the OFD`, opts);
    results.blocks.push(...blocks.map((b) => ({ ...b, page })));
    results.ocr.pages.push(...ocr.pages.map((p) => ({ ...p, page })));
    results.ocr.engine = ocr.engine;
  }
  return results;
}

export const ofdExtractor: Extractor = {
  format: 'ofd',
  mediaTypes: ['application/ofd'],
  extensions: ['ofd'],
  match: matcher(['ofd'], ['ofd']),

  async extract(bytes, { ext, zip: limits, ocr: ocrOptions, memoryMb }) {
    const detected = sniff(bytes);
    if (detected.kind !== 'ofd') {
      const what = detected.kind === 'zip' || detected.kind === 'archive' ? `${detected.label}, with no OFD.xml` : detected.label;
      throw new PipelineError('CORRUPT_FILE', `not an OFD document: the file is named .${ext} but holds ${what}`, 'extract');
    }
    // Before anything is inflated: an OFD is a ZIP, and a ZIP bomb would exhaust the heap.
    await checkZipLimits(bytes, limits, memoryMb);
    const zip = zipEntries(bytes);
    if (!zip) throw corrupt('it is cut off: the ZIP directory at its end is missing (truncated download or copy?)');
    // A package with encrypted entries (ZIP encryption, or GM/T 0099's Encryptions.xml) cannot be read without its key.
    if (zip.encrypted || zip.names.includes('Encryptions.xml')) {
      throw new PipelineError('ENCRYPTED', 'the OFD document is encrypted; it cannot be read without its key', 'extract');
    }
    await xmlReady();
    const { pages, signals } = readPackage(zip);
    const text = pagesToBlocks(pages.map((p) => (needsOcr(p.text) ? '' : p.text)));
    const scans = pages.flatMap((p, i) => (p.images[0] ? [{ page: i + 1, image: p.images[0] }] : []));
    const none = `none of the OFD's ${pages.length} page(s) carries text`;
    // As for PDF: without OCR installed, an OFD with some text still gives that text; only one with none fails.
    let ocr: OcrResult | null = null;
    if (scans.length > 0 && (await ocrAvailable(ocrOptions))) ocr = await ocrScans(scans, ocrOptions);
    else if (scans.length > 0 && text.length === 0) {
      throw new PipelineError('NO_TEXT', `${none}: ${scans.length} are images, and OCR (tesseract with the language asked for) is not installed`, 'extract');
    }
    const blocks = [...text, ...(ocr?.blocks ?? [])].sort((a, b) => (a.page ?? 0) - (b.page ?? 0));
    if (blocks.length === 0) {
      const why = ocr ? `, and ${unreadable(ocr.ocr, ocrOptions)}` : ' (and no page is an image to read by OCR)';
      throw new PipelineError('NO_TEXT', `${none}${why}`, 'extract');
    }
    return {
      format: 'ofd',
      mediaType: 'application/ofd',
      encoding: null,
      pages: pages.length,
      blocks,
      ...(ocr && { ocr: ocr.ocr }),
      ...(Object.keys(signals).length > 0 ? { signals } : {}),
    };
  },
};
