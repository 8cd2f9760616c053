/**
 * Running a search on the SQLite file. The match is evaluated once, in one statement that returns
 * the document of every matched unit (the document is in the unit id) and the requested page ranked
 * with bm25(). Total and facets are counted from those document numbers against an in-memory
 * table of documents without looking any unit up; only the page's units are loaded and given snippets.
 * The engine runs a search inside one read transaction, so all its statements read one snapshot:
 * a rebuild swapping generations, or a write, never falls between the match and the page's units.
 * A query searched before in this process is ranked by the top-list statement instead (toplists.ts,
 * TopLists.admit), and a frequent one's list is kept: its next searches, filtered ones too, read the
 * list without the match.
 * @module
 */
import type Database from 'better-sqlite3';
import type { DocType, Level } from '../../types.js';
import { filterList, type ResolvedQuery } from '../options.js';
import { highlightAlternatives } from '../query.js';
import { makeSnippet, matcherFor } from '../snippet.js';
import type { SearchHit, SearchResult } from '../types.js';
import { buildDocTable, countFacets, type DocRow, type DocTable } from './doc-table.js';
import { matchPlan, termsMatch, type MatchPlan } from './match.js';
import { DOC_SHIFT, DOC_TABLE_COLUMNS, FTS_COLUMNS, maskBits, TEXT_CHUNK, UNIT_KIND, type FtsColumn, type TableSet } from './schema.js';
import { nativeRanking } from './native.js';
import { PhraseCounts } from './ranking.js';
import { readDictionary, unpackChunk, type ArchivedTexts } from './text-chunks.js';
import { unitRecord } from './unit-sets.js';
import { answerFromList, LIST_MIN_UNITS, LIST_SIZE, listFromRows, TopLists, type MadeList, type Stamp, type TopList } from './toplists.js';

/** bm25() weight of each column: title > heading > body, the literal phrases alongside. */
export const COLUMN_WEIGHTS: Record<FtsColumn, number> = { t: 10, h: 4, b: 1, bt: 3, bb: 0.5 };

/** bm25()'s weight arguments, in the table's column order. */
export const BM25_WEIGHTS = FTS_COLUMNS.map((c) => COLUMN_WEIGHTS[c]).join(', ');

/**
 * Findings have no word columns (see schema.ts): their body bigrams take the body words' weight.
 * (With bigrams at 0.5, findings mode on the judged queries, a finding counted relevant in a relevant
 * clause: MRR 0.816, P@5 0.330, nDCG@10 0.545; at 1: 0.841, 0.340, 0.554.)
 */
export const FINDING_BM25_WEIGHTS = FTS_COLUMNS.map((c) => (c === 'bb' ? COLUMN_WEIGHTS.b : COLUMN_WEIGHTS[c])).join(', ');

/**
 * A term that scores no unit above this when searched alone adds less than this to any unit's
 * score: FTS5 clamps the IDF of a phrase found in half the rows or more to 1e-6, so such a phrase
 * adds under 2.2e-6 (bm25's k1 + 1 times it). 条例, in most documents' titles, is one.
 */
const NEGLIGIBLE = 1e-5;

/** The matching units of a query as a FROM/WHERE pair; `R` is the unit id (FTS5 rowid). */
interface Scope {
  from: string;
  R: string;
  where: string;
  params: unknown[];
  score: string;
}

/** A page's document, with what its hits show. */
interface DetailRow {
  n: number;
  /** The document's units, packed (unit-sets.ts). */
  units: Buffer;
  /** Where each chunk of the document's deflated text ends (see schema.ts); null: the archive holds the text. */
  textEnds: Buffer | null;
  docId: string;
  title: string;
  type: DocType;
  level: Level;
  region: string | null;
  date: string | null;
  docNumber: string | null;
}

function placeholders(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ');
}

/** Filters on a document's own fields, and the column of `docs` each reads. */
const DOC_FILTER_COLUMNS = [['type', 'type'], ['level', 'level'], ['region', 'region'], ['issuer', 'issuer'], ['docNumber', 'doc_number']] as const;

