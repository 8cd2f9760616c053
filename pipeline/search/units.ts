/**
 * What gets indexed for a document: its clauses and findings as search units, and the
 * IndexDocument built from a stored DocumentRecord.
 * @module
 */
import { normalizeDocNumber } from '../doc-number.js';
import type { DocumentRecord, Section } from '../types.js';
import type { IndexDocument, IndexFinding, Unit } from './types.js';

/** The IndexDocument for a classified document, with the findings analyze read from it. */
export function toIndexDocument(record: Pick<DocumentRecord, 'id' | 'meta' | 'text' | 'sections'>, findings?: readonly IndexFinding[]): IndexDocument {
  const { meta } = record;
  return {
    id: record.id,
    title: meta.title,
    type: meta.type,
    level: meta.level,
    region: meta.region,
    issuer: meta.issuer,
    year: meta.year,
    date: meta.date,
    docNumber: meta.docNumber ? normalizeDocNumber(meta.docNumber) : null,
    text: record.text,
    sections: record.sections,
    ...(findings ? { findings: [...findings] } : {}),
  };
}

/** Sections with no other section inside them. */
function leafSections(sections: readonly Section[]): Section[] {
  return sections.filter(
    (s) => !sections.some((t) => t !== s && t.depth > s.depth && t.start >= s.start && t.end <= s.end),
  );
}

/** The innermost section holding the offset, if any. */
function enclosing(sections: readonly Section[], at: number): Section | undefined {
  let best: Section | undefined;
  for (const s of sections) if (s.start <= at && at < s.end && (!best || s.depth > best.depth)) best = s;
  return best;
}

interface Span {
  start: number;
  end: number;
  path: string;
  heading: string;
}

/** Non-blank lines of `text` between `from` and `to`, trimmed, as spans. */
function paragraphSpans(text: string, from: number, to: number, sections: readonly Section[]): Span[] {
  const spans: Span[] = [];
  let lineStart = from;
  while (lineStart < to) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl === -1 || nl > to ? to : nl;
    let s = lineStart;
    let e = lineEnd;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) {
      const owner = enclosing(sections, s);
      spans.push({ start: s, end: e, path: owner?.path ?? '', heading: owner?.heading ?? '' });
    }
    lineStart = lineEnd + 1;
  }
  return spans;
}

/**
 * Clause spans: every leaf section, plus each non-blank paragraph of text no leaf covers, under
 * the path of the section around it ('' outside all sections). A document without sections is
 * therefore indexed paragraph by paragraph, and no text of any document is left unsearchable.
 */
export function clauseSpans(doc: Pick<IndexDocument, 'text' | 'sections'>): Span[] {
  const leaves = leafSections(doc.sections).sort((a, b) => a.start - b.start);
  const spans: Span[] = [];
  let covered = 0;
  for (const leaf of leaves) {
    if (leaf.start > covered) spans.push(...paragraphSpans(doc.text, covered, leaf.start, doc.sections));
    spans.push({ start: leaf.start, end: leaf.end, path: leaf.path, heading: leaf.heading });
    covered = Math.max(covered, leaf.end);
  }
  spans.push(...paragraphSpans(doc.text, covered, doc.text.length, doc.sections));
  return spans;
}

/** A finding's kind for filtering and facets: its kind, or its type when it has none. */
export function findingKindOf(f: IndexFinding): string {
  return f.kind ?? f.type;
}

/** The units of a document: clauses in text order, then findings. */
export function documentUnits(doc: IndexDocument): Unit[] {
  const findings = doc.findings ?? [];
  const clauses: Unit[] = clauseSpans(doc).map((span, ord) => ({
    kind: 'clause',
    ord,
    ...span,
    text: doc.text.slice(span.start, span.end),
    findingId: null,
    findingKind: null,
    modality: null,
    findingKinds: [],
  }));
  for (const f of findings) {
    const owner = clauses.find((c) => c.start <= f.start && f.start < c.end)
      ?? clauses.find((c) => c.path === f.clausePath);
    const kind = findingKindOf(f);
    if (owner && !owner.findingKinds.includes(kind)) owner.findingKinds.push(kind);
  }
  const findingUnits: Unit[] = findings.map((f, i) => ({
    kind: 'finding',
    ord: clauses.length + i,
    path: f.clausePath,
    heading: '',
    start: f.start,
    end: f.end,
    text: f.sentence,
    findingId: f.id,
    findingKind: findingKindOf(f),
    modality: f.modality,
    findingKinds: [],
  }));
  return [...clauses, ...findingUnits];
}
