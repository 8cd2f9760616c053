import { describe, expect, it } from 'vitest';
import { loadLabelledSet, score } from '../bench/eval-dedup.js';
import { DEFAULT_THRESHOLD, DupIndex, estimate, jaccard, MinHasher, ShingleCache, shingleSet, textJaccard } from '../pipeline/dedup/index.js';

describe('shingles and exact Jaccard', () => {
  it('ignores spacing, punctuation, line breaks and full-width forms', () => {
    expect(textJaccard('文史资料征集工作座谈会，2019年。', '文史 资料\n征集工作座谈会 ２０１９年')).toBe(1);
  });

  it('computes |A∩B| / |A∪B| over sorted shingle sets', () => {
    expect(jaccard(Uint32Array.from([1, 2, 3, 4]), Uint32Array.from([3, 4, 5, 6]))).toBeCloseTo(2 / 6);
    expect(jaccard(new Uint32Array(0), new Uint32Array(0))).toBe(0);
    // 10 characters → 6 distinct 5-grams; changing the last character changes exactly one of them.
    expect(textJaccard('一二三四五六七八九十', '一二三四五六七八九百')).toBeCloseTo(5 / 7);
  });

  it('has no shingles for a text shorter than one shingle', () => {
    expect(shingleSet('四个字儿').length).toBe(0);
  });
});

describe('shingle cache of archived documents', () => {
  const texts: Record<string, string> = { a: '一二三四五六七八九十', b: '甲乙丙丁戊己庚辛壬癸', c: '子丑寅卯辰巳午未申酉' };

  it('builds a set once, then serves it without reading the text again', () => {
    const cache = new ShingleCache();
    const reads: string[] = [];
    const text = (id: string) => () => (reads.push(id), shingleSet(texts[id]!));
    expect([...cache.get('a', text('a'))]).toEqual([...shingleSet(texts.a!)]);
    cache.get('a', text('a'));
    expect(reads).toEqual(['a']);
  });

  it('drops the least recently used sets once it holds more shingles than its capacity', () => {
    // Each text has 6 shingles; room for two sets.
    const cache = new ShingleCache(12);
    const reads: string[] = [];
    const text = (id: string) => () => (reads.push(id), shingleSet(texts[id]!));
    cache.get('a', text('a'));
    cache.get('b', text('b'));
    cache.get('a', text('a')); // a is now the most recent
    cache.get('c', text('c')); // evicts b
    cache.get('a', text('a'));
    cache.get('b', text('b'));
    expect(reads).toEqual(['a', 'b', 'c', 'b']);
  });
});

describe('MinHash', () => {
  it('estimates Jaccard similarity within a few points with 126 functions', () => {
    const base = Array.from({ length: 2000 }, (_, i) => (i * 2654435761) >>> 0);
    const a = Uint32Array.from(base.slice(0, 1500)).sort();
    const b = Uint32Array.from(base.slice(500, 2000)).sort();
    const hasher = new MinHasher(126);
    expect(Math.abs(estimate(hasher.signature(a), hasher.signature(b)) - jaccard(a, b))).toBeLessThan(0.1);
  });
});

describe('DupIndex on the labelled fixture corpus/wenshi/dups', () => {
  it.each(['extracted', 'normalized'] as const)('finds every same-piece pair and no other (%s text)', async (view) => {
    const s = score(await loadLabelledSet(view), DEFAULT_THRESHOLD);
    expect(s.missed).toEqual([]);
    expect(s.wrong).toEqual([]);
    expect(s.truePairs).toBe(7);
  });

  it('groups the copies of one piece into one cluster and leaves different pieces on the same topic out', async () => {
    const { texts } = await loadLabelledSet('extracted');
    const index = new DupIndex();
    for (const [name, text] of texts) index.add(name, text);
    const clusters = index.clusters(DEFAULT_THRESHOLD);
    expect(clusters.map((c) => c.ids).sort()).toEqual([
      ['a0-speech.txt', 'a1-chrome.html', 'a2-noise.txt', 'a3-edited.txt'],
      ['b1-sishu-1987.txt', 'b2-sishu-2005.txt'],
    ]);
    for (const c of clusters) expect(c.similarity).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
  });

  it('answers for a new text which indexed documents it near-duplicates', async () => {
    const { texts } = await loadLabelledSet('extracted');
    const index = new DupIndex();
    for (const [name, text] of texts) if (!/^(a2|c3)/.test(name)) index.add(name, text);
    const matches = index.candidates(texts.get('a2-noise.txt')!, DEFAULT_THRESHOLD);
    expect(matches.map((m) => m.id).sort()).toEqual(['a0-speech.txt', 'a1-chrome.html', 'a3-edited.txt']);
    // A news report of the very meeting the speech was given at is a different piece.
    expect(index.candidates(texts.get('c3-news.txt')!, DEFAULT_THRESHOLD)).toEqual([]);
  });

  it('adds an id once, and keeps texts too short to compare out of every cluster', () => {
    const index = new DupIndex();
    index.add('x', '政协文史资料征集工作座谈会在县城召开');
    index.add('x', '政协文史资料征集工作座谈会在县城召开');
    index.add('s1', '短文');
    index.add('s2', '短文');
    expect(index.size).toBe(3);
    expect(index.clusters(0.5)).toEqual([]);
  });

  it('rejects settings that cannot work', () => {
    expect(() => new DupIndex({ bands: 0 })).toThrow(/bands must be a positive integer/);
  });
});

describe('ingest marks near-duplicates of archived documents', () => {
  it('pairs every copy of a piece with one archived before it, and never two different pieces', async () => {
    const { Archive } = await import('../pipeline/store/archive.js');
    const { ingestEmbedded } = await import('../workers/embedded.js');
    const { DUPS_DIR } = await import('../bench/eval-dedup.js');
    const { tempDir } = await import('./helpers/cli.js');
    const set = await loadLabelledSet('normalized');
    const archive = new Archive(tempDir());
    // One file at a time, in name order, so "archived before" is well defined.
    const summary = await ingestEmbedded([DUPS_DIR], archive, { concurrency: 1 });
    // A copy whose cleaned text is identical is the same document with a second provenance entry.
    const filesOf = new Map(archive.listDocuments().map((d) => [d.id, archive.getDocument(d.id)!.provenance.map((p) => p.path.split('/').pop()!)]));
    archive.close();
    const found = summary.nearDuplicates.map((d) => [filesOf.get(d.docId)![0]!, filesOf.get(d.of)![0]!].sort().join('\t'));
    for (const pair of found) expect(set.labels.get(pair), `${pair} marked as near-duplicates`).toBe(true);
    // Each later copy of a piece is marked against an earlier copy, or merged into it.
    const copies = [...set.labels].filter(([, same]) => same).flatMap(([pair]) => pair.split('\t'));
    const marked = new Set(summary.nearDuplicates.flatMap((d) => filesOf.get(d.docId)!));
    const merged = new Set([...filesOf.values()].filter((files) => files.length > 1).flatMap((files) => files.slice(1)));
    const firsts = new Set(['a0-speech.txt', 'b1-sishu-1987.txt']);
    for (const name of new Set(copies)) if (!firsts.has(name)) expect(marked.has(name) || merged.has(name), `${name} marked`).toBe(true);
    expect(summary.nearDuplicates.length).toBeGreaterThan(0);
  });
});