/**
 * The matching units of a query; `ranking`, when given, is the MATCH whose bm25() ranks them (some
 * of the query's terms: see SqliteSearcher.#ranking), and the query's own MATCH only selects them.
 */
function scopeOf(query: ResolvedQuery, plan: MatchPlan, t: TableSet, ranking: string | null, counts: PhraseCounts | null): Scope {
  const findings = query.in === 'findings';
  // Without a match, a full scan of the FTS5 table gives every unit's id (its rowid).
  const R = `${t.fts}.rowid`;
  const where = [`(${R} & 1) = ${findings ? UNIT_KIND.finding : UNIT_KIND.clause}`];
  const params: unknown[] = [];
  if (plan.match) {
    where.unshift(`${t.fts} MATCH ?`);
    params.push(ranking ?? plan.match);
    if (ranking) {
      // `+`: handed to FTS5 as rowids, each one would be a new scan of the ranking's IDFs.
      where.push(`+${R} IN (SELECT rowid FROM ${t.fts} WHERE ${t.fts} MATCH ?)`);
      params.push(plan.match);
    }
  } else if (plan.exclude) {
    where.push(`${R} NOT IN (SELECT rowid FROM ${t.fts} WHERE ${t.fts} MATCH ?)`);
    params.push(plan.exclude);
  }

  const { filters } = query;
  const docConditions: string[] = [];
  for (const [name, column] of DOC_FILTER_COLUMNS) {
    const values = filterList(filters[name]);
    if (values.length === 0) continue;
    docConditions.push(`${column} IN (${placeholders(values)})`);
    params.push(...values);
  }
  if (filters.yearFrom !== undefined) {
    docConditions.push('year >= ?');
    params.push(filters.yearFrom);
  }
  if (filters.yearTo !== undefined) {
    docConditions.push('year <= ?');
    params.push(filters.yearTo);
  }
  if (docConditions.length > 0) where.push(`(${R} >> ${DOC_SHIFT}) IN (SELECT n FROM ${t.docs} WHERE ${docConditions.join(' AND ')})`);

  const kinds = filterList(filters.findingKind);
  if (kinds.length > 0) {
    // A lookup of each matched unit's mask; the asked kinds' mask is computed once.
    where.push(`(SELECT kinds FROM ${t.unitKinds} WHERE unit = ${R}) & (SELECT coalesce(sum(1 << bit), 0) FROM ${t.kindBits} WHERE name IN (${placeholders(kinds)})) <> 0`);
    params.push(...kinds);
  }
  const weights = findings ? FINDING_BM25_WEIGHTS : BM25_WEIGHTS;
  let score = '0';
  if (plan.match && counts) {
    // The score comes before the conditions in every statement that reads a scope: its counts are the first parameter.
    params.unshift(counts.of(ranking ?? plan.match));
    score = `-bm25c(${t.fts}, ?, ${weights})`;
  } else if (plan.match) score = `-bm25(${t.fts}, ${weights})`;
  return { from: t.fts, R, where: where.join(' AND '), params, score };
}

const MAX_STATEMENTS = 200;

/**
 * One statement, one evaluation of the match: the matched units (id, document, score) are
 * materialized once, then read for each part of the result: the document of every matched unit as
 * one string (the row tagged 0; a GROUP BY per document would sort them), the requested page ranked
 * (tagged 1: for documents, each document's best unit) and, when asked for, the finding-kind facet
 * (tagged 2: the kind masks of matched findings, or of the findings read from matched clauses, with
 * their count of units; for documents, with each document that has the mask, counted in JavaScript).
 */
function matchSql(scope: Scope, query: ResolvedQuery, kinds: boolean, t: TableSet): string {
  const { from, R, where, score } = scope;
  const byDate = query.sort === 'date' ? 'd.date IS NULL, d.date DESC, ' : '';
  const perDocument = query.in === 'documents';
  const kindFacet = !kinds ? ''
    : `UNION ALL SELECT 2, uk.kinds, ${perDocument ? 'm.dn' : 'count(*)'} FROM m ${joinKinds(t)} GROUP BY uk.kinds${perDocument ? ', m.dn' : ''}`;
  return `WITH m AS MATERIALIZED (SELECT ${R} >> ${DOC_SHIFT} AS dn, ${R} AS id, ${score} AS s FROM ${from} WHERE ${where})
    SELECT 0, group_concat(dn), count(*) FROM m
    UNION ALL
    SELECT * FROM (SELECT 1, g.id, g.s FROM (${rankedSql(query)}) g ${byDate ? `JOIN ${t.docs} d ON d.n = g.dn` : ''}
      ORDER BY ${byDate}g.s DESC, g.id LIMIT ? OFFSET ?)
    ${kindFacet}`;
}

