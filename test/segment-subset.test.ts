/**
 * A query is cut by jieba built from the dictionary words it can hold (subset-dict.ts); its words
 * must be those of the whole dictionary, or the index's word columns and the query disagree.
 * @module
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';
import { describe, expect, it } from 'vitest';
import { uniform } from '../pipeline/prng.js';
import { JIEBA_TOTALS } from '../pipeline/segment/dict-totals.js';
import { loadLexicon, segmenter } from '../pipeline/segment/index.js';
import { FILLER, subsetDictionary } from '../pipeline/segment/subset-dict.js';
import { dictTotals } from '../scripts/dict-totals.js';

const SEED = new URL('../corpus/seed/', import.meta.url);
const dictBytes = readFileSync(createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt'));
const dict = dictBytes.toString('utf8');
const lexicon = new Map(loadLexicon().map((w) => [w, 100000]));

/** Cut as a search cuts its query: short texts looked up with the generated totals, longer ones scanned. */
function subsetCut(text: string): string[] {
  return Jieba.withDict(Buffer.from(subsetDictionary(dictBytes, lexicon, text, JIEBA_TOTALS))).cut(text, true);
}

describe('segmenting with the dictionary words a text can hold', () => {
  it('cuts 200 random stretches of real text (1–64 characters, punctuation and digits too) as the whole dictionary does', () => {
    const text = readdirSync(SEED).map((f) => readFileSync(new URL(f, SEED), 'utf8')).join('\n');
    const rand = uniform(7);
    const differ: string[] = [];
    let lookedUp = 0;
    for (let i = 0; i < 200; i++) {
      const length = 1 + Math.floor(rand() * 64);
      const start = Math.floor(rand() * (text.length - length));
      const piece = text.slice(start, start + length);
      if (subsetCut(piece).join('/') !== segmenter().cut(piece, true).join('/')) differ.push(piece);
      // A short piece's lines are looked up: the same dictionary as the scan's.
      if (new Set(piece).size <= 16) {
        lookedUp++;
        if (subsetDictionary(dictBytes, lexicon, piece, JIEBA_TOTALS) !== subsetDictionary(dictBytes, lexicon, piece)) differ.push(`lookup ${piece}`);
      }
    }
    expect(differ).toEqual([]);
    expect(lookedUp).toBeGreaterThan(20);
  });

  it('has the totals of the installed dictionary and the lexicon (rerun scripts/dict-totals.ts when this fails)', () => {
    expect(JIEBA_TOTALS).toEqual(dictTotals());
  });

  it('scans the dictionary when the totals do not cover the lexicon: a word added to it may be a dictionary word', () => {
    const added = new Map([...lexicon, ['规定', 100000]]);
    expect(subsetDictionary(dictBytes, added, '依照规定', JIEBA_TOTALS)).toBe(subsetDictionary(dictBytes, added, '依照规定'));
  });

  it('keeps the lexicon\'s terms whole, and the frequencies sum to the whole dictionary\'s total (without it 8 of the 200 stretches differ)', () => {
    for (const q of ['县政协每年召开专题协商会', '双月协商座谈会', '推动政协委员进社区']) expect(subsetCut(q)).toEqual(segmenter().cut(q, true));
    const freqs = new Map(dict.split('\n').filter(Boolean).map((l) => [l.split(' ')[0]!, Number(l.split(' ')[1])]));
    for (const [w, f] of lexicon) freqs.set(w, f);
    const whole = [...freqs.values()].reduce((a, b) => a + b, 0);
    const lines = subsetDictionary(dictBytes, lexicon, '推动政协委员进社区').split('\n').filter(Boolean);
    expect(lines.reduce((n, l) => n + Number(l.split(' ')[1]), 0)).toBe(whole);
    expect(lines.find((l) => l.startsWith(FILLER))).toBeDefined();
  });
});
