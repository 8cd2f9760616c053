/**
 * A content result on its way from a content thread: the FTS5 column texts travel as one string
 * and their lengths, and come back in place.
 * @module
 */
import { describe, expect, it } from 'vitest';
import { runContent, type ContentResult } from '../pipeline/content.js';
import { fromWire, toWire } from '../pipeline/content-wire.js';
import { extract } from '../pipeline/extract/index.js';

const TEXT = '关于加强基层治理的意见\n\n第一条 为了推进协商民主，制定本意见。\n\n第二条 县级以上人民政府应当加强领导。Article 3 applies.\n';

/** Every column text of a result's prepared documents. */
function columns(result: ContentResult): string[] {
  return result.prepared!.flatMap((p) => [p.t, p.bt, ...p.columns]);
}

async function content(prepareIndex: boolean): Promise<ContentResult> {
  return runContent({ path: 'a.txt', extraction: await extract({ bytes: Buffer.from(TEXT), path: 'a.txt' }), prepareIndex });
}

describe('content wire', () => {
  it('sends the column texts as one string and puts each back in place', async () => {
    const result = await content(true);
    const before = columns(result);
    expect(before.some((c) => c === '')).toBe(true);
    const wire = toWire(result);
    // Nothing of the columns is left in the documents to clone one by one: they are all in one string.
    expect(columns(wire).every((c) => c === '')).toBe(true);
    expect(wire.columns!.text).toBe(before.join(''));
    expect(columns(fromWire(structuredClone(wire)))).toEqual(before);
  });

  it('leaves a result without index columns as it is', async () => {
    const result = await content(false);
    expect(fromWire(toWire(result))).toEqual(result);
  });
});