/**
 * Joins each matched unit of `m` that has finding kinds to their mask, `uk.kinds`. CROSS JOIN keeps
 * `m` the outer loop: left to choose, the planner scanned all of unit_kinds against a rare word's
 * few matches (4 ms a search, where the lookups take 0.1).
 */
function joinKinds(t: TableSet): string {
  return `CROSS JOIN ${t.unitKinds} uk ON uk.unit = m.id`;
}

/** The ranked entries of the matched units `m`: each unit, or (documents) each document's best unit. */
function rankedSql(query: ResolvedQuery): string {
  // max(s) makes the bare column `id` that of each document's best unit.
  return query.in === 'documents' ? 'SELECT dn, id, max(s) AS s FROM m GROUP BY dn' : 'SELECT dn, id, s FROM m';
}

/**
 * A top list's statement (see toplists.ts): the match and ranking of {@link matchSql} for the
 * unfiltered query, its first LIST_SIZE entries, and the finding-kind facet per document, so that
 * document filters can be applied to the counts afterwards.
 */
function listSql(scope: Scope, query: ResolvedQuery, t: TableSet): string {
  const { from, R, where, score } = scope;
  const kindRows = `SELECT 2, m.dn, count(*), uk.kinds FROM m ${joinKinds(t)} GROUP BY uk.kinds, m.dn`;
  return `WITH m AS MATERIALIZED (SELECT ${R} >> ${DOC_SHIFT} AS dn, ${R} AS id, ${score} AS s FROM ${from} WHERE ${where})
    SELECT 0, group_concat(dn), count(*), NULL FROM m
    UNION ALL
    SELECT * FROM (SELECT 1, g.id, g.s, NULL FROM (${rankedSql(query)}) g ORDER BY g.s DESC, g.id LIMIT ${LIST_SIZE})
    UNION ALL
    ${kindRows}`;
}

export class SqliteSearcher {
  readonly #db: Database.Database;
  readonly #t: TableSet;
  #docs: DocTable | undefined;
  #docsVersion = -1;
  readonly #statements = new Map<string, Database.Statement>();
  readonly #lists: TopLists | null;
  readonly #archived: ArchivedTexts | null;
  /** The phrases' row counts bm25c ranks with; null where the extension is missing (bm25() ranks). */
  readonly #counts: PhraseCounts | null;
  /** Finding kinds by bit (see schema.ts), read when a mask has one not read yet. */
  #bitNames: string[] = [];

  /**
   * Searches the tables of one generation (see schema.ts); the caller holds the read transaction.
   * Snippets of documents without a text of their own are cut from `archived`'s.
   */
  constructor(db: Database.Database, t: TableSet, topLists: boolean, archived: ArchivedTexts | null = null) {
    this.#db = db;
    this.#t = t;
    this.#lists = topLists ? new TopLists(db, t) : null;
    this.#archived = archived;
    this.#counts = nativeRanking(db) ? new PhraseCounts(db, t) : null;
  }

  #prepare(sql: string): Database.Statement {
    let st = this.#statements.get(sql);
    if (!st) {
      // Statements differ by filter combination; a bound keeps odd combinations from piling up.
      if (this.#statements.size >= MAX_STATEMENTS) this.#statements.clear();
      st = this.#db.prepare(sql);
      this.#statements.set(sql, st);
    }
    return st;
  }

