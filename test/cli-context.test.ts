/** The CLI's table cells: display widths with CJK characters two columns wide. @module */
import { describe, expect, it } from 'vitest';
import { cell } from '../cli/context.js';

describe('cell', () => {
  it('pads to the width, counting CJK and fullwidth characters as two columns', () => {
    expect(cell('abc', 5)).toBe('abc  ');
    expect(cell('中文', 5)).toBe('中文 ');
    expect(cell('ｆｕ', 4)).toBe('ｆｕ');
    expect(cell('한국', 4)).toBe('한국');
    expect(cell('', 3)).toBe('   ');
  });

  it('cuts before a character that would pass the width, never inside a surrogate pair', () => {
    expect(cell('中文标题', 5)).toBe('中文 ');
    expect(cell('a😀b中', 3)).toBe('a😀b');
    expect(cell('😀😀😀', 2)).toBe('😀😀');
    expect(cell('x'.repeat(30), 22)).toBe('x'.repeat(22));
    expect(cell('中\uDC00', 3)).toBe('中\uDC00');
  });
});
