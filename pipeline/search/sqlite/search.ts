/**
 * Running a search on the SQLite file. The match is evaluated once, in one statement that returns
 * the matched units per document (the document is in the unit id) and the requested page ranked
 * with bm25(). Total and facets are counted from the per-document numbers against an in-memory
 * table of documents without looking any unit up; only the page's units are loaded and given snippets.
 * @module
 */
import type Database from 'better-sqlite3';
import type { DocType } from '../../types.js';
import { emptyFacets } from '../facets.js';
import { filterList, type ResolvedQuery } from '../options.js';
import { highlightAlternatives } from '../query.js';
import { makeSnippet, matcherFor } from '../snippet.js';
import type { FacetName, Facets, SearchHit, SearchResult } from '../types.js';
import { matchPlan } from './match.js';
import { DOC_SHIFT, UNIT_KIND } from './schema.js';

/** bm25() weights for t, h, b, bt, bb: title > heading > body, the literal phrases alongside. */
const WEIGHTS = [10, 4, 1, 3, 0.5] as const;

/** The matching units of a query as a FROM/WHERE pair; `R` is the unit id (FTS5 rowid). */
interface Scope {
  from: string;
  R: string;
  where: string;
  params: unknown[];
  score: string;
}

interface DetailRow {
  id: number;
  path: string;
  start: number;
  end: number;
  text: string;
  findingId: string | null;
  docId: string;
  title: string;
  type: DocType;
}

function placeholders(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ');
}