  search(query: ResolvedQuery): SearchResult {
    const t = this.#t;
    const plan = matchPlan(query.parsed);
    const matcher = () => matcherFor(highlightAlternatives(query.parsed));
    const listed = this.#listFor(query, plan);
    if (listed?.list) {
      const answer = answerFromList(listed.list, query, this.#docTable());
      if (answer) return { total: answer.total, facets: answer.facets, hits: this.#hits(answer.page, matcher()) };
    }
    const ranking = listed ? this.#ranking(query, plan, listed.stamp) : null;
    // Without a list, searched before in this process (TopLists.admit): its list is made, kept when the query is
    // frequent, and answers this search when enough of its entries pass the filters for the page.
    if (listed && !listed.list && this.#lists!.admit(listed.key, listed.stamp)) {
      const answer = answerFromList(this.#makeList(query, plan, ranking, listed.key, listed.stamp).list, query, this.#docTable());
      if (answer) return { total: answer.total, facets: answer.facets, hits: this.#hits(answer.page, matcher()) };
    }
    const scope = scopeOf(query, plan, t, ranking, this.#counts);
    // Units carry finding kinds only once findings are indexed; without any, the facet's join is skipped.
    const kinds = query.in === 'findings' || this.#prepare(`SELECT EXISTS (SELECT 1 FROM ${t.unitKinds})`).pluck().get() === 1;
    const rows = this.#prepare(matchSql(scope, query, kinds, t)).raw(true)
      .all(...scope.params, query.limit, (query.page - 1) * query.limit) as [0 | 1 | 2, number | string | null, number][];
    let docNumbers: string | null = null;
    const page: [number, number][] = [];
    const kindRows: [number, number][] = [];
    for (const [tag, a, b] of rows) {
      if (tag === 0) docNumbers = a as string | null;
      else if (tag === 1) page.push([Number(a), b]);
      else kindRows.push([Number(a), b]);
    }
    const { total, facets } = countFacets(docNumbers, this.#docTable(), query.in === 'documents');
    facets.findingKind = this.#kindCounts(kindRows, query.in === 'documents');
    return { total, facets, hits: this.#hits(page, matcher()) };
  }

  /**
   * The top list a query may be answered from: its key, the index's stamp and the list, if one
   * was made from this state of the index. Null when lists are off or cannot rank the query
   * (nothing to match, or newest first).
   */
  #listFor(query: ResolvedQuery, plan: MatchPlan): { key: string; stamp: Stamp; list: TopList | undefined } | null {
    if (!this.#lists || plan.match === null || query.sort !== 'relevance') return null;
    const key = `${query.in} ${plan.match}`;
    const stamp = this.#lists.stamp();
    return { key, stamp, list: this.#lists.get(key, stamp) };
  }

  /**
   * The MATCH that ranks a query of several terms without those that cannot change its order: a
   * term whose own list, made from this state of the index, scores no unit above NEGLIGIBLE. Its
   * units stay those the whole query matches; bm25() no longer counts the left-out phrases' rows
   * for its IDFs, a scan of each one's whole doclist (条例's: 370,000 rows, ~9 ms, at full scale).
   * Null when every term ranks.
   */
  #ranking(query: ResolvedQuery, plan: MatchPlan, stamp: Stamp): string | null {
    if (plan.terms.length < 2) return null;
    // Documents are ranked by their best clause: the clauses' list bounds them too.
    const units = query.in === 'findings' ? 'findings' : 'clauses';
    const negligible = plan.terms.map(({ alone }) => {
      const best = alone === null ? undefined : this.#lists!.best(`${units} ${alone}`, stamp);
      return best !== undefined && best < NEGLIGIBLE;
    });
    if (!negligible.includes(true)) return null;
    // Terms that all add (almost) nothing: one of them ranks.
    if (negligible.every(Boolean)) negligible[0] = false;
    return termsMatch(plan, (i) => !negligible[i]);
  }

  /**
   * The list of the query without its filters, kept (in memory, and written after the search) when it
   * matches at least LIST_MIN_UNITS units; a smaller one still answers the search that made it.
   */
  #makeList(query: ResolvedQuery, plan: MatchPlan, ranking: string | null, key: string, stamp: Stamp, warm = false): { list: TopList; kept: boolean } {
    const scope = scopeOf({ ...query, filters: {} }, plan, this.#t, ranking, this.#counts);
    const rows = this.#prepare(listSql(scope, query, this.#t)).raw(true).all(...scope.params) as Parameters<typeof listFromRows>[0];
    const { list, units } = listFromRows(rows, query.in === 'documents', (mask) => this.#kindNames(mask));
    const kept = units >= LIST_MIN_UNITS;
    if (kept) this.#lists!.add(key, stamp, list, warm);
    else this.#lists!.tooSmall(key, stamp);
    return { list, kept };
  }

  /**
   * Makes the top list of an unfiltered query when it has none for this state of the index and
   * matches at least LIST_MIN_UNITS units; true when the query has a list now.
   */
  warm(query: ResolvedQuery, plan: MatchPlan = matchPlan(query.parsed)): boolean {
    const listed = this.#listFor(query, plan);
    if (!listed) return false;
    // A list a search made first is written again, marked warm (see STORED_LISTS).
    if (listed.list !== undefined) this.#lists!.add(listed.key, listed.stamp, listed.list, true);
    return listed.list !== undefined || this.#makeList(query, plan, this.#ranking(query, plan, listed.stamp), listed.key, listed.stamp, true).kept;
  }

  /**
   * The finding-kind facet from (mask, units) rows, or for documents (mask, document) rows, each
   * document counted once a kind; kinds in name order, as before masks.
   */
  #kindCounts(rows: readonly [number, number][], perDocument: boolean): Record<string, number> {
    const units = new Map<string, number>();
    const docs = new Map<string, Set<number>>();
    for (const [mask, n] of rows) {
      for (const kind of this.#kindNames(mask)) {
        if (!perDocument) units.set(kind, (units.get(kind) ?? 0) + n);
        else if (docs.has(kind)) docs.get(kind)!.add(n);
        else docs.set(kind, new Set([n]));
      }
    }
    const counts = perDocument ? new Map([...docs].map(([kind, set]) => [kind, set.size])) : units;
    return Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  /** The names of a mask's kinds; bits are only ever added, so the table is read again only for a new one. */
  #kindNames(mask: number): string[] {
    const bits = maskBits(mask);
    if (bits.some((bit) => this.#bitNames[bit] === undefined)) {
      this.#bitNames = [];
      for (const [bit, name] of this.#prepare(`SELECT bit, name FROM ${this.#t.kindBits}`).raw(true).all() as [number, string][]) this.#bitNames[bit] = name;
    }
    return bits.map((bit) => this.#bitNames[bit] ?? `kind ${bit}`);
  }

  /**
   * The lists made since the last call and not yet written, taken away from {@link persist}:
   * a warming thread's, which hands them to the engine's own searcher ({@link adoptLists}).
   */
  takeLists(): MadeList[] {
    return this.#lists?.takePending() ?? [];
  }

  /** Keeps lists another searcher made (a warming thread's), to be written by {@link persist}. */
  adoptLists(lists: readonly MadeList[]): void {
    for (const { key, stamp, list, warm } of lists) this.#lists?.add(key, stamp, list, warm);
  }

  /** True when this searcher ranks with bm25c and the phrases' counts (ranking.ts). */
  get ranksNatively(): boolean {
    return this.#counts !== null;
  }

  /**
   * The rows each phrase matches, counted or read once for this state of the index (inside the
   * caller's read transaction); null without native ranking, which is what they are for.
   */
  countPhrases(phrases: readonly string[]): { stamp: Stamp; counts: [string, number][] } | null {
    return this.#counts?.count(phrases) ?? null;
  }

  /** Keeps phrase counts another searcher made (a warming thread's), to be written by {@link persist}. */
  adoptCounts(stamp: Stamp, counts: readonly [string, number][]): void {
    this.#counts?.adopt(stamp, counts);
  }

  /** Writes the lists and phrase counts made since the last call to the file; outside the read transaction. */
  persist(): void {
    this.#lists?.persist();
    this.#counts?.persist();
  }

  /** Forgets the document table; called after this connection writes. */
  invalidate(): void {
    this.#docs = undefined;
  }

  /** Facet values of every document by number, reloaded when any connection has written since. */
  #docTable(): DocTable {
    const version = this.#prepare('PRAGMA data_version').pluck().get() as number;
    if (!this.#docs || version !== this.#docsVersion) {
      const rows = this.#prepare(`SELECT ${DOC_TABLE_COLUMNS} FROM ${this.#t.docs}`).raw(true).all() as DocRow[];
      this.#docs = buildDocTable(rows);
      this.#docsVersion = version;
    }
    return this.#docs;
  }

  /** The document's text between start and end, from the chunks holding it (see schema.ts). */
  #span(n: number, textEnds: Buffer, start: number, end: number, dictionary: Buffer | null): string {
    if (end <= start) return '';
    const first = Math.floor(start / TEXT_CHUNK);
    const last = Math.floor((end - 1) / TEXT_CHUNK);
    const chunkEnd = (i: number) => (i < 0 ? 0 : textEnds.readUInt32LE(4 * i));
    const from = chunkEnd(first - 1);
    const bytes = this.#prepare(`SELECT substr(text, ?, ?) FROM ${this.#t.docs} WHERE n = ?`).pluck()
      .get(from + 1, chunkEnd(last) - from, n) as Buffer;
    let text = '';
    for (let i = first; i <= last; i++) text += unpackChunk(bytes.subarray(chunkEnd(i - 1) - from, chunkEnd(i) - from), dictionary);
    const at = start - first * TEXT_CHUNK;
    return text.slice(at, at + end - start);
  }

  #hits(page: readonly [number, number][], matcher: RegExp | null): SearchHit[] {
    if (page.length === 0) return [];
    const t = this.#t;
    const docOf = (id: number) => Math.floor(id / 2 ** DOC_SHIFT);
    const rows = this.#prepare(`SELECT n, units, text_ends AS textEnds, id AS docId, title, type, level, region, date,
        doc_number AS docNumber FROM ${t.docs} WHERE n IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify([...new Set(page.map(([id]) => docOf(id)))])) as DetailRow[];
    const byNumber = new Map(rows.map((r) => [r.n, r]));
    const docs = page.map(([id]) => byNumber.get(docOf(id))!);
    const units = page.map(([id], i) => unitRecord(docs[i]!.units, (id % 2 ** DOC_SHIFT) >> 1));
    const byCode = <T>(sql: string, codes: number[]) => new Map(this.#prepare(sql).raw(true).all(JSON.stringify(codes)) as [number, T][]);
    const paths = byCode<string>(`SELECT code, name FROM ${t.names} WHERE code IN (SELECT value FROM json_each(?))`, units.map((u) => u.path));
    const extraIds = page.filter((_, i) => units[i]!.extra).map(([id]) => id);
    const extras = extraIds.length === 0 ? new Map<number, [string | null, string | null]>()
      : new Map((this.#prepare(`SELECT unit, text, finding_id FROM ${t.unitExtras} WHERE unit IN (SELECT value FROM json_each(?))`)
        .raw(true).all(JSON.stringify(extraIds)) as [number, string | null, string | null][]).map(([id, ...e]) => [id, e]));
    const dictionary = readDictionary((sql) => this.#prepare(sql), t);
    // Spans of documents whose text only the archive keeps, read together: '' where it no longer holds one.
    const fromArchive = docs.flatMap((d, i) => (d.textEnds === null ? [i] : []));
    const spans = fromArchive.length === 0 ? [] : this.#archived?.spans(fromArchive.map((i) => ({ id: docs[i]!.docId, start: units[i]!.start, end: units[i]!.end })));
    const archived = new Map(fromArchive.map((i, k) => [i, spans?.[k] ?? '']));
    return page.map(([id, score], i) => {
      const d = docs[i]!;
      const u = units[i]!;
      const [ownText, findingId] = extras.get(id) ?? [null, u.findingId];
      return {
        docId: d.docId,
        title: d.title,
        type: d.type,
        level: d.level,
        region: d.region,
        date: d.date,
        docNumber: d.docNumber,
        clausePath: paths.get(u.path)!,
        snippet: makeSnippet(ownText ?? (d.textEnds === null ? archived.get(i)! : this.#span(d.n, d.textEnds, u.start, u.end, dictionary)), matcher),
        score,
        start: u.start,
        end: u.end,
        ...(findingId !== null ? { findingId } : {}),
      };
    });
  }
}
