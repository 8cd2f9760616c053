/**
 * The XML a DOCX may hold for the extraction's memory budget. mammoth parses every XML part into a
 * tree of objects and converts that tree to HTML, holding some 48 times the XML's bytes at its
 * peak; a DOCX of a few MiB of XML (a ZIP of a few hundred kB, within every ZIP guard) would
 * otherwise only be stopped by the memory watch, seconds into its conversion. So the declared
 * (central-directory) unpacked sizes of its XML parts are summed before anything is inflated, and a
 * sum over what the budget holds fails at once with TOO_LARGE naming the budget it needs. The
 * directory cannot lie about them: zip-limits.ts then checks that no entry inflates to more than it
 * declares.
 * @module
 */
import { humanBytes } from './sizes.js';
import type { ZipDirectoryEntry } from './zip-directory.js';
import { tooLarge } from './zip-limits.js';

const MIB = 1024 * 1024;

/**
 * Resident MiB an extraction child needs per MiB of a DOCX's XML, and what it needs besides (its
 * code, libraries and mammoth's fixed cost). Measured as the smallest budget at which a compiled
 * child converted real DOCX made by LibreOffice 7.4 from HTML of plain paragraphs (a heading every
 * 50): 0.60 MiB of XML needed 146 MiB, 2.36 → 223, 4.71 → 340, 9.42 → 557; a line through them is
 * 111 + 47 × XML MiB, and 125 + 48 × bounds every point by 8 to 20 MiB. Heavier markup (runs of a
 * character each, bold and italic) needs more per byte; those still meet the memory watch.
 */
export const MIB_PER_XML_MIB = 48;
export const CHILD_BASE_MIB = 125;

/** The most XML, in bytes, a DOCX may hold under a budget of `memoryMb` MiB: (budget − 125 MiB) / 48. */
export function docxXmlCap(memoryMb: number): number {
  return Math.max(0, ((memoryMb - CHILD_BASE_MIB) * MIB) / MIB_PER_XML_MIB);
}

/** The budget, in whole MiB, that holds `xmlBytes` of a DOCX's XML. */
export function budgetFor(xmlBytes: number): number {
  return Math.ceil(CHILD_BASE_MIB + (xmlBytes / MIB) * MIB_PER_XML_MIB);
}

const XML_PART = /\.(xml|rels)$/i;

/**
 * Throws TOO_LARGE when the XML parts of a DOCX (word/document.xml, styles, numbering, notes, the
 * relationships) declare more unpacked bytes than the `memoryMb` budget holds. Reads only the
 * directory's records.
 */
export function checkDocxBudget(entries: readonly ZipDirectoryEntry[], memoryMb: number): void {
  const xml = entries.reduce((sum, e) => sum + (XML_PART.test(e.name) ? e.uncompressedSize : 0), 0);
  const cap = docxXmlCap(memoryMb);
  if (xml > cap) {
    throw tooLarge(
      `the Word document's XML unpacks to ${humanBytes(xml)}, over the ${humanBytes(Math.floor(cap))} the ${memoryMb} MiB memory budget ` +
        `holds (extractMemoryMb; converting holds some ${MIB_PER_XML_MIB} times the XML): it needs WENSHI_EXTRACT_MEMORY_MB ≥ ${budgetFor(xml)}`,
    );
  }
}
