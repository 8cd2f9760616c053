/**
 * Findings eval: the analyze stage against the hand-labelled gold set `corpus/gold/findings.json`
 * (precision/recall/F1 per type and per kind; modality, frequency and actor accuracy).
 * Set `WENSHI_EVAL_VERBOSE=1` to list every miss and mismatch.
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from '../pipeline/analyze/index.js';
import type { Fine, Finding, FindingType, Frequency, Modality, RequirementKind } from '../pipeline/analyze/types.js';
import { REQUIREMENT_KINDS } from '../pipeline/analyze/types.js';
import { processSource } from '../pipeline/flow.js';
import type { DocType, DocumentRecord } from '../pipeline/types.js';
import { documentsOf, seedDocuments } from './seed.js';

const GOLD_PATH = fileURLToPath(new URL('../corpus/gold/findings.json', import.meta.url));
export const HELDOUT_GOLD = fileURLToPath(new URL('../corpus/gold/heldout-findings.json', import.meta.url));
/** 篇五 and 篇六 labelled again by a second annotator, blind to the rules and to the first gold set. */
export const SECOND_GOLD = fileURLToPath(new URL('../corpus/gold/findings-second.json', import.meta.url));
const HELDOUT_TEXT = fileURLToPath(new URL('../corpus/gold/heldout-opinion.txt', import.meta.url));
/** A law and a local regulation of the public corpus, labelled before the rules were run on them. */
export const LAWS_GOLD = fileURLToPath(new URL('../corpus/gold/findings-laws.json', import.meta.url));
/** The public development corpus (`../shared/corpus/public/`), or `WENSHI_PUBLIC_CORPUS`. */
export const PUBLIC_CORPUS = process.env.WENSHI_PUBLIC_CORPUS ?? fileURLToPath(new URL('../../shared/corpus/public/', import.meta.url));

/**
 * The public files a gold set names, through the pipeline, typed as the corpus's own metadata
 * (`expected.json`) says: the classifier's law and regulation types are not in yet.
 */
export async function publicDocuments(gold: GoldItem[]): Promise<DocumentRecord[]> {
  const expected = JSON.parse(readFileSync(join(PUBLIC_CORPUS, 'expected.json'), 'utf8')) as Array<{ file: string; type: DocType }>;
  const docs: DocumentRecord[] = [];
  for (const name of new Set(gold.map((g) => g.doc))) {
    const file = expected.find((e) => e.file.replace(/\.[a-z]+$/, '') === name);
    if (!file) throw new Error(`${name} is not in ${PUBLIC_CORPUS}expected.json`);
    // Read as plain text: Markdown is no format of its own to the extractors.
    const path = join(PUBLIC_CORPUS, file.file);
    const { documents } = await processSource({ path: path.replace(/\.md$/, '.txt'), bytes: readFileSync(path) });
    for (const d of documents) docs.push({ ...d, piece: name, meta: { ...d.meta, type: file.type } });
  }
  return docs;
}

/** The held-out opinion: text written after the rules, labelled before they were run on it. */
export async function heldoutDocuments(): Promise<DocumentRecord[]> {
  // Its gold items name the document `heldout` (a single-piece file has no piece label of its own).
  return (await documentsOf(HELDOUT_TEXT)).map((d) => ({ ...d, piece: 'heldout' }));
}

export interface GoldItem {
  doc: string;
  type: FindingType;
  text: string;
  /** A longer passage holding `text`, where `text` alone occurs more than once. */
  within?: string;
  kind?: RequirementKind;
  modality?: Modality;
  actor?: string | null;
  frequency?: Frequency | null;
  value?: number | null;
  unit?: string;
  /** Penalties: the first fine's range. */
  fine?: Fine | null;
}

export function loadGold(path = GOLD_PATH): GoldItem[] {
  return (JSON.parse(readFileSync(path, 'utf8')) as { items: GoldItem[] }).items;
}

