/**
 * Translation between our contract and Meilisearch: one record per unit (clause or finding)
 * with the document's fields copied on, filters as filter expressions, and a parsed query back
 * into Meilisearch's query syntax.
 *
 * Literal recall: Meilisearch splits Chinese into words, so a query that cuts across its words
 * (`商民` in `协商民主`) would find nothing. Each record therefore also holds the bigrams of its
 * folded title and text, each written as one ASCII word (`titleGrams`, `textGrams`), and a term of
 * two or more Han characters is searched as the phrase of its bigram words: it matches exactly
 * where the term occurs, as the SQLite engine's bigram columns do. Synonyms are settled when a record
 * is written: a record where any member of a group occurs (a `*` pattern included) holds the
 * group member's token (`synonymTokens`), and a query term with synonyms is searched by that token.
 * @module
 */
import { createHash } from 'node:crypto';
import type { SearchConfig } from '../config.js';
import { fold } from '../fold.js';
import { filterList } from '../options.js';
import type { ParsedQuery, Term } from '../query.js';
import { matcherFor } from '../snippet.js';
import type { IndexDocument, SearchFilters, SearchIn } from '../types.js';
import { documentUnits } from '../units.js';

/** A unit as stored in Meilisearch: searchable fields folded, the original kept for display. */
export interface MeiliRecord {
  id: string;
  docId: string;
  kind: 'clause' | 'finding';
  ord: number;
  title: string;
  heading: string;
  text: string;
  rawTitle: string;
  rawText: string;
  path: string;
  start: number;
  end: number;
  type: string;
  level: string;
  region: string | null;
  issuer: string | null;
  year: number | null;
  date: string | null;
  docNumber: string | null;
  findingId: string | null;
  findingKind: string | null;
  modality: string | null;
  findingKinds: string[];
  /** Bigram words of the folded title and text; see the module comment. */
  titleGrams: string;
  textGrams: string;
  /** The tokens of the synonym-group members whose group occurs in the title or text. */
  synonymTokens: string;
  /** When the record was written (ms since the epoch): a rebuild replays what was written after it started. */
  indexedAt: number;
}

const HAN = /\p{Script=Han}/u;
/** Code point digits as letters: a bigram word must be one Latin word to every tokenizer. */
const LETTERS = 'abcdefghijklmnop';

function letters(codePoint: number, width: number): string {
  let out = '';
  for (let i = width - 1; i >= 0; i--) out += LETTERS[(codePoint >> (4 * i)) & 15];
  return out;
}

/** One bigram as one word: `q` and each character's code point in five letter-digits. */
export function gramWord(pair: string): string {
  const [a, b] = [...pair];
  return `q${letters(a!.codePointAt(0)!, 5)}${letters(b!.codePointAt(0)!, 5)}`;
}

/** The bigram words of each run of Han characters in folded text, in order. */
export function gramWords(folded: string): string[] {
  const out: string[] = [];
  let prev: string | null = null;
  for (const ch of folded) {
    const han = HAN.test(ch);
    if (han && prev !== null) out.push(gramWord(prev + ch));
    prev = han ? ch : null;
  }
  return out;
}

/** The word standing for "any member of this term's synonym group occurs". */
export function synonymWord(member: string): string {
  return `s${[...createHash('sha256').update(member).digest()].slice(0, 8).map((b) => letters(b, 2)).join('')}`;
}

const memberMatchers = new WeakMap<SearchConfig, readonly { word: string; matcher: RegExp }[]>();

/** Tokens of every synonym-group member some alternative of which occurs in the folded text. */
export function synonymWords(folded: string, search: SearchConfig): string[] {
  let members = memberMatchers.get(search);
  if (!members) {
    members = [...search.synonyms].flatMap(([member, alts]) => {
      const matcher = matcherFor(alts);
      return matcher ? [{ word: synonymWord(member), matcher }] : [];
    });
    memberMatchers.set(search, members);
  }
  // search() starts at 0 whatever the matcher's lastIndex.
  return members.filter((m) => folded.search(m.matcher) !== -1).map((m) => m.word);
}

