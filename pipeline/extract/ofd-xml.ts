/**
 * The XML side of reading an OFD package: parts decoded in the encoding they declare, elements
 * found by local name whatever their namespace prefix, and locations resolved inside the package.
 * @module
 */
import type * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import iconv from 'iconv-lite';
import { PipelineError } from '../errors.js';
import type { ZipEntries } from './zip-entries.js';

export const corrupt = (message: string, cause?: unknown): PipelineError =>
  new PipelineError('CORRUPT_FILE', `the OFD document is damaged: ${message}`, 'extract', cause === undefined ? undefined : { cause });

/** An element's name without its namespace prefix (`ofd:TextCode` → `TextCode`). */
const local = (el: Element): string => el.name.slice(el.name.indexOf(':') + 1);

function isElement(node: AnyNode): node is Element {
  return node.type === 'tag';
}

/** Every element under `node` (depth first, document order) whose local name is `name`. */
export function descendants(node: AnyNode, name: string): Element[] {
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

export const child = (el: AnyNode, name: string): Element | undefined => descendants(el, name)[0];

/** The text inside an element, entities decoded. */
export function textOf(el: Element | undefined): string {
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
export const numbers = (value: string | undefined): number[] => (value ?? '').trim().split(/\s+/).map(Number).filter(Number.isFinite);

let load: typeof cheerio.load | undefined;

/** Loads the parser {@link part} uses: before an OFD is read, not with the extractors (see registry.ts). */
export async function xmlReady(): Promise<void> {
  load ??= (await import('cheerio')).load;
}

/** The package's XML part `path` parsed, or a CORRUPT_FILE naming the part; after {@link xmlReady}. */
export function part(zip: ZipEntries, path: string): cheerio.CheerioAPI {
  let bytes: Buffer | null;
  try {
    bytes = zip.read(path);
  } catch (err) {
    throw corrupt(`${path} cannot be unpacked (${err instanceof Error ? err.message : String(err)})`, err);
  }
  if (!bytes) throw corrupt(`it has no ${path}, which ${path === 'OFD.xml' ? 'every OFD starts from' : 'the document refers to'}`);
  if (!load) throw new Error('part() before xmlReady()');
  return load(xmlText(bytes), { xml: true });
}

/** An XML part as text, in the encoding its declaration names (some producers write GB18030 or GBK). */
function xmlText(bytes: Buffer): string {
  const declared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/.exec(bytes.toString('latin1', 0, 200))?.[1];
  return declared && !/^utf-?8$/i.test(declared) && iconv.encodingExists(declared) ? iconv.decode(bytes, declared) : bytes.toString('utf8');
}

/** A location inside the package: absolute from its root (`/Doc_0/…`), else relative to `base`'s folder. */
export function resolve(base: string, loc: string): string {
  const raw = loc.startsWith('/') ? loc : `${base.slice(0, base.lastIndexOf('/') + 1)}${loc}`;
  const out: string[] = [];
  for (const seg of raw.split('/')) {
    if (seg === '..') out.pop();
    else if (seg && seg !== '.') out.push(seg);
  }
  return out.join('/');
}
