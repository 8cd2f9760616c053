/**
 * OFD (GB/T 33190-2016): a ZIP of XML. `OFD.xml` lists one or more documents (`DocBody`), each with
 * its `DocInfo` (title, author, dates, keywords) and a `DocRoot` pointing at its Document.xml,
 * which lists the pages; each page's Content.xml places runs of text (`TextObject` → `TextCode`)
 * at positions in millimetres. Text is read page by page in reading order (ofd-layout.ts) and its
 * paragraphs rebuilt as for a PDF; DocInfo becomes the source's metadata signals.
 *
 * The ZIP guards run before anything is inflated, and each entry is inflated no further than its
 * declared size. Text on page templates counts as the page's own. Not read yet: annotations, and
 * pages that are only images (scans), which would need OCR.
 * @module
 */
import * as cheerio from 'cheerio';
import iconv from 'iconv-lite';
import type { AnyNode, Element } from 'domhandler';
import { PipelineError } from '../errors.js';
import type { Signal, SourceSignals } from '../types.js';
import type { Extractor } from './extractor.js';
import { pageText, type TextRun } from './ofd-layout.js';
import { pagesToBlocks } from './pdf-paragraphs.js';
import { matcher, sniff } from './sniff.js';
import { zipEntries, type ZipEntries } from './zip-entries.js';
import { checkZipLimits } from './zip-limits.js';

const corrupt = (message: string, cause?: unknown): PipelineError =>
  new PipelineError('CORRUPT_FILE', `the OFD document is damaged: ${message}`, 'extract', cause === undefined ? undefined : { cause });

/** An element's name without its namespace prefix (`ofd:TextCode` → `TextCode`). */
const local = (el: Element): string => el.name.slice(el.name.indexOf(':') + 1);

function isElement(node: AnyNode): node is Element {
  return node.type === 'tag';
}

/** Every element under `node` (depth first, document order) whose local name is `name`. */
function descendants(node: AnyNode, name: string): Element[] {
  const found: Element[] = [];
  const visit = (n: AnyNode): void => {
    if (!('children' in n)) return;
    for (const child of n.children) {
      if (!isElement(child)) continue;
      if (local(child) === name) found.push(child);
      visit(child);
    }
  };
  visit(node);
  return found;
}

const child = (el: AnyNode, name: string): Element | undefined => descendants(el, name)[0];

/** The text inside an element, entities decoded. */
function textOf(el: Element | undefined): string {
  if (!el) return '';
  let text = '';
  const visit = (n: AnyNode): void => {
    if (n.type === 'text') text += n.data;
    else if ('children' in n) n.children.forEach(visit);
  };
  visit(el);
  return text;
}

/** Numbers of a space-separated attribute (`Boundary="10 20 100 5"`); NaN-free, possibly short. */
const numbers = (value: string | undefined): number[] => (value ?? '').trim().split(/\s+/).map(Number).filter(Number.isFinite);

/** The package's XML part `path` parsed, or a CORRUPT_FILE naming the part. */
function part(zip: ZipEntries, path: string): cheerio.CheerioAPI {
  let bytes: Buffer | null;
  try {
    bytes = zip.read(path);
  } catch (err) {
    throw corrupt(`${path} cannot be unpacked (${err instanceof Error ? err.message : String(err)})`, err);
  }
  if (!bytes) throw corrupt(`it has no ${path}, which ${path === 'OFD.xml' ? 'every OFD starts from' : 'the document refers to'}`);
  return cheerio.load(xmlText(bytes), { xml: true });
}

/** An XML part as text, in the encoding its declaration names (some producers write GB18030 or GBK). */
function xmlText(bytes: Buffer): string {
  const declared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/.exec(bytes.toString('latin1', 0, 200))?.[1];
  return declared && !/^utf-?8$/i.test(declared) && iconv.encodingExists(declared) ? iconv.decode(bytes, declared) : bytes.toString('utf8');
}

/** A location inside the package: absolute from its root (`/Doc_0/…`), else relative to `base`'s folder. */
function resolve(base: string, loc: string): string {
  const raw = loc.startsWith('/') ? loc : `${base.slice(0, base.lastIndexOf('/') + 1)}${loc}`;
  const out: string[] = [];
  for (const seg of raw.split('/')) {
    if (seg === '..') out.pop();
    else if (seg && seg !== '.') out.push(seg);
  }
  return out.join('/');
}

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

/** Each document's page texts in order, and the first document's signals. */
function readPackage(zip: ZipEntries): { pages: string[]; signals: SourceSignals } {
  const ofd = part(zip, 'OFD.xml');
  const bodies = descendants(ofd.root()[0]!, 'DocBody');
  if (bodies.length === 0) throw corrupt('OFD.xml lists no document (DocBody)');
  const pages: string[] = [];
  for (const body of bodies) {
    const root = textOf(child(body, 'DocRoot')).trim();
    if (!root) throw corrupt('a DocBody of OFD.xml has no DocRoot');
    const docPath = resolve('', root);
    const doc = part(zip, docPath);
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
      pages.push(pageText([...shared, ...pageRuns(content)]));
    }
  }
  return { pages, signals: docSignals(bodies[0]!) };
}

export const ofdExtractor: Extractor = {
  format: 'ofd',
  mediaTypes: ['application/ofd'],
  extensions: ['ofd'],
  match: matcher(['ofd'], ['ofd']),

  async extract(bytes, { ext, zip: limits }) {
    const detected = sniff(bytes);
    if (detected.kind !== 'ofd') {
      const what = detected.kind === 'zip' ? `${detected.label}, with no OFD.xml` : detected.label;
      throw new PipelineError('CORRUPT_FILE', `not an OFD document: the file is named .${ext} but holds ${what}`, 'extract');
    }
    // Before anything is inflated: an OFD is a ZIP, and a ZIP bomb would exhaust the heap.
    await checkZipLimits(bytes, limits);
    const zip = zipEntries(bytes);
    if (!zip) throw corrupt('it is cut off: the ZIP directory at its end is missing (truncated download or copy?)');
    // A package with encrypted entries (ZIP encryption, or GM/T 0099's Encryptions.xml) cannot be read without its key.
    if (zip.encrypted || zip.names.includes('Encryptions.xml')) {
      throw new PipelineError('ENCRYPTED', 'the OFD document is encrypted; it cannot be read without its key', 'extract');
    }
    const { pages, signals } = readPackage(zip);
    const blocks = pagesToBlocks(pages);
    if (blocks.length === 0) {
      throw new PipelineError(
        'NO_TEXT',
        `none of the OFD's ${pages.length} page(s) carries text (pages that are only images are not read by OCR yet)`,
        'extract',
      );
    }
    return {
      format: 'ofd',
      mediaType: 'application/ofd',
      encoding: null,
      pages: pages.length,
      blocks,
      ...(Object.keys(signals).length > 0 ? { signals } : {}),
    };
  },
};
