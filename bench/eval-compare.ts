/**
 * Compare quality on the hand-made pair in corpus/compare/ (gold: corpus/gold/compare.json):
 * verdict accuracy with a confusion table, alignment accuracy, reasons naming the right kind of
 * difference, and local additions found.
 * @module
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { documentsOfFile } from '../cli/commands/compare.js';
import { compare, compareDocFrom, VERDICTS, type CompareDoc, type CompareItem, type CompareReport, type Verdict } from '../pipeline/compare/index.js';
import { Archive } from '../pipeline/store/archive.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const GOLD_PATH = join(ROOT, 'corpus', 'gold', 'compare.json');

export interface GoldItem {
  /** A snippet of the central clause's text. */
  central: string;
  verdict: Verdict;
  /** Snippets of the local clauses that answer it. */
  local: string[];
  /** The kind of difference a reason must name: `modality`, `frequency`, `deadline`, `reference`. */
  reason?: string;
  edit: string;
}

/** One local document against its central one(s), with the expected verdicts. */
export interface GoldPair {
  name: string;
  local: string;
  central: string[];
  items: GoldItem[];
  additions: string[];
}

export function loadGold(path = GOLD_PATH): GoldPair[] {
  return (JSON.parse(readFileSync(path, 'utf8')) as { pairs: GoldPair[] }).pairs;
}

/** One gold pair by name. */
export function goldPair(name: string, path = GOLD_PATH): GoldPair {
  const pair = loadGold(path).find((p) => p.name === name);
  if (!pair) throw new Error(`no gold pair "${name}" in ${path}`);
  return pair;
}

/** Ingests the gold pair's files into an archive (central ones with level central). */
export async function loadPair(gold: GoldPair, archive: Archive): Promise<{ local: CompareDoc; central: CompareDoc[] }> {
  const [local] = await documentsOfFile(archive, join(ROOT, gold.local));
  const central: CompareDoc[] = [];
  for (const path of gold.central) central.push(...(await documentsOfFile(archive, join(ROOT, path), 'central')).map(compareDocFrom));
  return { local: compareDocFrom(local!), central };
}

export interface GoldRow {
  gold: GoldItem;
  /** The items (requirement sentences) of the gold clause. */
  items: CompareItem[];
  predicted: Verdict | 'absent';
  /** The predicted local clauses are exactly the gold ones. */
  aligned: boolean;
  /** A reason names the expected kind of difference (true when none is expected). */
  reasonNamed: boolean;
}

export interface GoldScore {
  rows: GoldRow[];
  accuracy: number;
  alignment: number;
  additions: { expected: number; found: number; correct: number };
}

const has = (text: string, snippet: string): boolean => text.includes(snippet);

/**
 * The gold here is written clause by clause, the report is sentence by sentence: a clause is
 * missing when all its requirements are, weakened when one is weakened or missing beside answered
 * ones, strengthened when one is stronger and none weaker, else covered.
 */
export function clauseVerdict(items: readonly CompareItem[]): Verdict | 'absent' {
  const answerable = items.filter((i) => i.verdict !== 'not_applicable');
  if (items.length === 0) return 'absent';
  if (answerable.length === 0) return 'not_applicable';
  const has = (v: Verdict) => answerable.some((i) => i.verdict === v);
  if (answerable.every((i) => i.verdict === 'missing')) return 'missing';
  if (has('weakened') || has('missing')) return 'weakened';
  return has('strengthened') ? 'strengthened' : 'covered';
}

/** The items of the first clause whose text holds the snippet. */
function clauseItems(report: CompareReport, snippet: string): CompareItem[] {
  const first = report.items.find((it) => has(it.central.clauseText, snippet));
  return first ? report.items.filter((it) => it.central.docId === first.central.docId && it.central.clausePath === first.central.clausePath) : [];
}

export function scoreReport(report: CompareReport, gold: GoldPair): GoldScore {
  const rows = gold.items.map((g): GoldRow => {
    const items = clauseItems(report, g.central);
    const paths = new Map(items.flatMap((it) => it.local).map((l) => [l.clausePath, l.clauseText]));
    const aligned = paths.size === g.local.length && g.local.every((s) => [...paths.values()].some((t) => has(t, s)));
    const reasonNamed = !g.reason || items.flatMap((it) => it.reasons).some((r) => r.startsWith(g.reason!) || r.includes(`${g.reason} `));
    return { gold: g, items, predicted: clauseVerdict(items), aligned, reasonNamed };
  });
  const correct = gold.additions.filter((s) => report.additions.some((a) => has(a.text, s))).length;
  return {
    rows,
    accuracy: rows.filter((r) => r.predicted === r.gold.verdict).length / rows.length,
    alignment: rows.filter((r) => r.aligned).length / rows.length,
    additions: { expected: gold.additions.length, found: report.additions.length, correct },
  };
}

function confusionTable(rows: GoldRow[]): string {
  const cols: Array<Verdict | 'absent'> = [...VERDICTS, 'absent'];
  const width = 14;
  const lines = [`${'gold \\ predicted'.padEnd(18)}${cols.map((c) => c.padStart(width)).join('')}`];
  for (const g of VERDICTS) {
    const counts = cols.map((c) => rows.filter((r) => r.gold.verdict === g && r.predicted === c).length);
    lines.push(`${g.padEnd(18)}${counts.map((n) => String(n).padStart(width)).join('')}`);
  }
  return lines.join('\n');
}

function printPair(gold: GoldPair, report: CompareReport, s: GoldScore): void {
  const right = s.rows.filter((r) => r.predicted === r.gold.verdict).length;
  console.log(`\npair "${gold.name}": ${gold.local} against ${gold.central.join(' + ')}`);
  console.log(`  verdict accuracy ${s.accuracy.toFixed(3)} (${right}/${s.rows.length}) · exact local clauses ${s.alignment.toFixed(3)} · reasons naming the expected difference ${s.rows.filter((r) => r.reasonNamed).length}/${s.rows.length}`);
  console.log(`  local additions ${s.additions.correct}/${s.additions.expected} found, ${s.additions.found} reported · coverage ${report.coverage} · ${JSON.stringify(report.counts)}`);
  for (const r of s.rows.filter((x) => x.predicted !== x.gold.verdict || !x.aligned || !x.reasonNamed)) {
    console.log(`  ✗ ${r.gold.central} (${r.gold.edit}): gold ${r.gold.verdict} [${r.gold.local.join(', ')}], got ${r.predicted} [${[...new Set(r.items.flatMap((i) => i.local.map((l) => l.clausePath)))].join(', ')}] ${r.items.flatMap((i) => i.reasons).join('; ')}`);
  }
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'wenshi-eval-compare-'));
  const archive = new Archive(dir);
  try {
    const rows: GoldRow[] = [];
    for (const gold of loadGold()) {
      const { local, central } = await loadPair(gold, archive);
      const report = compare(local, central);
      const s = scoreReport(report, gold);
      printPair(gold, report, s);
      rows.push(...s.rows);
    }
    const right = rows.filter((r) => r.predicted === r.gold.verdict).length;
    console.log(`\nall pairs: verdict accuracy ${(right / rows.length).toFixed(3)} (${right}/${rows.length}; target ≥ 0.9)`);
    console.log('confusion (rows gold, columns predicted):');
    console.log(confusionTable(rows));
  } finally {
    archive.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
