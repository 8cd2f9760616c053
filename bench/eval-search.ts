/**
 * Search eval: the SQLite engine on the judged query set `corpus/gold/queries.json` (MRR, P@5,
 * nDCG@10, the rank of every query's first relevant clause), next to the same hits in index order
 * (what equal scores would give), so the figures show what ranking adds.
 * @module
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, documentUnits, toIndexDocument } from '../pipeline/search/index.js';
import type { SearchEngine, SearchFilters, SearchHit } from '../pipeline/search/types.js';
import { Archive } from '../pipeline/store/archive.js';
import { ingestEmbedded } from '../workers/embedded.js';
import { SEED_PATH } from './seed.js';

const QUERIES_PATH = fileURLToPath(new URL('../corpus/gold/queries.json', import.meta.url));

/** Hits fetched per query: more than the seed's clauses, so the index-order baseline sees every hit. */
const DEPTH = 1000;

export interface GoldClause {
  /** The seed piece (`篇五`, `篇一/(二)`), robust to document ids changing. */
  piece: string;
  clausePath: string;
  /** 2 = about the query, 1 = treats it usefully in passing. */
  grade: 1 | 2;
  /** A fragment of the clause text, when several units of the document share the path. */
  contains?: string;
}

export interface GoldQuery {
  id: string;
  q: string;
  kind: string;
  /** Judged from the documents before the engine was run on the query. */
  blind: boolean;
  filters?: SearchFilters;
  note?: string;
  relevant: GoldClause[];
}

export function loadQueries(path = QUERIES_PATH): GoldQuery[] {
  return (JSON.parse(readFileSync(path, 'utf8')) as { queries: GoldQuery[] }).queries;
}

interface SeedDoc {
  piece: string;
  text: string;
  /** Position in the archive listing; the baseline orders hits by it. */
  order: number;
}

export interface SeedIndex {
  engine: SearchEngine;
  docs: Map<string, SeedDoc>;
  /** The clauses the index holds, to check that every gold clause exists. */
  units: { piece: string; path: string; text: string }[];
  close(): Promise<void>;
}

/** Ingests the seed into a fresh archive and SQLite index in a temporary folder. */
export async function buildSeedIndex(): Promise<SeedIndex> {
  const dir = mkdtempSync(join(tmpdir(), 'wenshi-search-eval-'));
  const archive = new Archive(dir);
  const engine = createEngine({ dataDir: dir });
  const close = async () => {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await engine.ensureIndex();
    await ingestEmbedded([SEED_PATH], archive, { engine });
    const docs = new Map<string, SeedDoc>();
    const units: SeedIndex['units'] = [];
    archive.listDocuments().forEach((summary, order) => {
      const doc = archive.getDocument(summary.id);
      if (!doc) return;
      const piece = summary.piece ?? summary.id;
      docs.set(doc.id, { piece, text: doc.text, order });
      for (const u of documentUnits(toIndexDocument(doc))) if (u.kind === 'clause') units.push({ piece, path: u.path, text: u.text });
    });
    return { engine, docs, units, close };
  } catch (error) {
    await close();
    throw error;
  } finally {
    archive.close();
  }
}

/** Whitespace is dropped before comparing text: extraction leaves spaces inside words (`协商民 主`). */
const squeeze = (s: string): string => s.replace(/\s+/g, '');

function matches(gold: GoldClause, piece: string, path: string, text: string): boolean {
  return gold.piece === piece && gold.clausePath === path && (!gold.contains || squeeze(text).includes(squeeze(gold.contains)));
}

/** Gold clauses of the set that no indexed clause answers to (a path renamed by the structure stage). */
export function unresolved(index: SeedIndex, queries: readonly GoldQuery[]): string[] {
  return queries.flatMap((q) => q.relevant
    .filter((g) => !index.units.some((u) => matches(g, u.piece, u.path, u.text)))
    .map((g) => `${q.id} ${g.piece} ${g.clausePath}${g.contains ? ` «${g.contains}»` : ''}`));
}

/** Whether a clause hit is the gold clause: same piece and path, and its fragment when the gold names one. */
function isClause(gold: GoldClause, piece: string, hit: SearchHit, text: string): boolean {
  return matches(gold, piece, hit.clausePath, text);
}

