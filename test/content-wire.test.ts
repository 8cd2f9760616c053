/**
 * A content result on its way from a content thread: the FTS5 column texts travel as one buffer of
 * UTF-8 (transferred) and come back in place, each as its bytes.
 * @module
 */
import { describe, expect, it } from 'vitest';
import { runContent, type ContentResult } from '../pipeline/content.js';
import { fromWire, toWire } from '../pipeline/content-wire.js';
import { extract } from '../pipeline/extract/index.js';
import type { ColumnText } from '../pipeline/search/sqlite/write.js';

const TEXT = '关于加强基层治理的意见\n\n第一条 为了推进协商民主，制定本意见。\n\n第二条 县级以上人民政府应当加强领导。Article 3 applies.\n';

const decoded = (c: ColumnText): string => (typeof c === 'string' ? c : Buffer.from(c).toString('utf8'));

/** Every column text of a result's prepared documents, as strings. */
function columns(result: ContentResult): string[] {
  return result.prepared!.flatMap((p) => [p.t, p.bt, ...p.units.flatMap((u) => [u.h, u.b, u.bb])].map(decoded));
}

async function content(prepareIndex: boolean): Promise<ContentResult> {
  return runContent({ path: 'a.txt', extraction: await extract({ bytes: Buffer.from(TEXT), path: 'a.txt' }), prepareIndex });
}

describe('content wire', () => {
  it('sends the column texts as one transferred buffer and puts each back as its UTF-8 bytes', async () => {
    const result = await content(true);
    const before = columns(result);
    expect(before.some((c) => c === '')).toBe(true);
    const { wire, transfer } = toWire(result);
    expect(transfer).toEqual([wire.columns!.bytes.buffer]);
    // Nothing of the columns is left to clone: they are all in the buffer.
    expect(wire.prepared!.every((p) => p.t === '' && p.units.every((u) => u.h === '' && u.b === '' && u.bb === ''))).toBe(true);
    const back = fromWire(structuredClone(wire, { transfer }));
    expect(columns(back)).toEqual(before);
    expect(back.prepared!.flatMap((p) => p.units.map((u) => u.bb)).some((c) => c instanceof Uint8Array)).toBe(true);
  });

  it('leaves a result without index columns as it is', async () => {
    const result = await content(false);
    const { wire, transfer } = toWire(result);
    expect(transfer).toEqual([]);
    expect(fromWire(wire)).toEqual(result);
  });
});
