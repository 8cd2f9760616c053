/**
 * Which verdicts a reader should check first. A verdict decided near the line is wrong far more
 * often than one decided far from it, on pairs the rules were tuned on and on held-out pairs alike
 * (`npm run eval -- compare-public` prints both): an item called missing whose closest local
 * sentence scored just under the threshold is often a paraphrase the scores do not see, and an
 * answer that scored low is often the wrong article. Staff reading the marked third of the items
 * meet about half of the wrong verdicts there.
 * @module
 */
import type { CompareItem, Review } from './types.js';
import { clauseName } from './wording.js';

/** A missing item is marked when its closest local sentence scores within this of the threshold. */
export const NEAR_MISS = 0.1;
/** An answer is marked when it scores under the threshold plus this. */
export const LOOSE_ANSWER = 0.2;

/** Why a reader should check an item's verdict, or null when it was decided well clear of the line. */
export function reviewOf(item: CompareItem, threshold: number): Review | null {
  if (item.verdict === 'missing') {
    const closest = item.closest;
    // At or over the threshold, a rule set the closest sentence aside (another actor, another thing): those hold.
    if (!closest || closest.score < threshold - NEAR_MISS || closest.score >= threshold) return null;
    return {
      code: `near miss: closest ${closest.clausePath} at ${closest.score}, threshold ${threshold}`,
      explanation: `最接近的地方${clauseName(closest.clausePath)}相似度 ${closest.score.toFixed(2)}，接近判定线 ${threshold}：可能是换了说法的对应条款，请核对`,
    };
  }
  if (item.verdict === 'not_applicable' || item.score >= threshold + LOOSE_ANSWER) return null;
  const where = item.local.map((l) => clauseName(l.clausePath)).join('、');
  return {
    code: `loose answer: ${where} at ${item.score}`,
    explanation: `对应的地方${where}相似度仅 ${item.score.toFixed(2)}：对应关系和结论请核对`,
  };
}
