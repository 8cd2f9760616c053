/**
 * Alignment: for each central clause, the local clauses that answer it. Candidates come from the
 * inverted index (cosine and cover of TF-IDF words), are re-ranked by whether their requirements
 * share kind and action or object, and must reach the threshold; a further local clause joins when
 * it covers words the first one lacks (a central clause answered across several local ones).
 * @module
 */
import type { Finding } from '../analyze/types.js';
import { ClauseIndex, cover, Vocabulary, type Candidate, type TermVector } from './lexical.js';
import type { CompareOptions, ScoreParts } from './types.js';
import { contentWords, type Unit } from './units.js';

/** How many lexical candidates are re-ranked with findings. */
const RERANK = 8;
/** At most this many local clauses answer one central clause. */
const MAX_LOCAL = 4;

export interface Alignment {
  central: Unit;
  /** Chosen local clauses in document order; empty when nothing reached the threshold. */
  local: Unit[];
  /** The best candidate even when below the threshold, to explain a miss. */
  best: { unit: Unit; score: number } | null;
  parts: ScoreParts;
  score: number;
}

/** The RERANK best candidates by lexical score, best first, without sorting them all. */
function topLexical(candidates: Candidate[], score: (c: Candidate) => number): Candidate[] {
  const top: Array<{ c: Candidate; s: number }> = [];
  for (const c of candidates) {
    const s = score(c);
    if (top.length === RERANK && s <= top[RERANK - 1]!.s) continue;
    let i = Math.min(top.length, RERANK - 1);
    while (i > 0 && top[i - 1]!.s < s) i--;
    top.splice(i, 0, { c, s });
    if (top.length > RERANK) top.pop();
  }
  return top.map((t) => t.c);
}

export class Aligner {
  private readonly vocabulary = new Vocabulary();
  private readonly centralVectors = new Map<Unit, TermVector>();
  private readonly localVectors: TermVector[];
  private readonly index: ClauseIndex;
  private readonly sentenceVectors = new Map<string, TermVector>();
  private readonly objectWords = new Map<string, Set<string>>();

  constructor(
    centralUnits: readonly Unit[],
    private readonly localUnits: readonly Unit[],
    private readonly opts: Required<CompareOptions>,
  ) {
    const centralCounts = centralUnits.map((u) => this.vocabulary.add(u.words));
    const localCounts = localUnits.map((u) => this.vocabulary.add(u.words));
    centralUnits.forEach((u, i) => this.centralVectors.set(u, this.vocabulary.vector(centralCounts[i]!)));
    this.localVectors = localCounts.map((c) => this.vocabulary.vector(c));
    this.index = new ClauseIndex(this.localVectors);
  }

  /** TF-IDF vector of a finding's sentence, for pairing requirements. */
  readonly sentenceVector = (f: Finding): TermVector => {
    let v = this.sentenceVectors.get(f.id);
    if (!v) this.sentenceVectors.set(f.id, (v = this.vocabulary.vector(this.vocabulary.lookup(contentWords(f.sentence)))));
    return v;
  };

  private objectOf(f: Finding): Set<string> {
    let words = this.objectWords.get(f.id);
    if (!words) this.objectWords.set(f.id, (words = new Set(contentWords(f.object ?? '').filter((w) => w.length >= 2))));
    return words;
  }

  /** Share of the central requirements answered by a local one of the same kind and action or object. */
  private agreement(central: Unit, locals: readonly Unit[]): number {
    if (central.findings.length === 0) return 0;
    const theirs = locals.flatMap((u) => u.findings);
    const agreeing = central.findings.filter((c) => theirs.some((l) => l.kind === c.kind
      && ((c.action !== null && l.action === c.action) || [...this.objectOf(c)].some((w) => this.objectOf(l).has(w)))));
    return agreeing.length / central.findings.length;
  }

  /** Weighted total; without central requirements the findings part has no say. */
  private total(parts: ScoreParts, hasFindings: boolean): number {
    const w = this.opts.weights;
    const sum = w.cosine + w.cover + (hasFindings ? w.findings : 0);
    return (w.cosine * parts.cosine + w.cover * parts.cover + (hasFindings ? w.findings * parts.findings : 0)) / sum;
  }

  align(central: Unit): Alignment {
    const query = this.centralVectors.get(central)!;
    const hasFindings = central.findings.length > 0;
    const w = this.opts.weights;
    const ranked = topLexical(this.index.search(query), (c) => w.cosine * c.cosine + w.cover * c.cover)
      .map((c) => {
        const unit = this.localUnits[c.index]!;
        const parts = { cosine: c.cosine, cover: c.cover, findings: this.agreement(central, [unit]) };
        return { unit, vector: this.localVectors[c.index]!, parts, score: this.total(parts, hasFindings) };
      })
      .sort((a, b) => b.score - a.score);
    const top = ranked[0];
    const best = top ? { unit: top.unit, score: top.score } : null;
    if (!top || top.score < this.opts.threshold) {
      return { central, local: [], best, parts: top?.parts ?? { cosine: 0, cover: 0, findings: 0 }, score: top?.score ?? 0 };
    }
    const chosen = [top];
    let covered = top.parts.cover;
    for (const c of ranked.slice(1)) {
      if (chosen.length >= MAX_LOCAL || c.score < this.opts.threshold * 0.75) continue;
      const joint = cover(query, [...chosen, c].map((x) => x.vector));
      if (joint - covered < this.opts.minExtraCover) continue;
      chosen.push(c);
      covered = joint;
    }
    // Several local clauses are listed in document order, as a reader would meet them.
    const local = chosen.map((c) => c.unit).sort((a, b) => a.start - b.start);
    const parts = { cosine: top.parts.cosine, cover: covered, findings: this.agreement(central, local) };
    return { central, local, best, parts, score: this.total(parts, hasFindings) };
  }
}
