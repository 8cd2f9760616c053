/**
 * Records of the compare stage: a local document checked against central requirements, clause by
 * clause, with a verdict, the reasons and the score that decided the match.
 * @module
 */
import type { Finding } from '../analyze/types.js';
import type { Section } from '../types.js';

/** What compare needs of a document: its text and tree, and the findings analyze made of it. */
export interface CompareDoc {
  id: string;
  title: string;
  text: string;
  sections: Section[];
  findings: Finding[];
}

export type Verdict = 'covered' | 'strengthened' | 'weakened' | 'missing' | 'not_applicable';

export const VERDICTS: readonly Verdict[] = ['covered', 'strengthened', 'weakened', 'missing', 'not_applicable'];

/** A clause as cited in a report: its path, its text and where it sits in its document. */
export interface ClauseRef {
  /** Id of the document holding the clause (several central documents may be compared at once). */
  docId: string;
  clausePath: string;
  /** The sentence (a clause's text for additions). */
  text: string;
  start: number;
  end: number;
  /** The whole clause the sentence sits in, shown as context. */
  clauseText: string;
}

/** A central requirement sentence, cited with its clause. */
export interface CentralRef extends ClauseRef {
  /** The sentence's first requirement, when analyze found one. */
  finding?: Finding;
}

/** Which clause pair the first level of alignment made, and how the answer was found. */
export interface AlignmentNote {
  /** The local clause aligned with the item's clause by the order-aware clause alignment, if any. */
  localClause: string | null;
  /** Cosine of that clause pair. */
  clauseScore: number;
  /** `clause`: answered inside the aligned clause; `document`: by the whole-document search; null when missing. */
  via: 'clause' | 'document' | null;
}

/**
 * How a match scored: `total = weights · (cosine, cover, findings)`; kept apart so a reader can
 * see why two clauses were paired.
 */
export interface ScoreParts {
  /** TF-IDF cosine of the two clauses' tokens. */
  cosine: number;
  /** Share of the central clause's term weight that the local clause(s) contain. */
  cover: number;
  /** Share of the central requirements with a local one of the same kind and action or object. */
  findings: number;
  /** Share of the central sentence's character bigrams found in the local one (1 = verbatim copy). */
  verbatim?: number;
}

/** Why a verdict was decided near the line and should be checked by a person (see review.ts). */
export interface Review {
  /** Machine code with the scores. */
  code: string;
  /** The same in plain Chinese. */
  explanation: string;
}

/** One central requirement sentence and its verdict. */
export interface CompareItem {
  central: CentralRef;
  verdict: Verdict;
  /** The local sentences that answer the central one, in document order; empty when missing. */
  local: ClauseRef[];
  /** Machine codes: each names the marker, number or phrase that differs (`modality 必须 → 可`). */
  reasons: string[];
  /** The same in plain Chinese for a reader (`“必须”改为“可以”`). */
  explanation: string[];
  alignment: AlignmentNote;
  /** For a missing item, the most similar local sentence (below the threshold) and its score, so a reader can check. */
  closest?: ClauseRef & { score: number };
  /** Total match score in [0, 1] (of the best candidate when missing). */
  score: number;
  scoreParts: ScoreParts;
  /** Present when the verdict was decided near the line: a person should check it first. */
  review?: Review;
}

export interface Addition {
  docId: string;
  clausePath: string;
  text: string;
  start: number;
  end: number;
}

export interface DocRef {
  id: string;
  title: string;
}

export interface CompareReport {
  /** For several central documents: ids joined with `+`, titles with `；`, each listed in `documents`. */
  central: DocRef & { documents?: DocRef[] };
  local: DocRef;
  /** Share of the central items a local text should answer (not `not_applicable`) that it answers at all (not missing), 0–1. */
  coverage: number;
  /** Items per verdict, local additions, and items marked for review (see CompareItem.review). */
  counts: Record<Verdict, number> & { additions: number; review: number };
  items: CompareItem[];
  /** Local clauses with requirements that answer no central clause. */
  additions: Addition[];
  /** The threshold and weights used, so the scores can be read. */
  settings: Required<CompareOptions>;
}

export interface CompareOptions {
  /**
   * A central clause with no local candidate scoring at least this is missing.
   * @defaultValue 0.4
   */
  threshold?: number;
  /**
   * Weights of cosine, cover and findings agreement in the total score (they sum to 1).
   * @defaultValue { cosine: 0.45, cover: 0.4, findings: 0.15 }
   */
  weights?: ScoreParts;
  /**
   * `requirements`: only central clauses where analyze found a requirement are items (all clauses
   * when it found none); `all`: every clause.
   * @defaultValue 'requirements'
   */
  scope?: 'requirements' | 'all';
  /**
   * A further local clause joins a match when it adds at least this much cover (a central clause
   * answered across several local ones).
   * @defaultValue 0.15
   */
  minExtraCover?: number;
}
