import { describe, expect, it } from 'vitest';
import { isAgent } from '../pipeline/analyze/actor.js';
import { penaltyOf } from '../pipeline/analyze/penalties.js';
import { Chains, Cover, type Piece, type Span } from '../pipeline/analyze/units.js';
import { uniform } from '../pipeline/prng.js';
import type { Section } from '../pipeline/types.js';

/** Random spans over 0..200, nested, overlapping, empty and repeated alike, in no order. */
function spans(random: () => number, n: number): Span[] {
  return Array.from({ length: n }, () => {
    const start = Math.floor(random() * 200);
    return { start, end: start + Math.floor(random() * 60) };
  });
}

describe('blocksOf lookups', () => {
  it('Cover tells whether a span holds a point or contains a span, as a scan of them all does', () => {
    const random = uniform(7);
    for (let round = 0; round < 200; round++) {
      const all = spans(random, Math.floor(random() * 12));
      const cover = new Cover(all);
      for (let pos = -1; pos <= 262; pos++) expect(cover.holds(pos)).toBe(all.some((h) => h.start <= pos && pos < h.end));
      for (const s of spans(random, 30)) expect(cover.contains(s)).toBe(all.some((a) => a.start <= s.start && s.end <= a.end));
    }
  });

  it('Chains gives the sections holding each rising position, innermost first, ties in document order', () => {
    const random = uniform(11);
    for (let round = 0; round < 200; round++) {
      const sections: Section[] = spans(random, Math.floor(random() * 12)).map((s, i) => ({
        ...s, path: `s${i}`, label: '', heading: '', kind: 'section', depth: 1 + Math.floor(random() * 3),
      }));
      const chains = new Chains(sections);
      for (let pos = 0; pos <= 262; pos += 1 + Math.floor(random() * 6)) {
        const expected = sections.filter((s) => s.start <= pos && pos < s.end).sort((a, b) => b.depth - a.depth || b.start - a.start);
        expect(chains.at(pos)).toEqual(expected);
      }
    }
  });
});

const piece = (text: string): Piece => ({ start: 0, end: text.length, text });

describe('patterns whose lookbehind follows its word', () => {
  it('isAgent: 局 and 组织 by what stands before them, on short and long phrases', () => {
    expect(isAgent('公安局')).toBe(true);
    expect(isAgent('格局')).toBe(false);
    expect(isAgent('社会组织')).toBe(true);
    expect(isAgent('组织')).toBe(false);
    expect(isAgent('依照本条例规定设立的各类社会组织')).toBe(true);
    expect(isAgent('县级以上地方人民政府有关部门')).toBe(true);
    expect(isAgent('县级以上地方人民政府交通运输行业的总体格局')).toBe(false);
    expect(isAgent('有关行政机关及其所属的事业单位等')).toBe(true);
  });

  it('penaltyOf: 处理 only after 依照/依据/依法, 追究…责任 unless an article of this law is pointed to', () => {
    expect(penaltyOf([piece('由公安机关依法处理')], true, null)?.sanction.measures).toEqual(['处理']);
    expect(penaltyOf([piece('由公安机关处理')], true, null)).toBeNull();
    expect(penaltyOf([piece('由有关部门追究相关人员的责任')], true, null)?.sanction.measures).toEqual(['追究相关人员的责任']);
    expect(penaltyOf([piece('依照本法第三十条的规定追究责任')], true, null)).toBeNull();
  });
});
