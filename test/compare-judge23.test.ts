/**
 * Verdicts on real central/local pairs (issue 17), session 23: article numbers are no amounts, a local
 * sentence that follows a named central article carries its force, a blanket cue needs conformity wording,
 * and an answer must share the item's act, not only its subject.
 */
import { describe, expect, it } from 'vitest';
import { compareQuantity } from '../pipeline/compare/judge.js';
import type { Finding } from '../pipeline/analyze/types.js';

describe('an article number', () => {
  it('is no quantity: citing another article changes no amount', () => {
    const finding = (sentence: string) => ({ sentence, frequency: null }) as unknown as Finding;
    const c = finding('违反本法第四十三条的规定，在煤炭产品中掺杂、掺假，以次充好的，责令停止销售，没收违法所得，并处违法所得一倍以上五倍以下的罚款');
    const l = finding('违反本办法第二十条规定，在煤炭产品中掺杂、掺假，以次充好的，责令停止销售，没收违法所得，并处违法所得一倍以上五倍以下的罚款');
    expect(compareQuantity(c, l)).toBeNull();
    // A counted amount still counts.
    expect(compareQuantity(finding('应当配备三名专职人员'), finding('应当配备两名专职人员'))?.effect).toBe('weaker');
  });
});
