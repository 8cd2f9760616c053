/**
 * A document's sections as the archive stores them: one value per document (`section_sets`), the
 * raw DEFLATE of a JSON array with one array per section: path, label, heading, kind, depth, start,
 * end. A heading that is words of its own section (most are: 第一条 …, 一、…) is its place in the
 * document's text, `[at, length]`; headings are the opening words of their sections, a third of
 * the text again. A row per section (its document's id and key in each) cost 0.35× the text at
 * 10 % of the scale corpus, a set per document 0.09× (dbstat): sections are only read by document.
 *
 * Archives made before kept a row per section in `sections`: {@link sectionFromRow} reads those,
 * and the archive moves them into sets on open (archive.ts).
 * @module
 */
import type { Section } from '../types.js';
import { packJson, unpackJson } from './packed-text.js';

type Record = [path: string, label: string, heading: string | [number, number], kind: Section['kind'], depth: number, start: number, end: number];

/** A document's sections as stored, in their order. */
export function packSections(sections: readonly Section[], text: string): Buffer {
  return packJson(sections.map((s): Record => {
    const at = s.heading ? text.indexOf(s.heading, s.start) : -1;
    const heading: Record[2] = at >= 0 && at + s.heading.length <= s.end ? [at, s.heading.length] : s.heading;
    return [s.path, s.label, heading, s.kind, s.depth, s.start, s.end];
  }));
}

/** A document's stored sections, their headings read from its text. */
export function unpackSections(packed: Buffer, text: string): Section[] {
  return (unpackJson(packed) as Record[]).map(([path, label, heading, kind, depth, start, end]) => ({
    path, label, heading: typeof heading === 'string' ? heading : text.slice(heading[0], heading[0] + heading[1]), kind, depth, start, end,
  }));
}

/** A row of the `sections` table of archives made before: the heading as text, or '' and its span (no span columns in the first archives). */
export interface SectionRow {
  path: string;
  label: string;
  heading: string;
  kind: Section['kind'];
  depth: number;
  start: number;
  end: number;
  heading_at?: number | null;
  heading_end?: number | null;
}

export function sectionFromRow(s: SectionRow, text: string): Section {
  const heading = s.heading_at == null || s.heading_end == null ? s.heading : text.slice(s.heading_at, s.heading_end);
  return { path: s.path, label: s.label, heading, kind: s.kind, depth: s.depth, start: s.start, end: s.end };
}
