import { describe, expect, it } from 'vitest';
import { fold } from '../pipeline/search/fold.js';
import { OPENCC_PAIRS } from '../pipeline/search/fold-opencc.js';
import { openccPairs } from '../scripts/fold-table.js';

describe('search folding', () => {
  it('uses the OpenCC pairs the installed opencc-js gives (rerun scripts/fold-table.ts when this fails)', () => {
    expect(OPENCC_PAIRS === openccPairs()).toBe(true);
  });

  it('folds traditional characters, full-width and upper-case letters, keeping the length', () => {
    expect(fold('臺灣政協ＡＢＣ１２３Xy')).toBe('台湾政协abc123xy');
    expect(fold('國務院辦公廳')).toBe('国务院办公厅');
    expect(fold('政协').length).toBe(2);
  });
});
