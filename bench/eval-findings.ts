/**
 * Findings eval: the analyze stage against the hand-labelled gold set `corpus/gold/findings.json`
 * (precision/recall/F1 per type and per kind; modality, frequency and actor accuracy).
 * Set `WENSHI_EVAL_VERBOSE=1` to list every miss and mismatch.
 * @module
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from '../pipeline/analyze/index.js';
import type { Fine, Finding, FindingType, Frequency, Modality, Quantity, RequirementKind } from '../pipeline/analyze/types.js';
import { REQUIREMENT_KINDS } from '../pipeline/analyze/types.js';
import { processSource } from '../pipeline/flow.js';
import type { DocumentRecord } from '../pipeline/types.js';
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

/** Public-corpus gold labelled with the files named in issue 16 (tuned part, held-out part). */
export const PUBLIC_GOLD = fileURLToPath(new URL('../corpus/gold/findings-public.json', import.meta.url));
export const PUBLIC_HELDOUT_GOLD = fileURLToPath(new URL('../corpus/gold/findings-public-heldout.json', import.meta.url));

/**
 * The public files a gold set names, through the pipeline as a user's ingest would take them: the
 * classifier's own type decides which rules run.
 */
export async function publicDocuments(gold: GoldItem[]): Promise<DocumentRecord[]> {
  const files = readdirSync(PUBLIC_CORPUS);
  const docs: DocumentRecord[] = [];
  for (const name of new Set(gold.map((g) => g.doc))) {
    const file = files.find((f) => f.replace(/\.[a-z]+$/, '') === name);
    if (!file) throw new Error(`${name} is not in ${PUBLIC_CORPUS}`);
    // Read as plain text: Markdown is no format of its own to the extractors.
    const path = join(PUBLIC_CORPUS, file);
    const { documents } = await processSource({ path: path.replace(/\.md$/, '.txt'), bytes: readFileSync(path) });
    for (const d of documents) docs.push({ ...d, piece: name });
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
  /** The public gold's achievements and plans: the whole figure (null: a plan states none). */
  quantity?: Quantity | null;
  /** Penalties: the first fine's range. */
  fine?: Fine | null;
}

/** A passage labelled completely: predictions outside every scope of a document are not scored. */
export interface GoldScope {
  doc: string;
  whole?: boolean;
  from?: string;
  to?: string;
}

interface GoldFile {
  items: GoldItem[];
  scopes?: GoldScope[];
}

/** Gold items; an item's quantity also gives the seed format's `value` and `unit`. */
export function loadGold(path = GOLD_PATH): GoldItem[] {
  return (JSON.parse(readFileSync(path, 'utf8')) as GoldFile).items.map((g) =>
    g.quantity ? { ...g, value: g.quantity.value, unit: g.quantity.unit } : g);
}

export function loadScopes(path: string): GoldScope[] {
  return (JSON.parse(readFileSync(path, 'utf8')) as GoldFile).scopes ?? [];
}

/** The spans of a document its scopes cover; null when the gold gives none (the whole text counts). */
function scopeSpans(text: string, doc: string, scopes: readonly GoldScope[] | undefined): Array<{ start: number; end: number }> | null {
  const mine = scopes?.filter((s) => s.doc === doc);
  if (!mine?.length || mine.some((s) => s.whole)) return null;
  return mine.map((s) => {
    const from = locate(text, s.from ?? '');
    const to = from && locate(text.slice(from.start), s.to ?? '');
    if (!from || !to) throw new Error(`scope not found in ${doc}: ${s.from} … ${s.to}`);
    return { start: from.start, end: from.start + to.end };
  });
}

/**
 * Where a gold item's text sits in a document: inside its `within` passage when that holds it, or
 * starting where `within` (the text's own opening, unique in the document) starts.
 */
function spanOf(text: string, g: GoldItem): { start: number; end: number } | null {
  if (!g.within) return locate(text, g.text);
  const outer = locate(text, g.within);
  if (!outer) return null;
  const opening = norm(g.text).startsWith(norm(g.within));
  const inner = locate(text.slice(outer.start, opening ? text.length : outer.end), g.text);
  return inner && { start: outer.start + inner.start, end: outer.start + inner.end };
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

/**
 * One-to-one matching of predictions to gold items: same type, ≥ half the gold text covered, same
 * unit for achievements. With scopes, only predictions inside a labelled passage are scored.
 */
export function evaluate(docs: DocumentRecord[], gold: GoldItem[] = loadGold(), scopes?: readonly GoldScope[]): EvalResult {
  const goldDocs = new Set(gold.map((g) => `${g.doc}\u0000${g.type}`));
  const result: EvalResult = { pairs: [], missed: [], spurious: [], predicted: [], gold };
  for (const doc of docs) {
    const piece = doc.piece ?? doc.id;
    const spans = scopeSpans(doc.text, piece, scopes);
    // A document's gold names the types labelled in it (a law's gold holds no achievements); a
    // public document's scopes say it was labelled for every type.
    const scoped = scopes?.some((s) => s.doc === piece) ?? false;
    const labelled = (f: Finding): boolean => scoped || goldDocs.has(`${piece}\u0000${f.type}`);
    const inScope = (f: Finding): boolean => !spans || spans.some((s) => f.start < s.end && f.end > s.start);
    const preds = analyze(doc).findings.filter((f) => labelled(f) && inScope(f));
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

/** Values compared to 9 significant digits: `33.5万亿` multiplied out may differ in the last bit. */
const sameNumber = (a: number | null | undefined, b: number | null | undefined): boolean =>
  (a ?? null) === null || (b ?? null) === null ? (a ?? null) === (b ?? null) : Math.abs(a! - b!) <= Math.abs(a!) * 1e-9;

export const sameQuantity = (a: Quantity | null, b: Quantity | null): boolean =>
  a === null || b === null
    ? a === b
    : sameNumber(a.value, b.value) && a.unit === b.unit && sameNumber(a.from, b.from) && (a.bound ?? null) === (b.bound ?? null);

function accuracy(label: string, pairs: Pair[], ok: (p: Pair) => boolean): string {
  const good = pairs.filter(ok).length;
  return `${label.padEnd(10)} ${fmt(good / pairs.length)}  (${good}/${pairs.length})`;
}

function report(title: string, r: EvalResult, verbose: boolean): void {
  console.log(title);
  for (const type of ['requirement', 'achievement', 'plan'] as const) {
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
  const quantified = r.pairs.filter((p) => p.gold.quantity !== undefined);
  if (quantified.length) {
    console.log('  on matched achievements and plans (public gold):');
    console.log(`    ${accuracy('quantity', quantified, (p) => sameQuantity(p.gold.quantity ?? null, p.pred.quantity))}  (value, unit, from and bound all as labelled)`);
  }
  if (!verbose) return;
  for (const { gold: g, pred: p } of quantified) {
    if (!sameQuantity(g.quantity ?? null, p.quantity)) console.log(`  MISMATCH ${g.doc}: ${g.text} — quantity ${JSON.stringify(p.quantity)}≠${JSON.stringify(g.quantity)} [${p.rule}]`);
  }
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
  for (const [path, split] of [[PUBLIC_GOLD, 'tuned'], [PUBLIC_HELDOUT_GOLD, 'held out']] as const) {
    if (!existsSync(path) || !existsSync(PUBLIC_CORPUS)) {
      console.log(`findings eval — public corpus, ${split}: skipped (no ${existsSync(path) ? PUBLIC_CORPUS : path})`);
      continue;
    }
    const gold = loadGold(path);
    // Held-out misses are never printed: whoever tunes the rules must not see held-out text.
    report(`findings eval — public corpus, ${split} files (${path.replace(/.*\/corpus\//, 'corpus/')})`, evaluate(await publicDocuments(gold), gold, loadScopes(path)), verbose && split === 'tuned');
  }
}