/** Where a gold item's text sits in a document (inside its `within` passage when it gives one). */
function spanOf(text: string, g: GoldItem): { start: number; end: number } | null {
  const outer = g.within ? locate(text, g.within) : { start: 0, end: text.length };
  const inner = outer && locate(text.slice(outer.start, outer.end), g.text);
  return outer && inner && { start: outer.start + inner.start, end: outer.start + inner.end };
}

/** Where a gold text sits in a document, ignoring whitespace on both sides. */
export function locate(text: string, needle: string): { start: number; end: number } | null {
  const map: number[] = [];
  let stripped = '';
  for (let i = 0; i < text.length; i++) {
    if (/\s/.test(text[i] ?? '')) continue;
    map.push(i);
    stripped += text[i];
  }
  const at = stripped.indexOf(needle.replace(/\s+/g, ''));
  if (at < 0) return null;
  const last = map[at + needle.replace(/\s+/g, '').length - 1] ?? 0;
  return { start: map[at] ?? 0, end: last + 1 };
}

interface Pair {
  gold: GoldItem;
  pred: Finding;
}

export interface EvalResult {
  pairs: Pair[];
  missed: GoldItem[];
  spurious: Finding[];
  predicted: Finding[];
  gold: GoldItem[];
}

const norm = (s: string | null | undefined): string =>
  (s ?? '').replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');

/** One-to-one matching of predictions to gold items: same type, ≥ half the gold text covered, same unit. */
export function evaluate(docs: DocumentRecord[], gold: GoldItem[] = loadGold()): EvalResult {
  const goldDocs = new Set(gold.map((g) => `${g.doc}\u0000${g.type}`));
  const result: EvalResult = { pairs: [], missed: [], spurious: [], predicted: [], gold };
  for (const doc of docs) {
    const piece = doc.piece ?? doc.id;
    const preds = analyze(doc).findings.filter((f) => goldDocs.has(`${piece}\u0000${f.type}`));
    result.predicted.push(...preds);
    const items = gold.filter((g) => g.doc === piece);
    const candidates: Array<{ g: GoldItem; p: Finding; score: number }> = [];
    for (const g of items) {
      const at = spanOf(doc.text, g);
      if (!at) throw new Error(`gold text not found in ${piece}: ${g.text}`);
      for (const p of preds) {
        if (p.type !== g.type || (g.type === 'achievement' && p.quantity?.unit !== g.unit)) continue;
        const overlap = Math.min(at.end, p.end) - Math.max(at.start, p.start);
        if (overlap < (at.end - at.start) / 2) continue;
        const valueBonus = g.type === 'achievement' && p.quantity?.value === (g.value ?? null) ? 0.5 : 0;
        candidates.push({ g, p, score: overlap / Math.max(at.end - at.start, p.end - p.start) + valueBonus });
      }
    }
    const usedG = new Set<GoldItem>();
    const usedP = new Set<Finding>();
    for (const c of candidates.sort((a, b) => b.score - a.score)) {
      if (usedG.has(c.g) || usedP.has(c.p)) continue;
      usedG.add(c.g);
      usedP.add(c.p);
      result.pairs.push({ gold: c.g, pred: c.p });
    }
    result.missed.push(...items.filter((g) => !usedG.has(g)));
    result.spurious.push(...preds.filter((p) => !usedP.has(p)));
  }
  return result;
}

export interface Agreement {
  /** Items of `a` and `b` paired one to one. */
  matched: number;
  a: number;
  b: number;
  sameKind: number;
  sameModality: number;
}

/**
 * How two annotators' requirement labels agree. Their span conventions differ (one stops at the
 * marker's piece, the other takes the condition before it), so two items pair when they overlap by
 * at least half of the shorter one; each item pairs once.
 */
