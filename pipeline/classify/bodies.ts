/**
 * Issuing bodies: the body a history entry names (`山东省第十届人民代表大会常务委员会第十七次会议` →
 * 山东省人民代表大会常务委员会), and a body's level and region — national organs are central,
 * otherwise the place the body's name starts with decides (administrative-division data).
 * @module
 */
import type { Level } from '../types.js';
import { leadingPlace } from '../entities/divisions.js';

/** National organs, by name; a ministry or commission named without any place is national too. */
const NATIONAL = new RegExp(
  '^(中共中央|中国共产党中央|中央人民政府|中央(办公厅|委员会|军事委员会|军委|纪委|组织部|宣传部|统战部)|中办|国办|国务院|' +
    '全国人民代表大会|全国人大|全国政协|中国人民政治协商会议全国委员会|最高人民(法院|检察院)|中华人民共和国|国家)',
);
const NAMELESS_NATIONAL = /^[\u4e00-\u9fff]{1,10}(部|总局|总署|委员会|银行|办公厅)$/;

/** A body's name without the party prefix: party committees are named `中共X市委`. */
const withoutParty = (body: string): string => body.replace(/^(中共|中国共产党)/, '');

/** Suffix of a placeholder or unknown unit (`XX区委`) when no division is recognised. */
const SUFFIX_LEVEL: readonly [RegExp, Exclude<Level, 'central' | 'unknown'>][] = [
  [/^[^市县区]{1,8}?(省|自治区)/, 'provincial'],
  [/^[^省县区]{1,8}?市/, 'municipal'],
  [/^[^省市区]{1,8}?(县|旗)/, 'county'],
  [/^[^省市县]{1,8}?区/, 'district'],
];

/** A place a title or text names as its own: a known division, or an anonymised one (`XX区`, `某县`). */
const PLACEHOLDER = /^(X+|某)\s*(省|市|县|区)/;

export function placeNamed(text: string): BodyPlace | null {
  const place = leadingPlace(text);
  if (place) return { level: place.level, region: place.written, why: `${place.name} (${place.level})` };
  const m = PLACEHOLDER.exec(text);
  const level = m ? SUFFIX_LEVEL.find(([re]) => re.test(m[0]))?.[1] : undefined;
  return m && level ? { level, region: m[0].replace(/\s+/g, ''), why: `unit ${m[0]}` } : null;
}

export interface BodyPlace {
  level: Level;
  /** `全国` for national bodies, else the place as the body's name writes it. */
  region: string | null;
  why: string;
}

export function placeOfBody(body: string): BodyPlace | null {
  if (NATIONAL.test(body)) return { level: 'central', region: '全国', why: `national body ${body}` };
  const stripped = withoutParty(body);
  const place = leadingPlace(stripped);
  if (place) return { level: place.level, region: place.written, why: `${place.name} (${place.level}) in ${body}` };
  if (NAMELESS_NATIONAL.test(body)) return { level: 'central', region: '全国', why: `body ${body} names no place` };
  for (const [re, level] of SUFFIX_LEVEL) {
    const m = re.exec(stripped);
    if (m) return { level, region: m[0], why: `unit ${m[0]} in ${body}` };
  }
  return null;
}

/** The standing body behind a session: `第九届全国人民代表大会常务委员会第三十次会议` → 全国人民代表大会常务委员会. */
export function bodyOfSession(session: string): string {
  return session
    .replace(/第[一二三四五六七八九十百\d]+届/g, '')
    .replace(/第[一二三四五六七八九十百\d]+次(全体|常务)?(会议|會議)$/, '')
    .replace(/(会议|會議)$/, '')
    // A decree names its maker: `中华人民共和国国务院令第111号` → 国务院.
    .replace(/(令|命令)(第[\d一二三四五六七八九十百零〇]+号)?$/, '')
    .replace(/^中华人民共和国(?=国务院|国家|最高|中央)/, '')
    .trim();
}
