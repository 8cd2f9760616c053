/**
 * The year of a session of the National People's Congress (第N届全国人民代表大会第M次会议), from
 * the historical record: before the 5th NPC sessions were irregular, from the 5th on one a year.
 * A national work report names the session it was delivered to, often without a date.
 * @module
 */
import { chineseNumber } from '../structure/labels.js';

/** Sessions of the 1st–4th NPC, in order. */
const EARLY: Record<number, readonly number[]> = {
  1: [1954, 1955, 1956, 1957, 1958],
  2: [1959, 1960, 1962, 1963],
  3: [1964],
  4: [1975],
};

/** First session of the 5th NPC onwards; later sessions follow yearly within a term. */
const TERM_START: Record<number, number> = {
  5: 1978, 6: 1983, 7: 1988, 8: 1993, 9: 1998, 10: 2003, 11: 2008, 12: 2013, 13: 2018, 14: 2023, 15: 2028,
};
const SESSIONS_PER_TERM = 5;

/** The year of session `session` (1-based) of the `term`-th NPC, or null when no such session was held. */
export function npcSessionYear(term: number, session = 1): number | null {
  const early = EARLY[term];
  if (early) return early[session - 1] ?? null;
  const start = TERM_START[term];
  return start !== undefined && session >= 1 && session <= SESSIONS_PER_TERM ? start + session - 1 : null;
}

/**
 * The session a report was delivered to: `向第五届全国人民代表大会(第一次会议)作…`, `在第一届全国人民代表大会
 * 第四次会议上`, `我们第一届…第一次会议`; a session named after `从`/`自` (…以来) is the past and does not count.
 */
const DELIVERED = /(向|在|我们)第([一二三四五六七八九十]{1,3})届全国人民代表大会(?:第([一二三四五六七八九十]{1,3})次(?:会议|會議))?/;

export function deliveredYear(text: string): number | null {
  const m = DELIVERED.exec(text);
  if (!m) return null;
  return npcSessionYear(chineseNumber(m[2]!), m[3] ? chineseNumber(m[3]) : 1);
}
