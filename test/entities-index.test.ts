/**
 * The person and place index a compiled volume prints: names from real sources, common words kept
 * out, and the figures on the hand-labelled work reports held above a floor.
 */
import { describe, expect, it } from 'vitest';
import { ENTITIES_GOLD, ENTITIES_HELDOUT_GOLD, precision, recall, scoreGold } from '../bench/eval-entities.js';
import { indexNames } from '../pipeline/entities/index.js';
import { gazetteer } from '../pipeline/entities/gazetteer.js';

describe('the index names of a text', () => {
  it('takes no common word that starts with a surname or that jieba tags nr for a person', () => {
    const { persons } = indexNames('群众的安全感明显增强。他们领到了许可证，认识到形势的严峻性。封建性的陋规必须废除。');
    expect(persons).toEqual([]);
  });

  it('takes no common word that jieba tags ns for a place', () => {
    const { places } = indexNames('青春是美丽的。我们要发展正确的东西，学习英雄的精神，回国以后普及科学。外国的经验也要学习。');
    expect(places).toEqual([]);
  });

  it('finds persons by their titles, with the titles left off, and the other names of a list', () => {
    const { persons } = indexNames('诬陷邓小平同志，反对周恩来总理和叶剑英副主席。粉碎了王洪文、张春桥、江青、姚文元反党集团。');
    expect(persons.sort()).toEqual(['叶剑英', '周恩来', '姚文元', '张春桥', '江青', '王洪文', '邓小平'].sort());
  });

  it('takes no person and no made-up place from a law\'s phrases (rivers, 报经 + 省, 费由 + 乡)', () => {
    const law = indexNames('永定河、潮白河、北运河、温榆河按50年一遇行洪标准设防。船舶的载重线、人员定额和适航区域不得擅自改变。方案报经省人民政府批准，费用由乡财政负担，费由乡统筹。');
    expect(law.persons).toEqual([]);
    expect(law.places.filter((p) => !/河$/.test(p))).toEqual([]);
  });

  it('takes the speaker named on a line of their own under a speech\'s title', () => {
    expect(indexNames('政府工作报告\n1957年6月26日在第一届全国人民代表大会第四次会议上\n周恩来\n各位代表：').persons).toEqual(['周恩来']);
  });

  it('does not read a conjunction or adverb as a surname after a title', () => {
    expect(indexNames('中印两国总理和中缅两国总理分别举行了会谈。县、社、队干部都要象大寨的干部那样。').persons).toEqual([]);
    expect(indexNames('农会的会长叫曾广田。').persons).toEqual(['曾广田']);
  });

  it('reads a transliterated name next to a title as a person, and no surname + transliteration as a Chinese name', () => {
    // 伏 + 罗希洛夫: sounds, not words, between 主席 and 同志; 马 + 尼拉 is the city, not Mr 马.
    expect(indexNames('苏联最高苏维埃主席团主席伏罗希洛夫同志访问了我国。').persons).toEqual(['伏罗希洛夫']);
    expect(indexNames('八个国家在马尼拉举行会议。各国都拒绝参加马尼拉会议。').persons).toEqual([]);
    // Words next to a title are no name however foreign their characters look (苏联最高苏维埃 `nt`, 各位代表).
    expect(indexNames('各位代表同志，苏联最高苏维埃主席团已经开会。').persons).toEqual([]);
  });

  it('takes a region named by directions, but not a direction', () => {
    expect(indexNames('东北、华北和西南的工业都有发展，中东的局势紧张。').places).toEqual(expect.arrayContaining(['东北', '华北', '西南', '中东']));
    const directions = indexNames('大风向东北方向移动，西北部山区降温。蒋介石集团在中国东南海面上活动。我们需要这些东西。').places;
    for (const d of ['东北', '西北', '东南', '东西']) expect(directions).not.toContain(d);
  });

  it('knows divisions, countries and regions from data, with a state\'s ending, and a place inside an organisation', () => {
    const { places } = indexNames('山西省昔阳县大寨大队的经验传到了越南民主共和国。鞍山钢铁公司的轧钢厂投入生产。我们支持东南亚和拉丁美洲人民的斗争。');
    expect(places).toEqual(expect.arrayContaining(['山西省', '昔阳县', '越南民主共和国', '鞍山', '东南亚', '拉丁美洲']));
    expect(places).not.toContain('越南');
  });

  it('takes a dictionary place only with evidence: a list with a known place, a feature\'s ending, a river\'s cue', () => {
    const { places } = indexNames('印度、缅甸、锡兰等国拒绝参加。美国第七舰队盘踞在台湾海峡。今年长江和淮河流域遭受了水灾。');
    expect(places).toEqual(expect.arrayContaining(['印度', '缅甸', '锡兰', '美国', '台湾海峡', '长江', '淮河']));
    expect(places).not.toContain('锡兰等国');
  });

  it('reads traditional characters and gives the names as written', () => {
    const { persons, places } = indexNames('在聽了劉少奇同志關於憲法草案的報告以後，蘇聯政府和瀋陽的工人都表示支持。');
    expect(persons).toEqual(['劉少奇']);
    expect(places).toEqual(expect.arrayContaining(['蘇聯', '瀋陽']));
  });

  it('gives a province\'s name to the place, not to a person with the surname 台', () => {
    const { persons, places } = indexNames('除台湾省尚待解放外，各省都建立了政权。');
    expect(persons).toEqual([]);
    expect(places).toContain('台湾省');
  });

  it('keeps organisations, the world and pseudo-regions out of the gazetteer', () => {
    const names = gazetteer();
    for (const n of ['欧盟', '联合国', '世界', '合作', '东方', '中非']) expect(names.has(n)).toBe(false);
    for (const n of ['中国', '斯里兰卡', '巴勒斯坦', '内蒙古自治区', '洛阳市', '洛阳', '固镇']) expect(names.has(n)).toBe(true);
  });
});

describe('the index against the hand-labelled work reports (corpus/gold/entities-public*.json)', () => {
  // Floors a little under the figures now (persons / places: tuned P 1.000 / 0.988, held out 1.000 /
  // 0.924); the first run before the rules gave tuned P 0.609 / 0.640, held out 0.625 / 0.800.
  it('keeps precision of persons and places at 0.9 or above on the tuned files, recall reported', async () => {
    const s = await scoreGold(ENTITIES_GOLD);
    expect(precision(s.persons)).toBeGreaterThanOrEqual(0.9);
    expect(precision(s.places)).toBeGreaterThanOrEqual(0.9);
    expect(recall(s.persons)).toBeGreaterThanOrEqual(0.8);
    expect(recall(s.places)).toBeGreaterThanOrEqual(0.75);
  }, 120_000);

  it('holds on the held-out reports (aggregates only)', async () => {
    const s = await scoreGold(ENTITIES_HELDOUT_GOLD);
    expect(precision(s.places)).toBeGreaterThanOrEqual(0.9);
    expect(precision(s.persons)).toBeGreaterThanOrEqual(0.9);
  }, 120_000);
});
