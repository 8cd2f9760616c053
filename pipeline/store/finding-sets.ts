/**
 * A document's findings as the archive stores them: one value per document (`finding_sets`), the
 * raw DEFLATE of a JSON array with one array per finding: its id, clause path, type, kind,
 * modality, start and end, then {@link BODY_FIELDS} with 0 for a field the finding lacks (and for
 * `actorFrom` when it is the default), trailing 0s left off. A text field that occurs in the
 * sentence is its place there, `[at, length]`, where that is shorter; the sentence is the
 * document's text between start and end. A row per finding (with its document's id, its own key,
 * and the names of its fields in every body) cost 0.86× the text at 10 % of the scale corpus (1.48×
 * with the kind index and second key the rows had before), a set per document 0.23× (dbstat):
 * findings are read by document, or all of them.
 *
 * Archives made before kept a row per finding in `findings`, its body a JSON object (whole, or
 * with places) or array: {@link findingFromRow} reads those, and the archive moves them into sets
 * on open (archive.ts).
 * @module
 */
import type { Finding } from '../analyze/types.js';
import { packJson, unpackJson } from './packed-text.js';

/** The text fields of a finding that are mostly words of its sentence (the actor, the object…). */
const SPAN_FIELDS = ['marker', 'actor', 'action', 'object', 'deadline', 'condition'] as const;
type SpanField = (typeof SPAN_FIELDS)[number];

/** A span field as stored: its text, or `[at, length]` in the sentence where it occurs there. */
type StoredField = string | [number, number];

/** The fields after the columns, the ones most findings have first, so that rare ones are mostly trailing and left off. */
const BODY_FIELDS = ['rule', 'marker', 'action', 'object', 'actor', 'actorFrom', 'condition', 'sanction', 'deadline', 'quantity', 'frequency'] as const;
type BodyField = (typeof BODY_FIELDS)[number];

/** Where the actor was read when a finding does not say: stated, for a finding that has one. */
const defaultActorFrom = (actor: unknown): Finding['actorFrom'] => (actor ? 'stated' : null);

const IS_SPAN: ReadonlySet<string> = new Set(SPAN_FIELDS);

/** Decimal digits of a non-negative integer. */
const digits = (n: number): number => (n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 10000 ? 4 : String(n).length);

/**
 * A span field's text, or its place in the sentence where `[at, length]` is shorter JSON. The
 * place's length is counted, not stringified; the text's JSON is at least its length and two
 * quotes in UTF-8, so it is stringified only when the place might not be shorter.
 */
function spanValue(sentence: string, v: string): StoredField {
  const at = sentence.indexOf(v);
  if (at < 0) return v;
  const place = digits(at) + digits(v.length) + 3;
  return place < v.length + 2 || place < Buffer.byteLength(JSON.stringify(v)) ? [at, v.length] : v;
}

function bodyValues(f: Finding): unknown[] {
  const values = new Array<unknown>(BODY_FIELDS.length);
  for (let i = 0; i < BODY_FIELDS.length; i++) {
    const field: BodyField = BODY_FIELDS[i]!;
    if (field === 'actorFrom') {
      values[i] = f.actorFrom === defaultActorFrom(f.actor) ? 0 : f.actorFrom;
      continue;
    }
    const v = f[field];
    values[i] = v === null || v === undefined ? 0 : IS_SPAN.has(field) && typeof v === 'string' ? spanValue(f.sentence, v) : v;
  }
  return values;
}

function trimmed(values: unknown[]): unknown[] {
  while (values.length > 0 && values[values.length - 1] === 0) values.pop();
  return values;
}

/** A document's findings as stored, in their order. */
export function packFindings(findings: readonly Finding[]): Buffer {
  const records = findings.map((f) => trimmed([f.id, f.clausePath, f.type, f.kind ?? 0, f.modality ?? 0, f.start, f.end, ...bodyValues(f)]));
  return packJson(records);
}

