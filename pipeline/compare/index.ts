/**
 * The compare stage: a local document against one or more central documents, requirement by
 * requirement — covered, strengthened, weakened or missing — plus what the local text adds.
 * @module
 */
import { Aligner, type Alignment } from './align.js';
import { notApplicable } from './applicability.js';
import { judge } from './judge.js';
import type { Addition, CentralRef, ClauseRef, CompareDoc, CompareItem, CompareOptions, CompareReport, Verdict } from './types.js';
import { unitsOf, type Unit } from './units.js';

export type * from './types.js';
export { VERDICTS } from './types.js';
export { compareDocFrom, recordFromStored } from './documents.js';

export const DEFAULT_OPTIONS: Required<CompareOptions> = {
  threshold: 0.3,
  weights: { cosine: 0.45, cover: 0.4, findings: 0.15 },
  scope: 'requirements',
  minExtraCover: 0.15,
};

function validate(opts: CompareOptions): Required<CompareOptions> {
  const o = { ...DEFAULT_OPTIONS, ...opts };
  if (!(o.threshold >= 0 && o.threshold <= 1)) throw new RangeError('threshold must be between 0 and 1');
  const w = o.weights;
  if ([w.cosine, w.cover, w.findings].some((x) => !(x >= 0)) || w.cosine + w.cover <= 0) {
    throw new RangeError('weights must be ≥ 0, and cosine + cover > 0');
  }
  if (!(o.minExtraCover > 0 && o.minExtraCover <= 1)) throw new RangeError('minExtraCover must be in (0, 1]');
  return o;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

function ref(u: Unit): ClauseRef {
  return { docId: u.docId, clausePath: u.path, text: u.text, start: u.start, end: u.end };
}

function centralRef(u: Unit): CentralRef {
  const first = u.findings[0];
  return first ? { ...ref(u), finding: first } : ref(u);
}

function missReason(a: Alignment, threshold: number): string {
  if (!a.best) return 'no local clause shares a content word';
  return `no local clause scores ≥ ${threshold} (best ${a.best.unit.path} at ${round(a.best.score)})`;
}

/**
 * Central units that become items: the clauses that require something, and those a local text
 * need not answer (shown as such rather than left out), or all when none requires anything.
 */
function itemUnits(units: Unit[], scope: CompareOptions['scope']): Unit[] {
  const withWords = units.filter((u) => u.words.length > 0);
  if (scope === 'all') return withWords;
  const requiring = withWords.filter((u) => u.findings.length > 0 || notApplicable(u.text));
  return requiring.length > 0 ? requiring : withWords;
}

/** Compares `local` with the central document(s), clause by clause. */
export function compare(local: CompareDoc, central: CompareDoc | readonly CompareDoc[], opts: CompareOptions = {}): CompareReport {
  const settings = validate(opts);
  const centrals = Array.isArray(central) ? central : [central as CompareDoc];
  if (centrals.length === 0) throw new RangeError('compare needs at least one central document');
  const centralUnits = itemUnits(centrals.flatMap(unitsOf), settings.scope);
  const localUnits = unitsOf(local).filter((u) => u.words.length > 0);
  const aligner = new Aligner(centralUnits, localUnits, settings);

  const used = new Set<Unit>();
  const items: CompareItem[] = centralUnits.map((unit) => {
    const exempt = notApplicable(unit.text);
    if (exempt) {
      return { central: centralRef(unit), local: [], verdict: 'not_applicable', reasons: [exempt.reason], score: 0, scoreParts: { cosine: 0, cover: 0, findings: 0 } };
    }
    const a = aligner.align(unit);
    a.local.forEach((u) => used.add(u));
    const parts = { cosine: round(a.parts.cosine), cover: round(a.parts.cover), findings: round(a.parts.findings) };
    const base = { central: centralRef(unit), local: a.local.map(ref), score: round(a.score), scoreParts: parts };
    if (a.local.length === 0) return { ...base, verdict: 'missing', reasons: [missReason(a, settings.threshold)] };
    return { ...base, ...judge(unit, a.local, aligner.sentenceVector) };
  });

  const additions: Addition[] = localUnits
    .filter((u) => !used.has(u) && (settings.scope === 'all' || u.findings.length > 0))
    .map((u) => ({ docId: u.docId, clausePath: u.path, text: u.text, start: u.start, end: u.end }));

  const counts = { covered: 0, strengthened: 0, weakened: 0, missing: 0, not_applicable: 0, additions: additions.length } satisfies Record<Verdict, number> & { additions: number };
  for (const item of items) counts[item.verdict] += 1;
  const answerable = items.length - counts.not_applicable;
  const coverage = answerable ? round((answerable - counts.missing) / answerable) : 0;
  const docRef = (d: CompareDoc) => ({ id: d.id, title: d.title });
  const centralDoc = centrals.length === 1
    ? docRef(centrals[0]!)
    : { id: centrals.map((d) => d.id).join('+'), title: centrals.map((d) => d.title).join('；'), documents: centrals.map(docRef) };
  return { central: centralDoc, local: docRef(local), coverage, counts, items, additions, settings };
}
