/**
 * The recall guarantee of the SQLite engine on the seed: 1,000 random strings of 2–12 Chinese
 * characters taken from its clauses each find their clause, typed plainly (split by jieba,
 * every word required) or quoted (exact, and then every hit really contains the string).
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fold } from '../pipeline/search/fold.js';
import { SqliteEngine } from '../pipeline/search/index.js';
import type { IndexDocument, SearchHit } from '../pipeline/search/types.js';
import { documentUnits } from '../pipeline/search/units.js';
import { hitKey, seedDocuments } from './engine-contract.js';
import { uniform } from '../pipeline/prng.js';


interface Sample {
  query: string;
  key: string;
}

/** Random substrings of Han runs inside clauses. */
function samples(docs: readonly IndexDocument[], count: number, seed: number): Sample[] {
  const random = uniform(seed);
  const runs = docs.flatMap((doc) => documentUnits(doc).filter((u) => u.kind === 'clause').flatMap((u) =>
    [...u.text.matchAll(/\p{Script=Han}{2,}/gu)].map((m) => ({ run: m[0], key: `${doc.id}@${u.start}` }))));
  return Array.from({ length: count }, () => {
    const { run, key } = runs[Math.floor(random() * runs.length)]!;
    const length = 2 + Math.floor(random() * (Math.min(12, run.length) - 1));
    const at = Math.floor(random() * (run.length - length + 1));
    return { query: run.slice(at, at + length), key };
  });
}

describe('search recall on the seed (sqlite)', () => {
  const docs = seedDocuments();
  const texts = new Map(docs.map((d) => [d.id, d]));
  let dir: string;
  let engine: SqliteEngine;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wenshi-recall-'));
    engine = new SqliteEngine({ dataDir: dir });
    await engine.upsert(docs);
  });
  afterAll(async () => {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function hitsOf(q: string): Promise<SearchHit[]> {
    const result = await engine.search({ q, limit: 1000 });
    expect(result.total, `"${q}" has more hits than one page`).toBeLessThanOrEqual(1000);
    return result.hits;
  }

  it('finds the clause of each of 1,000 random 2–12 character substrings, plain and quoted', async () => {
    const list = samples(docs, 1000, 20240501);
    expect(new Set(list.map((s) => s.query)).size).toBeGreaterThan(800);
    const missed: string[] = [];
    for (const { query, key } of list) {
      const plain = (await hitsOf(query)).map(hitKey);
      const quoted = await hitsOf(`"${query}"`);
      if (!plain.includes(key) || !quoted.map(hitKey).includes(key)) missed.push(query);
      for (const h of quoted) {
        const doc = texts.get(h.docId)!;
        const inText = fold(doc.text.slice(h.start, h.end)).includes(fold(query));
        expect(inText || fold(doc.title).includes(fold(query)), `"${query}" → ${hitKey(h)}`).toBe(true);
      }
    }
    expect(missed).toEqual([]);
  });

  it('returns every clause containing 政协', async () => {
    const expected = docs.flatMap((d) => documentUnits(d)
      .filter((u) => u.kind === 'clause' && (u.text.includes('政协') || d.title.includes('政协')))
      .map((u) => `${d.id}@${u.start}`));
    const found = new Set((await hitsOf('政协')).map(hitKey));
    expect(expected.length).toBeGreaterThan(100);
    expect(expected.filter((k) => !found.has(k))).toEqual([]);
  });
});
