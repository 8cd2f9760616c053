import { describe, expect, it } from 'vitest';
import { dictEntries, dictEntry, dictFreq, dictStats } from '../pipeline/segment/dict-words.js';
import { jiebaDict } from '../pipeline/segment/index.js';
import { WordTable } from '../pipeline/segment/word-table.js';

describe('WordTable', () => {
  it('maps words to values, a word set again keeping its place', () => {
    const t = new WordTable();
    t.set('政协', 1);
    t.set('委员', 2);
    t.set('政协', 3);
    t.set('提案', 4);
    t.set('𠀋字', 5);
    expect(t.size).toBe(4);
    expect([...t.entries()]).toEqual([['政协', 3], ['委员', 2], ['提案', 4], ['𠀋字', 5]]);
    expect(t.get('政协')).toBe(3);
    expect(t.get('𠀋字')).toBe(5);
    expect(t.get('政')).toBeUndefined();
    expect(t.get('政协委员')).toBeUndefined();
    expect(t.get('')).toBeUndefined();
  });

  it('keeps every word past its first sizes, and after trim', () => {
    const t = new WordTable();
    const words = Array.from({ length: 300_000 }, (_, i) => `词${i.toString(36)}`);
    words.forEach((w, i) => t.set(w, i * 1.5));
    t.trim();
    t.set('新词', -1);
    expect(t.size).toBe(300_001);
    expect(words.every((w, i) => t.get(w) === i * 1.5)).toBe(true);
    expect(t.get('新词')).toBe(-1);
    expect(t.get('词zzzzz')).toBeUndefined();
  });
});

describe('jieba dictionary words', () => {
  it('gives every line of dict.txt as a map of the lines split on spaces gives it, in the same order', () => {
    const expected = new Map<string, { freq: number; tag: string }>();
    let total = 0;
    let maxLen = 1;
    for (const line of jiebaDict().toString('utf8').split('\n')) {
      const [word, count, tag] = line.split(' ');
      const freq = Number(count);
      if (!word || !tag || !(freq > 0)) continue;
      expected.set(word, { freq, tag });
      total += freq;
      maxLen = Math.max(maxLen, word.length);
    }
    expect(expected.size).toBeGreaterThan(300_000);
    const entries = [...dictEntries()];
    expect(entries.map(([w]) => w)).toEqual([...expected.keys()]);
    expect(entries.every(([w, e]) => e.freq === expected.get(w)!.freq && e.tag === expected.get(w)!.tag)).toBe(true);
    expect([...expected].every(([w, e]) => dictEntry(w)?.tag === e.tag && dictFreq(w) === e.freq)).toBe(true);
    expect(dictStats()).toEqual({ total, maxLen });
    expect(dictEntry('政协委员会议室')).toBeUndefined();
  });
});
