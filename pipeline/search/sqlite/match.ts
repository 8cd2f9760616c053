/**
 * Turns a parsed query into one FTS5 MATCH expression. A unit matches a term when the term's
 * bigram phrase occurs in its title or body (literal occurrence, the recall guarantee). For
 * ranking, each term's expression also ORs in phrases that can only match where the term
 * already does, so the match set is unchanged while bm25() weighs them too: the typed word as
 * a jieba word on the weighted title/heading/body word columns (a word column only holds words
 * of the unit's own text), and the whole unsplit query stretch.
 *
 * bm25() scans every phrase over the whole table to weigh it, so no phrase is written twice, a
 * synonym containing another one is left out (it can only match where the shorter one does),
 * and a two-character word, whose bigram and jieba word are one token, is one phrase over all
 * columns (written without a column filter, which FTS5 would apply to every matched row).
 * @module
 */
import { PATTERN_GAP, type Alternative } from '../config.js';
import type { ParsedQuery, Term } from '../query.js';
import { cut } from '../../segment/index.js';
import { literalPhrase, wordPhrase } from './streams.js';

const BIGRAM_COLUMNS = '{bt bb}';
const WORD_COLUMNS = '{t h b}';

const TWO_HAN = /^\p{Script=Han}{2}$/u;

function alternativeExpr(alt: Alternative): string | null {
  const phrases = alt.parts.map(literalPhrase);
  if (phrases.some((p) => p === null)) return null;
  // A `*` pattern: the parts close together (NEAR counts tokens, about one per character).
  return phrases.length === 1 ? phrases[0]! : `NEAR(${phrases.join(' ')}, ${PATTERN_GAP})`;
}

const plainText = (alt: Alternative): string | null => (alt.parts.length === 1 ? alt.parts[0]! : null);

/** Alternatives without those that contain another plain one (人民政协 matches only where 政协 does). */
function essential(alts: readonly Alternative[]): Alternative[] {
  return alts.filter((a) => {
    const text = a.parts.join('');
    return !alts.some((b) => b !== a && plainText(b) !== null && plainText(b) !== text && text.includes(plainText(b)!));
  });
}

/** The typed text when jieba keeps it as one word of two or more characters. */
function typedWord(term: Term): string | null {
  const words = cut(term.text);
  return words.length === 1 && [...term.text].length >= 2 ? term.text : null;
}

function termExpr(term: Term, boost: Alternative | null): string | null {
  const word = typedWord(term);
  const pair = word !== null && TWO_HAN.test(word) ? word : null;
  const alts = essential(term.alts).filter((a) => plainText(a) !== pair);
  const literal = alts.map(alternativeExpr).filter((e): e is string => e !== null);
  const exprs = [
    // Over every column, so no column filter: FTS5 would copy each row's positions to apply one.
    ...(pair ? [`"${pair}"`] : []),
    ...(literal.length > 0 ? [`${BIGRAM_COLUMNS} : (${literal.join(' OR ')})`] : []),
  ];
  if (exprs.length === 0) return null;
  const wordExpr = word !== null && pair === null ? wordPhrase(word) : null;
  if (wordExpr) exprs.push(`${WORD_COLUMNS} : ${wordExpr}`);
  const boostExpr = boost ? alternativeExpr(boost) : null;
  if (boostExpr) exprs.push(`${BIGRAM_COLUMNS} : ${boostExpr}`);
  return exprs.length === 1 ? exprs[0]! : exprs.map((e) => `(${e})`).join(' OR ');
}

export interface MatchPlan {
  /** The units that match, ranking phrases included; null when nothing is required. */
  match: string | null;
  /** The units to leave out, on its own; null when nothing is excluded. */
  exclude: string | null;
  /**
   * Each required term's expression, ANDed in `match`, and the MATCH of the term searched alone
   * when its expression is the one it has here (no unsplit stretch rides along); else null.
   */
  terms: { expr: string; alone: string | null }[];
}

const group = (exprs: readonly string[], op: 'AND' | 'OR') => exprs.map((e) => `(${e})`).join(` ${op} `);

/** The MATCH of some of a plan's required terms (ANDed, nothing excluded): a ranking for its units. */
export function termsMatch(plan: MatchPlan, keep: (index: number) => boolean): string {
  return group(plan.terms.filter((_, i) => keep(i)).map((t) => t.expr), 'AND');
}

/** The MATCH expressions for a parsed query. */
export function matchPlan(parsed: ParsedQuery): MatchPlan {
  // An unsplit stretch contains each of its terms, so it may ride along with any one of them.
  const boostOf = new Map<Term, Alternative>();
  for (const boost of parsed.boosts) {
    const owner = parsed.required.find((t) => !boostOf.has(t) && boost.parts.join('').includes(t.text));
    if (owner) boostOf.set(owner, boost);
  }
  const terms: MatchPlan['terms'] = [];
  for (const t of parsed.required) {
    const expr = termExpr(t, boostOf.get(t) ?? null);
    if (expr === null) continue;
    const plain = boostOf.has(t) ? termExpr(t, null) : expr;
    terms.push({ expr, alone: plain === expr ? group([expr], 'AND') : null });
  }
  const excluded = parsed.excluded.map((t) => termExpr(t, null)).filter((e): e is string => e !== null);
  const exclude = excluded.length > 0 ? group(excluded, 'OR') : null;
  if (terms.length === 0) return { match: null, exclude, terms };
  const match = group(terms.map((t) => t.expr), 'AND');
  return { match: exclude ? `(${match}) NOT (${exclude})` : match, exclude, terms };
}