export function agreement(docs: DocumentRecord[], a: GoldItem[], b: GoldItem[]): Agreement {
  const result: Agreement = { matched: 0, a: 0, b: 0, sameKind: 0, sameModality: 0 };
  for (const doc of docs) {
    const piece = doc.piece ?? doc.id;
    const place = (items: GoldItem[]) => items.filter((g) => g.doc === piece && g.type === 'requirement')
      .map((g) => ({ g, at: spanOf(doc.text, g) ?? { start: -1, end: -1 } }));
    const as = place(a);
    const bs = place(b);
    result.a += as.length;
    result.b += bs.length;
    const candidates: Array<{ x: GoldItem; y: GoldItem; score: number }> = [];
    for (const x of as) {
      for (const y of bs) {
        const overlap = Math.min(x.at.end, y.at.end) - Math.max(x.at.start, y.at.start);
        const shorter = Math.min(x.at.end - x.at.start, y.at.end - y.at.start);
        if (shorter > 0 && overlap >= shorter / 2) candidates.push({ x: x.g, y: y.g, score: overlap / Math.max(x.at.end - x.at.start, y.at.end - y.at.start) });
      }
    }
    const used = new Set<GoldItem>();
    for (const c of candidates.sort((p, q) => q.score - p.score)) {
      if (used.has(c.x) || used.has(c.y)) continue;
      used.add(c.x).add(c.y);
      result.matched += 1;
      if (c.x.kind === c.y.kind) result.sameKind += 1;
      if (c.x.modality === c.y.modality) result.sameModality += 1;
    }
  }
  return result;
}

const fmt = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : '  -  ');

function prf(tp: number, predicted: number, gold: number): string {
  const p = tp / predicted;
  const r = tp / gold;
  const f = (2 * p * r) / (p + r);
  return `P ${fmt(p)}  R ${fmt(r)}  F1 ${fmt(f)}  (tp ${tp}, predicted ${predicted}, gold ${gold})`;
}

const sameFrequency = (a: Frequency | null | undefined, b: Frequency | null): boolean =>
  (a ?? null) === null ? b === null : b !== null && a?.min === b.min && a?.max === b.max && a?.per === b.per;

const sameFine = (a: Fine | null | undefined, b: Fine | null | undefined): boolean =>
  a?.min === b?.min && a?.max === b?.max && a?.unit === b?.unit;

function accuracy(label: string, pairs: Pair[], ok: (p: Pair) => boolean): string {
  const good = pairs.filter(ok).length;
  return `${label.padEnd(10)} ${fmt(good / pairs.length)}  (${good}/${pairs.length})`;
}

