import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSegmentationGold, scoreSegmenter } from '../bench/eval-segmentation.js';
import { cut, cutForSearch, loadLexicon, loadWordList, plainSegmenter, segmenter } from '../pipeline/segment/index.js';

describe('domain lexicon', () => {
  const lexicon = loadLexicon();

  it('has hundreds of distinct entries', () => {
    expect(lexicon.length).toBeGreaterThanOrEqual(300);
    expect(new Set(lexicon).size).toBe(lexicon.length);
  });

  it('keeps the set phrases with numerals in their own list, loaded with it', () => {
    const setPhrases = loadWordList(fileURLToPath(new URL('../search-config/set-phrases.txt', import.meta.url)));
    expect(setPhrases).toEqual(expect.arrayContaining(['千家万户', '一个中国', '两个维护', '四个意识', '三会一课']));
    expect(lexicon).toEqual(expect.arrayContaining(setPhrases));
  });

  it('segments every entry as one word', () => {
    const split = lexicon.filter((term) => cut(term).length !== 1);
    expect(split).toEqual([]);
  });

  it('keeps domain terms whole inside sentences', () => {
    expect(cut('区政协一般每年召开 1-2 次专题协商会')).toContain('专题协商会');
    expect(cut('启动落实双月协商座谈会')).toContain('双月协商座谈会');
    expect(cut('县政协党组每年至少向县委作一次全面工作报告')).toContain('县政协党组');
  });

  it('adds sub-words in search mode so parts of a term are findable', () => {
    const tokens = cutForSearch('召开专题协商会');
    expect(tokens).toEqual(expect.arrayContaining(['专题协商会', '专题', '协商']));
  });

  it("computes search mode exactly as jieba's own cutForSearch does", () => {
    const texts = [
      readFileSync(new URL('../corpus/seed/000_7bf2245de4f05e93.txt', import.meta.url), 'utf8'),
      ...readdirSync(new URL('../corpus/compare/', import.meta.url)).map((f) => readFileSync(new URL(`../corpus/compare/${f}`, import.meta.url), 'utf8')),
      // Characters outside the BMP, Latin, numbers with units, full-width digits, a domain term.
      '𠀀𠀁中华人民共和国𠮷野家 COVID-19 疫情，1.5亿元，５０％，政协委员联络工作站',
    ];
    for (const text of texts) expect(cutForSearch(text)).toEqual(segmenter().cutForSearch(text, true));
  });

  it('returns words that tile the text, so offsets are running sums of their lengths', () => {
    const text = `${readFileSync(new URL('../corpus/seed/000_7bf2245de4f05e93.txt', import.meta.url), 'utf8')}a\r\nb  c\t\u3000𠀀𠮷，COVID-19 1.5亿 café`;
    expect(cut(text).join('')).toBe(text);
  });

  it('segments the gold sentences better than the default dictionary', () => {
    const gold = loadSegmentationGold();
    expect(gold.length).toBeGreaterThanOrEqual(100);
    expect(scoreSegmenter(segmenter(), gold).f1).toBeGreaterThan(scoreSegmenter(plainSegmenter(), gold).f1);
  });
});
