import { describe, expect, it } from 'vitest';
import { compare, compareDocFrom, type CompareDoc } from '../pipeline/compare/index.js';
import { References, withReferences } from '../pipeline/compare/refs.js';
import { sentencesOf } from '../pipeline/compare/sentences.js';
import { contentWords, type Unit } from '../pipeline/compare/units.js';
import { processSource } from '../pipeline/flow.js';

/** A clause unit of document `docId` over its own text, laid out one after another from `start`. */
function unit(docId: string, path: string, text: string, start: number): Unit {
  return { docId, path, start, end: start + text.length, text, findings: [], words: contentWords(text) };
}

function units(docId: string, clauses: ReadonlyArray<[string, string]>): Unit[] {
  let at = 0;
  return clauses.map(([path, text]) => {
    const u = unit(docId, path, text, at);
    at += text.length + 1;
    return u;
  });
}

async function doc(name: string, text: string): Promise<CompareDoc> {
  const { documents } = await processSource({ path: `${name}.txt`, bytes: Buffer.from(text) });
  return compareDocFrom(documents[0]!);
}

describe('cross-references', () => {
  const law = units('law', [
    ['第二条', '第二条 建设单位应当编制环境影响报告书。\n前款规定的报告书应当报审批部门审批。'],
    ['第三条', '第三条 违反本法第二条第一款规定的，责令停止建设。'],
    ['第四条', '第四条 违反前条规定的，处以罚款。在目前条件下，可以减轻处罚。'],
    ['第五条', '第五条 整治河道的工程，应当按照规划治导线实施。\n重要江河的规划治导线由流域管理机构拟定。'],
  ]);
  const rules = units('rules', [
    ['第九条', '第九条 报告书的审批，按照《中华人民共和国示例法》第二条规定执行。'],
    ['第十条', '第十条 本省重要河道的规划治导线，按照《中华人民共和国示例法》第五条规定执行。'],
  ]);
  const refs = new References([{ id: 'law', title: '中华人民共和国示例法', units: law }, { id: 'rules', title: '某省示例办法', units: rules }]);
  const sentence = (all: Unit[], snippet: string) => sentencesOf(all).find((s) => s.text.includes(snippet))!;

  it('resolves the own text\'s articles and paragraphs, the previous paragraph and article, and a cited law\'s article', () => {
    expect(refs.of(sentence(law, '违反本法第二条第一款'))).toBe('建设单位应当编制环境影响报告书。');
    expect(refs.of(sentence(law, '前款规定的报告书'))).toBe('建设单位应当编制环境影响报告书。');
    expect(refs.of(sentence(law, '违反前条'))).toBe('违反本法第二条第一款规定的，责令停止建设。');
    expect(refs.of(sentence(rules, '按照《中华人民共和国示例法》'))).toContain('报审批部门审批');
    expect(refs.of(sentence(law, '建设单位应当编制'))).toBe('');
    expect(refs.of(sentence(law, '在目前条件下'))).toBe('');
  });

  it('reads a sentence deferring one thing to a cited article as citing the paragraphs that open on that thing', () => {
    expect(refs.of(sentence(rules, '规划治导线，按照'))).toBe('重要江河的规划治导线由流域管理机构拟定。');
  });

  it('gives a sentence the words of what it cites that it lacks, apart from its own', () => {
    const [cited] = withReferences([sentence(law, '违反本法第二条第一款')], refs);
    expect(cited!.cited).toContain('报告书');
    expect(cited!.cited.some((w) => cited!.words.includes(w))).toBe(false);
  });

  it('answers a central article by the local clause citing it, as covered: a cited article is carried over, not a vague reference', async () => {
    const central = await doc('central', '中华人民共和国示例保护法\n\n第一条 为了保护示例，制定本法。\n第二条 建设单位应当编制环境影响报告书，报生态环境主管部门审批。\n第三条 违反本法第二条规定的，责令停止建设。\n');
    const local = await doc('local', '某省示例保护办法\n\n第一条 根据《中华人民共和国示例保护法》，结合本省实际，制定本办法。\n第二条 建设项目的环境影响报告书按照《中华人民共和国示例保护法》第二条规定执行。\n第五条 建设单位未编制环境影响报告书擅自开工的，责令停止建设。\n');
    const item = compare(local, central).items.find((i) => i.central.clausePath === '第二条')!;
    expect(item.verdict).toBe('covered');
    expect(item.local.map((l) => l.clausePath)).toEqual(['第二条']);
  });
});

describe('cross-references with several central documents', () => {
  it('resolves a cited article in the document it names, not in another with the same numbering', async () => {
    const first = await doc('first', '中华人民共和国甲法\n\n第一条 为了甲，制定本法。\n第二条 主管部门应当建立河道巡查制度。\n');
    const second = await doc('second', '中华人民共和国乙法\n\n第一条 为了乙，制定本法。\n第二条 建设单位应当编制环境影响报告书，报生态环境主管部门审批。\n');
    const local = await doc('local', '某省实施办法\n\n第一条 根据有关法律，结合本省实际，制定本办法。\n第二条 建设项目的环境影响报告书按照《中华人民共和国乙法》第二条规定执行。\n');
    const report = compare(local, [first, second]);
    const item = (snippet: string) => report.items.find((i) => i.central.text.includes(snippet))!;
    expect(item('环境影响报告书').verdict).toBe('covered');
    expect(item('河道巡查').verdict).toBe('missing');
  });
});

describe('elaborations', () => {
  it('reads a local sentence citing the answering clause as extending it: the further body it binds asks more', async () => {
    const central = await doc('central', '中华人民共和国示例评价法\n\n第一条 为了预防不良影响，制定本法。\n第二条 设区的市级以上地方人民政府对其组织编制的土地利用规划，应当在编制过程中组织进行环境影响评价。\n');
    const local = await doc('local', '某省示例评价办法\n\n第一条 根据《中华人民共和国示例评价法》，结合本省实际，制定本办法。\n第二条 设区的市以上人民政府组织编制的土地利用规划，应当在编制过程中组织环境影响评价。\n第三条 县级以上人民政府组织编制的属于本办法第二条规定范围内的规划，也应当组织评价。\n');
    const [item] = compare(local, central).items;
    expect(item!.local.map((l) => l.clausePath)).toEqual(['第二条']);
    expect(item!.verdict).toBe('strengthened');
    expect(item!.reasons).toContain('scope 设区的市级以上 → 县级以上');
  });

  it('does not read the sanction of the answering clause\'s breach as extending it: its fine asks nothing more of the duty', async () => {
    const central = await doc('central', '中华人民共和国示例保持法\n\n第一条 为了预防水土流失，制定本法。\n第二条 禁止在崩塌、滑坡危险区和泥石流易发区从事取土、挖砂、采石等可能造成水土流失的活动。\n');
    const local = await doc('local', '某市示例保持办法\n\n第一条 根据《中华人民共和国示例保持法》，结合本市实际，制定本办法。\n\n第二条 在下列区域，禁止可能造成水土流失的生产建设活动：\n\n（一）崩塌、滑坡危险区，泥石流易发区；\n\n（二）水源保护区。\n\n第三条 违反本办法第二条规定，在禁止生产建设活动的区域从事可能造成水土流失的生产建设活动的，由水行政主管部门责令停止违法行为，对个人处一千元以上一万元以下的罚款。\n');
    const [item] = compare(local, central).items;
    expect(item!.local.map((l) => l.clausePath)).toEqual(['第二条/(一)']);
    expect(item!.verdict).toBe('covered');
  });
});
