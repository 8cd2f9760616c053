/**
 * Entities of a document text: persons, places, organisations and dates, each with offsets into
 * the text and the rule that found it. jieba's part-of-speech tags are one piece of evidence; rules
 * for bylines, titles, suffixes and calendars do most of the work on 文史资料.
 * @module
 */
import { extractDates } from './dates.js';
import { extractOrganisations } from './organisations.js';
import { extractPersons } from './persons.js';
import { extractPlaces } from './places.js';
import { fold } from '../search/fold.js';
import { boundaries, tagTokens } from './tokens.js';
import type { Entity, EntityKind } from './types.js';

export { extractDates, ganzhiOf, ganzhiYears } from './dates.js';
export { looksLikeName } from './surnames.js';
export type { Entity, EntityKind } from './types.js';

/** Where two mentions overlap, the first kind here wins (a date is never a name; 桐溪县人民政府 is an organisation). */
const PRIORITY: readonly EntityKind[] = ['date', 'organisation', 'person', 'place'];

/** Non-overlapping mentions: by kind priority, then the longer span, then the earlier. */
function resolve(all: Entity[]): Entity[] {
  const ranked = [...all].sort((a, b) =>
    PRIORITY.indexOf(a.kind) - PRIORITY.indexOf(b.kind) || (b.end - b.start) - (a.end - a.start) || a.start - b.start);
  const taken = new Uint8Array(Math.max(0, ...all.map((e) => e.end)));
  const out: Entity[] = [];
  for (const e of ranked) {
    if (taken.subarray(e.start, e.end).some((x) => x === 1)) continue;
    taken.fill(1, e.start, e.end);
    out.push(e);
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Each entity with its text as the document writes it (the rules read the text folded to simplified characters). */
function asWritten(text: string, found: readonly Entity[]): Entity[] {
  return found.map((e) => ({ ...e, text: text.slice(e.start, e.end) }));
}

/** Every mention each rule finds, overlaps not yet resolved. */
function mentions(text: string): Entity[] {
  // fold keeps every offset, so spans found in the simplified text are spans of the text as written.
  const folded = fold(text);
  const tokens = tagTokens(folded);
  const bounds = boundaries(tokens);
  const places = extractPlaces(folded, tokens, bounds);
  return [
    ...extractDates(text),
    ...asWritten(text, [...extractOrganisations(folded, tokens, places), ...extractPersons(folded, tokens, bounds, places), ...places]),
  ];
}

export function extractEntities(text: string): Entity[] {
  return resolve(mentions(text));
}

/**
 * The span of years a text speaks about, from its normalized dates. A date alone on the last line is
 * when the piece was written (一九八七年五月于桐溪), not what it covers, so it is left out.
 */
export function periodCovered(text: string, entities: readonly Entity[]): { from: number; to: number } | null {
  const body = text.trimEnd();
  const lastStart = body.lastIndexOf('\n') + 1;
  const signed = lastStart > 0 && body.length - lastStart <= 20 && !/[。！？]/.test(body.slice(lastStart));
  const years = entities
    .filter((e) => e.kind === 'date' && e.normalized && !(signed && e.start >= lastStart))
    .map((e) => Number(e.normalized!.slice(0, 4)));
  return years.length ? { from: Math.min(...years), to: Math.max(...years) } : null;
}

/**
 * The names a volume's index lists for a text: every distinct person and place, a place inside an
 * organisation's name included (鞍山 of 鞍山钢铁公司), a name inside a date not.
 */
export function indexNames(text: string): { persons: string[]; places: string[] } {
  const entities = resolve(mentions(text).filter((e) => e.kind !== 'organisation'));
  const of = (kind: EntityKind): string[] => [...new Set(entities.filter((e) => e.kind === kind).map((e) => e.text))];
  return { persons: of('person'), places: of('place') };
}