/** Whether a finding hit lies in the gold clause (at its path or below it); its sentence may not hold the fragment. */
function liesIn(gold: GoldClause, piece: string, hit: SearchHit): boolean {
  return gold.piece === piece && (hit.clausePath === gold.clausePath || hit.clausePath.startsWith(`${gold.clausePath}/`));
}

/**
 * The grade of each hit in order (0 = not judged relevant); each gold clause is credited once, to
 * the first hit that `answers` it (by default: the hit is that clause).
 */
export function gradeHits(
  index: SeedIndex, query: GoldQuery, hits: readonly SearchHit[],
  answers: (gold: GoldClause, piece: string, hit: SearchHit, text: string) => boolean = isClause,
): number[] {
  const used = new Set<GoldClause>();
  return hits.map((hit) => {
    const doc = index.docs.get(hit.docId);
    if (!doc) return 0;
    const text = hit.start === undefined || hit.end === undefined ? '' : doc.text.slice(hit.start, hit.end);
    const gold = query.relevant.filter((g) => !used.has(g) && answers(g, doc.piece, hit, text))
      .sort((a, b) => b.grade - a.grade)[0];
    if (!gold) return 0;
    used.add(gold);
    return gold.grade;
  });
}

export interface RankingScores {
  /** 1-based rank of the first relevant hit; null when none was returned. */
  firstRank: number | null;
  rr: number;
  p5: number;
  ndcg10: number;
}

/** Scores one ranking, given the grade of each hit and the grades of all gold clauses. */
export function scoreRanking(grades: readonly number[], goldGrades: readonly number[]): RankingScores {
  const first = grades.findIndex((g) => g > 0);
  const dcg = (gs: readonly number[]) => gs.slice(0, 10).reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
  const ideal = dcg([...goldGrades].sort((a, b) => b - a));
  return {
    firstRank: first < 0 ? null : first + 1,
    rr: first < 0 ? 0 : 1 / (first + 1),
    p5: grades.slice(0, 5).filter((g) => g > 0).length / 5,
    ndcg10: ideal > 0 ? dcg(grades) / ideal : 0,
  };
}

export interface QueryOutcome {
  query: GoldQuery;
  total: number;
  hits: SearchHit[];
  grades: number[];
  engine: RankingScores;
  /** The same hits in index order (document, then position): what equal scores would give. */
  indexOrder: RankingScores;
}

export interface Summary {
  mrr: number;
  p5: number;
  ndcg10: number;
}

export interface SearchEvalResult {
  outcomes: QueryOutcome[];
  engine: Summary;
  indexOrder: Summary;
}

function summarize(scores: readonly RankingScores[]): Summary {
  const mean = (f: (s: RankingScores) => number) => scores.reduce((sum, s) => sum + f(s), 0) / Math.max(1, scores.length);
  return { mrr: mean((s) => s.rr), p5: mean((s) => s.p5), ndcg10: mean((s) => s.ndcg10) };
}

/** Runs every query in clauses mode and scores the engine's ranking and the index-order baseline. */
export async function evaluateSearch(index: SeedIndex, queries: readonly GoldQuery[] = loadQueries()): Promise<SearchEvalResult> {
  const outcomes: QueryOutcome[] = [];
  for (const query of queries) {
    const result = await index.engine.search({ q: query.q, in: 'clauses', limit: DEPTH, ...(query.filters ? { filters: query.filters } : {}) });
    const goldGrades = query.relevant.map((g) => g.grade);
    const grades = gradeHits(index, query, result.hits);
    const position = (h: SearchHit) => (index.docs.get(h.docId)?.order ?? 0) * 1e9 + (h.start ?? 0);
    const baseline = [...result.hits].sort((a, b) => position(a) - position(b));
    outcomes.push({
      query,
      total: result.total,
      hits: result.hits,
      grades,
      engine: scoreRanking(grades, goldGrades),
      indexOrder: scoreRanking(gradeHits(index, query, baseline), goldGrades),
    });
  }
  return { outcomes, engine: summarize(outcomes.map((o) => o.engine)), indexOrder: summarize(outcomes.map((o) => o.indexOrder)) };
}

/**
 * Findings mode on the same queries, judged by the clauses: a finding hit counts with the grade of a
 * relevant clause it lies in (each clause once), so a query whose relevant clauses hold no finding
 * cannot reach 1. A measure for comparing rankings of findings, not an absolute figure.
 */