function scopeOf(query: ResolvedQuery): Scope {
  const plan = matchPlan(query.parsed);
  const findings = query.in === 'findings';
  const R = plan.match ? 'units_fts.rowid' : 'units.id';
  const where = [`(${R} & 1) = ${findings ? UNIT_KIND.finding : UNIT_KIND.clause}`];
  const params: unknown[] = [];
  if (plan.match) {
    where.unshift('units_fts MATCH ?');
    params.push(plan.match);
  } else if (plan.exclude) {
    where.push(`${R} NOT IN (SELECT rowid FROM units_fts WHERE units_fts MATCH ?)`);
    params.push(plan.exclude);
  }

  const { filters } = query;
  const docConditions: string[] = [];
  for (const name of ['type', 'level', 'region', 'issuer'] as const) {
    const values = filterList(filters[name]);
    if (values.length === 0) continue;
    docConditions.push(`${name} IN (${placeholders(values)})`);
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
  if (docConditions.length > 0) where.push(`(${R} >> ${DOC_SHIFT}) IN (SELECT n FROM docs WHERE ${docConditions.join(' AND ')})`);

  const kinds = filterList(filters.findingKind);
  if (kinds.length > 0) {
    where.push(findings
      ? `${R} IN (SELECT id FROM units WHERE finding_kind IN (${placeholders(kinds)}))`
      : `${R} IN (SELECT unit FROM unit_kinds WHERE kind IN (${placeholders(kinds)}))`);
    params.push(...kinds);
  }
  return {
    from: plan.match ? 'units_fts' : 'units',
    R,
    where: where.join(' AND '),
    params,
    score: plan.match ? `-bm25(units_fts, ${WEIGHTS.join(', ')})` : '0',
  };
}

/** The document facets kept in memory, in this order. */
const DOC_FACETS = ['type', 'level', 'region', 'issuer', 'year'] as const satisfies readonly FacetName[];
type DocFacets = (string | number | null)[];
type DocRow = [number, ...DocFacets];
const MAX_STATEMENTS = 200;

/** Total and document facets from the number of matched units per document. */
function countFacets(perDoc: readonly [number, number][], docs: Map<number, DocFacets>, perDocument: boolean): { total: number; facets: Facets } {
  const facets = emptyFacets();
  let total = 0;
  for (const [n, count] of perDoc) {
    const c = perDocument ? 1 : count;
    total += c;
    const values = docs.get(n);
    if (!values) continue;
    DOC_FACETS.forEach((name, i) => {
      const v = values[i];
      if (v !== null && v !== undefined) facets[name][String(v)] = (facets[name][String(v)] ?? 0) + c;
    });
  }
  return { total, facets };
}

/**
 * One statement, one evaluation of the match: the matched units (id, document, score) are
 * materialized once, then read for each part of the result: the count per document (rows tagged
 * 0), the requested page ranked (tagged 1: for documents, each document's best unit) and, when
 * asked for, the finding-kind facet (tagged 2: kinds of matched findings, or of the findings read
 * from matched clauses).
 */
function matchSql(scope: Scope, query: ResolvedQuery, kinds: boolean): string {
  const { from, R, where, score } = scope;
  const byDate = query.sort === 'date' ? 'd.date IS NULL, d.date DESC, ' : '';
  const perDocument = query.in === 'documents';
  // max(s) makes the bare column `id` that of each document's best unit.
  const ranked = perDocument ? 'SELECT dn, id, max(s) AS s FROM m GROUP BY dn' : 'SELECT dn, id, s FROM m';
  const kindFacet = !kinds ? '' : query.in === 'findings'
    ? 'UNION ALL SELECT 2, u.finding_kind, count(*) FROM m JOIN units u ON u.id = m.id GROUP BY 2'
    : `UNION ALL SELECT 2, k.kind, ${perDocument ? 'count(DISTINCT m.dn)' : 'count(*)'} FROM m JOIN unit_kinds k ON k.unit = m.id GROUP BY 2`;
  return `WITH m AS MATERIALIZED (SELECT ${R} >> ${DOC_SHIFT} AS dn, ${R} AS id, ${score} AS s FROM ${from} WHERE ${where})
    SELECT 0, dn, count(*) FROM m GROUP BY dn
    UNION ALL
    SELECT * FROM (SELECT 1, g.id, g.s FROM (${ranked}) g ${byDate ? 'JOIN docs d ON d.n = g.dn' : ''}
      ORDER BY ${byDate}g.s DESC, g.id LIMIT ? OFFSET ?)
    ${kindFacet}`;
}

export class SqliteSearcher {
  readonly #db: Database.Database;
  #docs: Map<number, DocFacets> | undefined;
  #docsVersion = -1;
  readonly #statements = new Map<string, Database.Statement>();

  constructor(db: Database.Database) {
    this.#db = db;
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
    const scope = scopeOf(query);
    // Clauses carry finding kinds only once findings are indexed; without any, the facet's join is skipped.
    const kinds = query.in === 'findings' || this.#prepare('SELECT EXISTS (SELECT 1 FROM unit_kinds)').pluck().get() === 1;
    const rows = this.#prepare(matchSql(scope, query, kinds)).raw(true)
      .all(...scope.params, query.limit, (query.page - 1) * query.limit) as [0 | 1 | 2, number | string | null, number][];
    const perDoc: [number, number][] = [];
    const page: [number, number][] = [];
    const kindCounts: [string, number][] = [];
    for (const [tag, a, b] of rows) {
      if (tag === 2) {
        if (a !== null) kindCounts.push([String(a), b]);
      } else (tag === 0 ? perDoc : page).push([Number(a), b]);
    }
    const { total, facets } = countFacets(perDoc, this.#docTable(), query.in === 'documents');
    for (const [kind, n] of kindCounts) facets.findingKind[kind] = n;
    return { total, facets, hits: this.#hits(page, matcherFor(highlightAlternatives(query.parsed))) };
  }

  /** Forgets the document table; called after this connection writes. */
  invalidate(): void {
    this.#docs = undefined;
  }

  /** Facet values of every document by number, reloaded when any connection has written since. */
  #docTable(): Map<number, DocFacets> {
    const version = this.#prepare('PRAGMA data_version').pluck().get() as number;
    if (!this.#docs || version !== this.#docsVersion) {
      const rows = this.#prepare('SELECT n, type, level, region, issuer, year FROM docs').raw(true).all() as DocRow[];
      this.#docs = new Map(rows.map(([n, ...values]) => [n, values]));
      this.#docsVersion = version;
    }
    return this.#docs;
  }

  #hits(page: readonly [number, number][], matcher: RegExp | null): SearchHit[] {
    if (page.length === 0) return [];
    const rows = this.#prepare(`SELECT u.id, u.path, u.start, u."end" AS "end", u.text, u.finding_id AS findingId,
        d.id AS docId, d.title, d.type
      FROM units u JOIN docs d ON d.n = u.id >> ${DOC_SHIFT} WHERE u.id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(page.map(([id]) => id))) as DetailRow[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return page.map(([id, score]) => {
      const r = byId.get(id)!;
      return {
        docId: r.docId,
        title: r.title,
        type: r.type,
        clausePath: r.path,
        snippet: makeSnippet(r.text, matcher),
        score,
        start: r.start,
        end: r.end,
        ...(r.findingId !== null ? { findingId: r.findingId } : {}),
      };
    });
  }
}
