/**
 * Many short texts known ahead (the queries that warm the top lists) are cut by one jieba built
 * from the dictionary words they can hold, not by the whole dictionary, with the same words out.
 * @module
 */
import { describe, expect, it, vi } from 'vitest';
import { cut, prepareCuts, segmenter } from '../pipeline/segment/index.js';

/** The dictionaries jieba is built from in this file: the real jieba, its builds counted (a native class's statics cannot be spied on). */
const builds = vi.hoisted(() => [] as Uint8Array[]);
vi.mock('@node-rs/jieba', async (importOriginal) => {
  const real = await importOriginal<typeof import('@node-rs/jieba')>();
  class Jieba extends real.Jieba {
    static override withDict(dict: Uint8Array): InstanceType<typeof real.Jieba> {
      builds.push(dict);
      return real.Jieba.withDict(dict);
    }
  }
  return { ...real, Jieba };
});

// Frequent body words of a law archive, more of them than the cut-down builds a process makes before it loads the whole dictionary.
const WORDS = ['应当', '人民政府', '管理', '规定', '中华人民共和国', '委员会', '县级以上', '主管部门', '行政', '法律', '有关部门', '处罚',
  '第一条', '本办法', '组织', '实施', '单位', '建设', '保护', '监督', '国务院', '责令改正', '罚款', '违反', '许可', '申请'];

describe('prepareCuts', () => {
  it('cuts a batch of queries with one cut-down build, as the whole dictionary does', () => {
    prepareCuts(WORDS);
    const words = WORDS.map((w) => cut(w));
    expect(builds).toHaveLength(1);
    // Cut down: a small fraction of jieba's 5 MB dictionary.
    expect(builds[0]!.length).toBeLessThan(500_000);
    expect(words).toEqual(WORDS.map((w) => segmenter().cut(w, true)));
  });
});
