/**
 * The DOCX a memory budget holds. mammoth parses every XML part into a tree of objects and converts
 * that tree to HTML; a DOCX of a few MiB of XML (a ZIP of a few hundred kB, within every ZIP guard)
 * would otherwise only be stopped by the memory watch, seconds into its conversion. What the tree
 * costs follows its elements, its paragraphs and its text, not its bytes (a run of one bold italic
 * character is 50 bytes of six elements, an attribute-laden Word run several times that), so:
 * - from the directory, before anything is inflated, XML that would not fit even as bare text (the
 *   lightest XML per byte) fails at once;
 * - the XML parts left, a few MiB at most, are inflated and tallied, and a DOCX whose tally needs
 *   more than the budget fails before mammoth starts.
 * Both fail with TOO_LARGE naming the budget needed. The directory cannot lie about sizes:
 * zip-limits.ts checks that no entry inflates to more than it declares.
 * @module
 */
import { humanBytes } from './sizes.js';
import type { ZipDirectoryEntry } from './zip-directory.js';
import type { ZipEntries } from './zip-entries.js';
import { tooLarge } from './zip-limits.js';

const MIB = 1024 * 1024;

/**
 * Resident MiB an extraction child needs besides the document (its code, libraries and mammoth's
 * fixed cost), and per unit of the document's XML. Fitted to the smallest budget at which a
 * compiled child converted DOCX made from LibreOffice's seed.docx, lengthened to 0.5–8 MiB of XML
 * of five kinds (its own body; runs of one bold italic character; one-character paragraphs; bare
 * long paragraphs; Word's attribute-laden runs): 104 MiB + 20.2 per MiB of text + 0.99 per
 * thousand elements + 0.5 per thousand paragraphs + 0.3 per thousand attributes is at most 1 MiB below and
 * at most 32 MiB above every point; the base carries 8 MiB of margin, so that a DOCX the tally admits converts
 * without meeting the watch.
 */
export const CHILD_BASE_MIB = 112;
const MIB_PER_TEXT_MIB = 20.2;
const MIB_PER_K_ELEMENTS = 0.99;
const MIB_PER_K_PARAGRAPHS = 0.5;
const MIB_PER_K_ATTRIBUTES = 0.3;

/** What an XML part holds, for the memory its tree needs. */
export interface XmlTally {
  elements: number;
  paragraphs: number;
  attributes: number;
  /** Bytes outside tags: text, whitespace and entities. */
  textBytes: number;
}

const LT = 0x3c;
const GT = 0x3e;
const EQUALS = 0x3d;
const isLetter = (b: number): boolean => (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7a;
/** `<w:p>` or `<w:p ` opens a paragraph (not `<w:pPr>`). */
const isParagraph = (xml: Buffer, at: number): boolean =>
  xml[at + 1] === 0x77 && xml[at + 2] === 0x3a && xml[at + 3] === 0x70 && (xml[at + 4] === GT || xml[at + 4] === 0x20);

/** Adds an XML part's elements, paragraphs, attributes and text bytes to `tally`: one pass, tag to tag. */
export function tallyXml(xml: Buffer, tally: XmlTally): XmlTally {
  let at = xml.indexOf(LT);
  tally.textBytes += at < 0 ? xml.length : at;
  while (at >= 0) {
    if (isLetter(xml[at + 1] ?? 0)) {
      tally.elements++;
      if (isParagraph(xml, at)) tally.paragraphs++;
    }
    const close = xml.indexOf(GT, at);
    if (close < 0) break;
    for (let i = at + 2; i < close; i++) if (xml[i] === EQUALS) tally.attributes++;
    at = xml.indexOf(LT, close);
    tally.textBytes += (at < 0 ? xml.length : at) - close - 1;
  }
  return tally;
}

/** The budget, in whole MiB, that converting a DOCX of this tally needs. */
export function budgetFor(tally: XmlTally): number {
  return Math.ceil(
    CHILD_BASE_MIB + (tally.textBytes / MIB) * MIB_PER_TEXT_MIB + (tally.elements / 1000) * MIB_PER_K_ELEMENTS + (tally.paragraphs / 1000) * MIB_PER_K_PARAGRAPHS +
      (tally.attributes / 1000) * MIB_PER_K_ATTRIBUTES,
  );
}

/** The most XML, in bytes, a DOCX may declare under a budget of `memoryMb` MiB: as much as bare text would fit in it. */
export function docxXmlCap(memoryMb: number): number {
  return Math.max(0, ((memoryMb - CHILD_BASE_MIB) * MIB) / MIB_PER_TEXT_MIB);
}

const XML_PART = /\.(xml|rels)$/i;

function refuse(what: string, memoryMb: number, needed: number): never {
  throw tooLarge(`${what}, more than the ${memoryMb} MiB memory budget holds (extractMemoryMb): it needs WENSHI_EXTRACT_MEMORY_MB ≥ ${needed}`);
}

/**
 * Throws TOO_LARGE when the XML parts of a DOCX (word/document.xml, styles, numbering, notes, the
 * relationships) declare more unpacked bytes than the budget would hold even as bare text. Reads
 * only the directory's records.
 */
export function checkDocxBudget(entries: readonly ZipDirectoryEntry[], memoryMb: number): void {
  const xml = entries.reduce((sum, e) => sum + (XML_PART.test(e.name) ? e.uncompressedSize : 0), 0);
  if (xml > docxXmlCap(memoryMb)) {
    refuse(`the Word document's XML unpacks to ${humanBytes(xml)}`, memoryMb, budgetFor({ elements: 0, paragraphs: 0, attributes: 0, textBytes: xml }));
  }
}

/**
 * Throws TOO_LARGE when the tally of a DOCX's XML parts needs more than the budget. Call after
 * checkDocxBudget and the ZIP limits: the parts are then a few MiB, inflated one at a time.
 */
export function checkDocxMarkup(parts: ZipEntries, memoryMb: number): void {
  const tally: XmlTally = { elements: 0, paragraphs: 0, attributes: 0, textBytes: 0 };
  for (const name of parts.names) {
    const xml = XML_PART.test(name) ? parts.read(name) : null;
    if (xml) tallyXml(xml, tally);
  }
  const needed = budgetFor(tally);
  if (needed > memoryMb) {
    refuse(`the Word document's XML holds ${tally.elements.toLocaleString('en')} elements and ${humanBytes(tally.textBytes)} of text`, memoryMb, needed);
  }
}
