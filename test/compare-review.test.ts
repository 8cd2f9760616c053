/** Which verdicts a reader should check first (pipeline/compare/review.ts). */
import { describe, expect, it } from 'vitest';
import { LOOSE_ANSWER, NEAR_MISS, reviewOf } from '../pipeline/compare/review.js';
import type { CompareItem, Verdict } from '../pipeline/compare/types.js';

const ref = (clausePath: string) => ({ docId: 'd', clausePath, text: '……', start: 0, end: 2, clauseText: '……' });

/** An item with what review reads: its verdict, score, answer and closest local sentence. */
function item(verdict: Verdict, score: number, closest?: number): CompareItem {
  return {
    central: ref('第五条'), verdict, local: verdict === 'missing' || verdict === 'not_applicable' ? [] : [ref('第八条')], reasons: [], explanation: [],
    alignment: { localClause: null, clauseScore: 0, via: null }, score, scoreParts: { cosine: 0, cover: 0, findings: 0 },
    ...(closest === undefined ? {} : { closest: { ...ref('第十二条'), score: closest } }),
  };
}

describe('reviewOf', () => {
  const threshold = 0.4;

  it('marks a missing item whose closest local sentence scored just under the threshold, naming it', () => {
    expect(reviewOf(item('missing', 0.35, 0.35), threshold)).toEqual({
      code: 'near miss: closest 第十二条 at 0.35, threshold 0.4',
      explanation: '最接近的地方第十二条相似度 0.35，接近判定线 0.4：可能是换了说法的对应条款，请核对',
    });
    expect(reviewOf(item('missing', threshold - NEAR_MISS, threshold - NEAR_MISS), threshold)).not.toBeNull();
  });

  it('leaves a missing item whose closest sentence is far off, or was set aside by a rule at or over the threshold', () => {
    expect(reviewOf(item('missing', 0.2, 0.2), threshold)).toBeNull();
    expect(reviewOf(item('missing', 0.45, 0.45), threshold)).toBeNull();
    expect(reviewOf(item('missing', 0, undefined), threshold)).toBeNull();
  });

  it('marks an answer that scored low, whatever its verdict, and leaves a close one', () => {
    for (const verdict of ['covered', 'strengthened', 'weakened'] as const) {
      expect(reviewOf(item(verdict, 0.45), threshold)).toMatchObject({ code: 'loose answer: 第八条 at 0.45', explanation: '对应的地方第八条相似度仅 0.45：对应关系和结论请核对' });
      expect(reviewOf(item(verdict, threshold + LOOSE_ANSWER), threshold)).toBeNull();
    }
  });

  it('names an answer in a text without numbered clauses 正文', () => {
    const body = { ...item('covered', 0.45), local: [ref('')] };
    expect(reviewOf(body, threshold)?.explanation).toBe('对应的地方正文相似度仅 0.45：对应关系和结论请核对');
  });

  it('never marks an item that does not apply to the local level', () => {
    expect(reviewOf(item('not_applicable', 0), threshold)).toBeNull();
  });

  it('follows the threshold a caller sets', () => {
    expect(reviewOf(item('missing', 0.25, 0.25), 0.3)).not.toBeNull();
    expect(reviewOf(item('covered', 0.45), 0.2)).toBeNull();
  });
});
