import { describe, expect, it } from 'vitest';
import { alignClauses } from '../pipeline/compare/clause-align.js';
import { compare, compareDocFrom } from '../pipeline/compare/index.js';
import { contentWords, unitsOf, type Unit } from '../pipeline/compare/units.js';
import { processSource } from '../pipeline/flow.js';

/** Clause units of one side (`c` central, `l` local), numbered from 1, without findings. */
const side = (prefix: 'c' | 'l', texts: readonly string[]): Unit[] => texts.map((text, i) => (
  { docId: prefix, path: `${prefix}${i + 1}`, start: 0, end: text.length, text, findings: [], words: contentWords(text) }
));

const central = side('c', ['血站应当建立质量管理制度，保证血液质量。', '医疗机构应当制定用血计划，不得浪费血液。']);

/** The local path each central clause is paired with. */
const pathsOf = (local: readonly Unit[]) => {
  const pairs = alignClauses(central, local);
  return central.map((c) => pairs.get(c)?.local.path);
};

describe('clause alignment: a pair is worth its cosine above chance', () => {
  it('pairs an article with the local article on its matter, not with a namesake two chance-level pairs in order would give it', () => {
    // l1 is on c2's matter (cosine ≈ 0.38) and shares only 质量管理 with c1 (≈ 0.14); l2 shares only 用血, 浪费 with c2 (≈ 0.28).
    const local = side('l', ['医疗机构应当加强质量管理，制定工作计划，定期检查，组织培训。', '用血知识宣传，不得浪费。']);
    // Summing raw cosines, c1–l1 and c2–l2 in order (0.14 + 0.28) outweighed c2–l1 (0.38).
    expect(pathsOf(local)[1]).toBe('l1');
    expect(alignClauses(central, local).get(central[1]!)!.similar.get(local[1]!)).toBeGreaterThan(0.2);
  });

  it('still pairs articles in order when each is on its own matter', () => {
    expect(pathsOf(side('l', ['血站应当建立健全质量管理制度，保证血液质量符合国家标准。', '医疗机构应当制定临床用血计划，不得浪费血液。']))).toEqual(['l1', 'l2']);
  });
});

describe('clause alignment: an article the path skips', () => {
  it('gives list items no local clause is similar to alone the local article most similar to their article as a whole', () => {
    const c = side('c', [
      '学校应当建立图书馆、实验室和体育场馆，配备校医。',
      '应当履行下列义务：',
      '（一）贯彻方针，执行计划，履行聘约，完成任务，讲授课程，批改作业，忠诚事业；',
      '（二）制止危害，批评现象，抵制侵害，辅导功课，组织活动，家访，遵纪守法；',
      '（三）钻研业务，参加进修，撰写论文，开展实验，观摩听课，交流心得，关爱学生；',
    ]).map((u, i) => (i >= 2 ? { ...u, path: `c2/(${'一二三'[i - 2]})` } : u));
    // One local article answers both: the path pairs it with c1, and each item shares only a word or two with it.
    const l = side('l', ['教师应当忠诚事业，遵纪守法，关爱学生，为人师表，学校应当建立图书馆、实验室和体育场馆，配备校医，保障经费，改善住房，提供医疗，组织体检。']);
    const pairs = alignClauses(c, l);
    for (const item of c.slice(2)) {
      expect(pairs.get(item)?.local.path).toBe('l1');
      expect(pairs.get(item)!.score).toBeGreaterThanOrEqual(0.12);
    }
  });
});

describe('units: paragraphs after a list', () => {
  it("are the article's own, not part of its last item", async () => {
    const text = [
      '## 第一章 总则',
      '第一条 设立合作社，应当向登记机关提交下列文件：',
      '（一）登记申请书；',
      '（二）章程。',
      '登记机关应当自受理登记申请之日起二十日内办理完毕。',
      '登记机关应当将登记信息通报同级农业部门。',
      '第二条 合作社享有下列权利：',
      '（一）参加成员大会；',
      '（二）查阅本社章程和成员大会',
      '记录。',
      '## 第二章  附则',
      '第三条 本法自公布之日起施行。',
    ].join('\n\n');
    const { documents } = await processSource({ path: 'law.md', bytes: Buffer.from(text) });
    const units = unitsOf(compareDocFrom(documents[0]!));
    const at = (path: string) => units.filter((u) => u.path === path).map((u) => u.text);
    expect(at('第一条/(二)')).toEqual(['（二）章程。']);
    expect(at('第一条')[1]).toBe('登记机关应当自受理登记申请之日起二十日内办理完毕。\n登记机关应当将登记信息通报同级农业部门。');
    // A line the source wrapped stays in its item.
    expect(at('第二条/(二)')).toEqual(['（二）查阅本社章程和成员大会\n记录。']);
    expect(units.map((u) => u.path).filter((p) => p.startsWith('第三条'))).toEqual(['第三条']);
  });
});

describe('sentence alignment: a requirement the local text moved', () => {
  it('is answered by its copy elsewhere, not by a looser sentence of the article the order pairs it with', async () => {
    /** A document with a title and articles 第一条, 第二条, … */
    const law = async (name: string, title: string, articles: readonly string[]) => compareDocFrom((await processSource({
      path: `${name}.txt`,
      bytes: Buffer.from([title, '', ...articles.map((a, i) => `第${'一二三'[i]}条 ${a}`)].join('\n')),
    })).documents[0]!);
    const copied = '崩塌、滑坡危险区和泥石流易发区的划定，应当与地质灾害防治规划确定的地质灾害易发区、重点防治区相衔接。';
    const ban = '禁止在崩塌、滑坡危险区和泥石流易发区从事取土、挖砂、采石等可能造成水土流失的活动。';
    const central = await law('central', '中华人民共和国水土保持示例法', [
      '为了预防和治理水土流失，制定本法。',
      `${ban}地方各级人民政府应当加强对取土、挖砂、采石等活动的管理，预防和减轻水土流失。`,
      copied,
    ]);
    const local = await law('local', '某省水土保持示例办法', [
      '根据《中华人民共和国水土保持示例法》，制定本办法。',
      `${ban}各级人民政府应当加强对取土、挖砂、采石等活动的管理，预防和减轻水土流失。${copied}`,
      '崩塌、滑坡危险区和泥石流易发区的范围，由县级以上人民政府划定并公告，其划定应当与防治规划衔接。',
    ]);
    const item = compare(local, central).items.find((i) => i.central.clausePath === '第三条')!;
    // The order pairs 第三条 with 第三条 (a looser sentence at about 0.44); the copy stands in 第二条.
    expect(item.alignment.localClause).toBe('第三条');
    expect(item.local.map((l) => l.clausePath)).toEqual(['第二条']);
    expect(item.score).toBe(1);
  });
});