export async function evaluateFindings(index: SeedIndex, queries: readonly GoldQuery[] = loadQueries()): Promise<Summary> {
  const scores: RankingScores[] = [];
  for (const query of queries) {
    const result = await index.engine.search({ q: query.q, in: 'findings', limit: DEPTH, ...(query.filters ? { filters: query.filters } : {}) });
    scores.push(scoreRanking(gradeHits(index, query, result.hits, liesIn), query.relevant.map((g) => g.grade)));
  }
  return summarize(scores);
}

const f3 = (n: number) => n.toFixed(3);

function describeHit(index: SeedIndex, hit: SearchHit | undefined): string {
  return hit ? `${index.docs.get(hit.docId)?.piece ?? hit.docId} ${hit.clausePath || '(top)'}` : '—';
}

export async function run(): Promise<void> {
  const index = await buildSeedIndex();
  try {
    const queries = loadQueries();
    const missing = unresolved(index, queries);
    const result = await evaluateSearch(index, queries);
    const blind = queries.filter((q) => q.blind).length;
    console.log(`queries: ${queries.length} (${blind} judged blind), gold clauses: ${queries.reduce((n, q) => n + q.relevant.length, 0)}`);
    console.log('id   rank  P@5   nDCG@10  hits  query');
    for (const o of result.outcomes) {
      const rank = o.engine.firstRank === null ? 'none' : String(o.engine.firstRank);
      console.log(`${o.query.id.padEnd(4)} ${rank.padStart(4)}  ${o.engine.p5.toFixed(1)}   ${f3(o.engine.ndcg10)}    ${String(o.total).padStart(4)}  ${o.query.q}${o.query.filters ? ` ${JSON.stringify(o.query.filters)}` : ''}`);
    }
    const { engine, indexOrder } = result;
    // Many queries have fewer than five relevant clauses, so P@5 cannot reach 1.
    const p5Ceiling = queries.reduce((sum, q) => sum + Math.min(5, q.relevant.length) / 5, 0) / queries.length;
    console.log(`\nMRR ${f3(engine.mrr)}  P@5 ${f3(engine.p5)} (ceiling ${f3(p5Ceiling)})  nDCG@10 ${f3(engine.ndcg10)}  (target MRR ≥ 0.8)`);
    console.log(`same hits in index order: MRR ${f3(indexOrder.mrr)}  P@5 ${f3(indexOrder.p5)}  nDCG@10 ${f3(indexOrder.ndcg10)}`);
    const findings = await evaluateFindings(index, queries);
    console.log(`findings mode (a finding graded by the relevant clause it lies in, each clause once): MRR ${f3(findings.mrr)}  P@5 ${f3(findings.p5)}  nDCG@10 ${f3(findings.ndcg10)}`);
    const misses = result.outcomes.filter((o) => o.engine.firstRank !== 1);
    console.log(`\nmisses (first relevant hit below rank 1): ${misses.length}`);
    for (const o of misses) {
      const top = o.hits.slice(0, 3).map((h, i) => `${describeHit(index, h)}${o.grades[i] ? ` [${o.grades[i]}]` : ''}`).join(' | ');
      console.log(`  ${o.query.id} ${o.query.q}: first relevant at ${o.engine.firstRank ?? 'none'}; top: ${top}`);
    }
    const weak = result.outcomes.filter((o) => o.engine.ndcg10 < 0.8);
    console.log(`\nweakest orderings (nDCG@10 < 0.8): ${weak.length}`);
    for (const o of weak) {
      const ranks = o.grades.flatMap((g, i) => (g === 2 ? [i + 1] : []));
      const unfound = o.query.relevant.filter((g) => g.grade === 2).length - ranks.length;
      console.log(`  ${o.query.id} ${o.query.q}: nDCG@10 ${f3(o.engine.ndcg10)}, highly relevant at ${ranks.join(', ') || '—'}${unfound ? ` (+${unfound} not returned)` : ''}`);
    }
    if (missing.length) console.log(`\ngold clauses the index no longer has (fix the gold paths): ${missing.length}\n  ${missing.join('\n  ')}`);
  } finally {
    await index.close();
  }
}
