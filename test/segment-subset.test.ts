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
import { loadLexicon, segmenter } from '../pipeline/segment/index.js';
import { FILLER, subsetDictionary } from '../pipeline/segment/subset-dict.js';

const SEED = new URL('../corpus/seed/', import.meta.url);
const dictBytes = readFileSync(createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt'));
const dict = dictBytes.toString('utf8');
const lexicon = new Map(loadLexicon().map((w) => [w, 100000]));

function subsetCut(text: string): string[] {
  return Jieba.withDict(Buffer.from(subsetDictionary(dictBytes, lexicon, text))).cut(text, true);
}

describe('segmenting with the dictionary words a text can hold', () => {
  it('cuts 200 random stretches of real text (1–64 characters, punctuation and digits too) as the whole dictionary does', () => {
    const text = readdirSync(SEED).map((f) => readFileSync(new URL(f, SEED), 'utf8')).join('\n');
    const rand = uniform(7);
    const differ: string[] = [];
    for (let i = 0; i < 200; i++) {
      const length = 1 + Math.floor(rand() * 64);
      const start = Math.floor(rand() * (text.length - length));
      const piece = text.slice(start, start + length);
      if (subsetCut(piece).join('/') !== segmenter().cut(piece, true).join('/')) differ.push(piece);
    }
    expect(differ).toEqual([]);
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