/** Record ids must be `[A-Za-z0-9_-]`; a document id may hold anything, so it is hashed. */
function recordKey(docId: string): string {
  return createHash('sha256').update(docId).digest('hex').slice(0, 24);
}

export function toRecords(doc: IndexDocument, search: SearchConfig, indexedAt = Date.now()): MeiliRecord[] {
  const key = recordKey(doc.id);
  const title = fold(doc.title);
  const titleGrams = gramWords(title).join(' ');
  return documentUnits(doc).map((u) => {
    const text = fold(u.text);
    return {
    id: `${key}-${u.ord}`,
    docId: doc.id,
    kind: u.kind,
    ord: u.ord,
    title,
    heading: fold(u.heading),
    text,
    rawTitle: doc.title,
    rawText: u.text,
    path: u.path,
    start: u.start,
    end: u.end,
    type: doc.type,
    level: doc.level,
    region: doc.region,
    issuer: doc.issuer,
    year: doc.year,
    date: doc.date,
    docNumber: doc.docNumber,
    findingId: u.findingId,
    findingKind: u.findingKind,
    modality: u.modality,
    findingKinds: u.findingKinds,
    titleGrams,
    textGrams: gramWords(text).join(' '),
    synonymTokens: synonymWords(`${title}\n${text}`, search).join(' '),
    indexedAt,
    };
  });
}

/** A string literal in a filter expression. */
export function literal(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function inList(attribute: string, values: readonly string[]): string {
  return `${attribute} IN [${values.map(literal).join(', ')}]`;
}

/** The facet that holds finding kinds for a mode. */
export function kindAttribute(mode: SearchIn): 'findingKind' | 'findingKinds' {
  return mode === 'findings' ? 'findingKind' : 'findingKinds';
}

/** Filters on a document's own fields; each is an attribute of every record of the document. */
const DOC_FILTERS = ['type', 'level', 'region', 'issuer', 'docNumber'] as const;

/** Facets on a document's own fields, asked for alongside the finding kinds. */
export const DOC_FACETS = ['type', 'level', 'region', 'year', 'issuer', 'docNumber'] as const;

/** Filter expressions (ANDed) for a search. */
export function filterExpressions(filters: SearchFilters, mode: SearchIn): string[] {
  const out = [`kind = ${literal(mode === 'findings' ? 'finding' : 'clause')}`];
  for (const name of DOC_FILTERS) {
    const values = filterList(filters[name]);
    if (values.length > 0) out.push(inList(name, values));
  }
  if (filters.yearFrom !== undefined) out.push(`year >= ${filters.yearFrom}`);
  if (filters.yearTo !== undefined) out.push(`year <= ${filters.yearTo}`);
  const kinds = filterList(filters.findingKind);
  if (kinds.length > 0) out.push(inList(kindAttribute(mode), kinds));
  return out;
}

/**
 * One term: its synonym token when it has synonyms; else each run of two or more Han characters
 * as the phrase of its bigram words and anything else as Meilisearch's own words (a lone Han
 * character, Latin words and numbers, which its tokenizer keeps whole).
 */
function termSyntax(term: Term, search: SearchConfig): string[] {
  if (search.synonyms.has(term.text)) return [synonymWord(term.text)];
  const parts: string[] = [];
  for (const m of term.text.matchAll(/(\p{Script=Han}{2,})|([^\p{Script=Han}"]+|\p{Script=Han})/gu)) {
    if (m[1]) parts.push(`"${gramWords(m[1]).join(' ')}"`);
    else if (m[2]!.trim()) parts.push(term.quoted ? `"${m[2]!.trim()}"` : m[2]!.trim());
  }
  return parts;
}

/** The parsed query in Meilisearch syntax: every term literally, as the SQLite engine matches it. */
export function meiliQuery(parsed: ParsedQuery, search: SearchConfig): string {
  return [
    ...parsed.required.flatMap((t) => termSyntax(t, search)),
    ...parsed.excluded.flatMap((t) => termSyntax(t, search).map((s) => `-${s}`)),
  ].join(' ');
}