/** A body as an object, the fields it lacks left out (span fields still as stored). */
type StoredBody = Omit<Partial<Finding>, SpanField> & Partial<Record<SpanField, StoredField | null>>;

function bodyOf(values: readonly unknown[]): StoredBody {
  return Object.fromEntries(BODY_FIELDS.map((field, i) => [field, values[i] ?? 0]).filter(([, v]) => v !== 0)) as StoredBody;
}

/** The columns every finding has, whichever way it was stored. */
interface Columns {
  id: string;
  docId: string;
  clausePath: string;
  type: Finding['type'];
  kind: Finding['kind'];
  modality: Finding['modality'];
  start: number;
  end: number;
}

/** A finding put back together, its fields in the order analyze makes them (reanalyze compares JSON). */
function findingOf(c: Columns, stored: StoredBody, sentence: string): Finding {
  const text = (v: StoredField | null | undefined) => (Array.isArray(v) ? sentence.slice(v[0], v[0] + v[1]) : v ?? null);
  const actor = text(stored.actor);
  return {
    id: c.id, docId: c.docId, clausePath: c.clausePath, sentence, type: c.type, kind: c.kind, modality: c.modality,
    // No actorFrom: the default, or a body stored before it was read, when an actor was as good as stated.
    marker: text(stored.marker), actor, actorFrom: stored.actorFrom ?? defaultActorFrom(actor), action: text(stored.action), object: text(stored.object),
    frequency: stored.frequency ?? null, quantity: stored.quantity ?? null, deadline: text(stored.deadline),
    condition: text(stored.condition), sanction: stored.sanction ?? null, start: c.start, end: c.end, rule: stored.rule ?? '',
  };
}

/** Which findings to read, by the columns every finding has (any string: a value no finding has matches none). */
export interface FindingFilter {
  type?: string;
  kind?: string;
  modality?: string;
}

const passes = (c: Columns, filter: FindingFilter): boolean => (filter.type === undefined || c.type === filter.type)
  && (filter.kind === undefined || c.kind === filter.kind) && (filter.modality === undefined || c.modality === filter.modality);

/**
 * A document's stored findings that pass the filter, read against its text; `text` is called only
 * when one passes (reading every document's findings for a kind leaves most texts packed).
 */
export function unpackFindings(packed: Buffer, docId: string, text: () => string, filter: FindingFilter = {}): Finding[] {
  const records = unpackJson(packed) as unknown[][];
  let docText: string | undefined;
  return records.flatMap((r) => {
    const [id, clausePath, type, kind, modality, start, end] = r as [string, string, Finding['type'], Finding['kind'] | 0, Finding['modality'] | 0, number, number];
    const columns: Columns = { id, docId, clausePath, type, kind: kind || null, modality: modality || null, start, end };
    if (!passes(columns, filter)) return [];
    docText ??= text();
    return [findingOf(columns, bodyOf(r.slice(7)), docText.slice(start, end))];
  });
}

/** A row of the `findings` table of archives made before. */
export interface FindingRow {
  id: string;
  doc_id: string;
  clause_path: string;
  type: Finding['type'];
  kind: Finding['kind'];
  modality: Finding['modality'];
  start: number;
  end: number;
  body: string;
}

/** A finding from a row of an archive made before: its body an object (whole, or with places) or an array. */
export function findingFromRow(r: FindingRow, text: string): Finding {
  const parsed = JSON.parse(r.body) as unknown[] | StoredBody;
  const body = Array.isArray(parsed) ? bodyOf(parsed) : parsed;
  const columns: Columns = { id: r.id, docId: r.doc_id, clausePath: r.clause_path, type: r.type, kind: r.kind, modality: r.modality, start: r.start, end: r.end };
  // Bodies written whole by the first versions carry their sentence.
  return findingOf(columns, body, body.sentence ?? text.slice(r.start, r.end));
}
