import { describe, expect, it } from 'vitest';
import { alignClauses } from '../pipeline/compare/clause-align.js';
import { contentWords, type Unit } from '../pipeline/compare/units.js';

/** Clause units of one side (`c` central, `l` local), numbered from 1, without findings. */
const side = (prefix: 'c' | 'l', texts: readonly string[]): Unit[] => texts.map((text, i) => (
  { docId: prefix, path: `${prefix}${i + 1}`, start: 0, end: text.length, text, findings: [], words: contentWords(text) }
));

const central = side('c', ['血站应当建立质量管理制度，保证血液质量。', '医疗机构应当制定用血计划，不得浪费血液。']);

/** The local path each central clause is paired with. */
const pathsOf = (local: readonly Unit[]) => {
  const pairs = alignClauses(central, local);
  return central.map((c) => pairs.get(c)?.local.path);
};

describe('clause alignment: a pair is worth its cosine above chance', () => {
  it('pairs an article with the local article on its matter, not with a namesake two chance-level pairs in order would give it', () => {
    // l1 is on c2's matter (cosine ≈ 0.38) and shares only 质量管理 with c1 (≈ 0.14); l2 shares only 用血, 浪费 with c2 (≈ 0.28).
    const local = side('l', ['医疗机构应当加强质量管理，制定工作计划，定期检查，组织培训。', '用血知识宣传，不得浪费。']);
    // Summing raw cosines, c1–l1 and c2–l2 in order (0.14 + 0.28) outweighed c2–l1 (0.38).
    expect(pathsOf(local)[1]).toBe('l1');
    expect(alignClauses(central, local).get(central[1]!)!.similar.get(local[1]!)).toBeGreaterThan(0.2);
  });

  it('still pairs articles in order when each is on its own matter', () => {
    expect(pathsOf(side('l', ['血站应当建立健全质量管理制度，保证血液质量符合国家标准。', '医疗机构应当制定临床用血计划，不得浪费血液。']))).toEqual(['l1', 'l2']);
  });
});