function report(title: string, r: EvalResult, verbose: boolean): void {
  console.log(title);
  for (const type of ['requirement', 'achievement'] as const) {
    const gold = r.gold.filter((g) => g.type === type).length;
    if (!gold) continue;
    const tp = r.pairs.filter((p) => p.gold.type === type).length;
    const predicted = r.predicted.filter((f) => f.type === type).length;
    console.log(`  ${type.padEnd(12)} ${prf(tp, predicted, gold)}`);
  }
  console.log('  requirements per kind:');
  for (const kind of REQUIREMENT_KINDS) {
    const tp = r.pairs.filter((p) => p.gold.type === 'requirement' && p.gold.kind === kind && p.pred.kind === kind).length;
    const predicted = r.predicted.filter((f) => f.type === 'requirement' && f.kind === kind).length;
    const gold = r.gold.filter((g) => g.type === 'requirement' && g.kind === kind).length;
    if (predicted || gold) console.log(`    ${kind.padEnd(12)} ${prf(tp, predicted, gold)}`);
  }
  const req = r.pairs.filter((p) => p.gold.type === 'requirement');
  const ach = r.pairs.filter((p) => p.gold.type === 'achievement');
  console.log('  on matched requirements:');
  console.log(`    ${accuracy('modality', req, (p) => p.pred.modality === p.gold.modality)}`);
  console.log(`    ${accuracy('frequency', req, (p) => sameFrequency(p.gold.frequency, p.pred.frequency))}`);
  console.log(`    ${accuracy('kind', req, (p) => p.pred.kind === p.gold.kind)}`);
  const withActor = req.filter((p) => p.gold.actor);
  console.log(`    ${accuracy('actor', withActor, (p) => norm(p.pred.actor) === norm(p.gold.actor))}  (gold actor stated)`);
  const noActor = req.filter((p) => !p.gold.actor);
  console.log(`    ${accuracy('no actor', noActor, (p) => !p.pred.actor)}  (gold: none stated; an actor here is over-reach)`);
  const fined = req.filter((p) => p.gold.fine);
  if (fined.length) console.log(`    ${accuracy('fine', fined, (p) => sameFine(p.gold.fine, p.pred.sanction?.fine))}  (gold: a fine stated)`);
  if (ach.length) {
    console.log('  on matched achievements:');
    console.log(`    ${accuracy('value', ach, (p) => p.pred.quantity?.value === (p.gold.value ?? null))}`);
  }
  if (!verbose) return;
  for (const g of r.missed) console.log(`  MISSED ${g.type} ${g.doc}: ${g.text}`);
  for (const f of r.spurious) console.log(`  SPURIOUS ${f.type} ${f.docId} [${f.rule}]: ${f.sentence}`);
  for (const { gold: g, pred: p } of req) {
    const diffs = [
      p.modality !== g.modality ? `modality ${p.modality}≠${g.modality}` : '',
      !sameFrequency(g.frequency, p.frequency) ? `frequency ${JSON.stringify(p.frequency)}≠${JSON.stringify(g.frequency)}` : '',
      p.kind !== g.kind ? `kind ${p.kind}≠${g.kind}` : '',
      g.actor && norm(p.actor) !== norm(g.actor) ? `actor ${p.actor}≠${g.actor}` : '',
      !g.actor && p.actor ? `actor ${p.actor}≠none` : '',
      g.fine && !sameFine(g.fine, p.sanction?.fine) ? `fine ${JSON.stringify(p.sanction?.fine)}≠${JSON.stringify(g.fine)}` : '',
    ].filter(Boolean);
    if (diffs.length) console.log(`  MISMATCH ${g.doc}: ${g.text} — ${diffs.join('; ')} [${p.rule}]`);
  }
}

export async function run(): Promise<void> {
  const verbose = process.env.WENSHI_EVAL_VERBOSE === '1';
  report('findings eval — seed through the pipeline (gold: corpus/gold/findings.json)', evaluate(await seedDocuments()), verbose);
  report(
    'findings eval — held-out opinion (corpus/gold/heldout-*; blind first run: P 0.958 R 1.000, frequency 0.957 — see corpus/gold/README.md)',
    evaluate(await heldoutDocuments(), loadGold(HELDOUT_GOLD)),
    verbose,
  );
  const seed = await seedDocuments();
  const second = loadGold(SECOND_GOLD);
  report('findings eval — 篇五 and 篇六 against a second, blind annotator (corpus/gold/findings-second.json)', evaluate(seed, second), verbose);
  const agreed = agreement(seed, loadGold(), second);
  console.log(`  the two annotators: ${agreed.matched} requirements paired of ${agreed.a} (first) and ${agreed.b} (second), F1 ${fmt((2 * agreed.matched) / (agreed.a + agreed.b))}; same kind ${fmt(agreed.sameKind / agreed.matched)}, same modality ${fmt(agreed.sameModality / agreed.matched)}`);
  const laws = loadGold(LAWS_GOLD);
  if (!existsSync(PUBLIC_CORPUS)) console.log(`findings eval — laws: skipped, no public corpus at ${PUBLIC_CORPUS} (set WENSHI_PUBLIC_CORPUS)`);
  else report('findings eval — a law and a local regulation of the public corpus (corpus/gold/findings-laws.json; first run P 0.900 R 0.526, actor 0.259)', evaluate(await publicDocuments(laws), laws), verbose);
}
