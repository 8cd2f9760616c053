/**
 * A law's or regulation's history from the lines under its title: `2005年11月25日 山东省第十届人民代表大会
 * 常务委员会第十七次会议通过`, `根据…决定第一次修正`, `…修订` (several events may share one line).
 * The latest adoption, revision or amendment dates the version.
 * @module
 */
import { HISTORY_EVENT_NAMES } from '../history.js';
import type { HistoryEvent } from '../types.js';
import { DATE_SOURCE, isoDate } from './dates.js';

/** The words documents use for each event (the names people read are in `pipeline/history.ts`), and their synonyms. */
const EVENTS: Record<string, HistoryEvent['event']> = {
  ...Object.fromEntries(Object.entries(HISTORY_EVENT_NAMES).map(([event, word]) => [word, event as HistoryEvent['event']])),
  批准: 'adopted', 修改: 'amended', 发布: 'promulgated',
};

/**
 * A date, then (without crossing another date or a sentence end) what happened: the acting body
 * ends at its `会议` / `命令` / `令`, and the event word closes the entry.
 */
const ANOTHER_DATE = DATE_SOURCE.replace(/\((?!\?)/g, '(?:');
const ENTRY = new RegExp(`${DATE_SOURCE}((?:(?!${ANOTHER_DATE})[^。；\\n])*?)(通过|批准|修正|修订|公布|发布|施行)(?![\\u4e00-\\u9fff]{0,2}[的之])`, 'g');

/**
 * The acting body as written: up to its `会议` or `令` (a decision's title after it is not the
 * body), or a short name standing alone (`国务院批准`).
 */
function bodyOf(between: string): string | null {
  const rest = between.replace(/^[\s，,\u3000]*(根据|经)?/, '').trim();
  const body = rest.match(/^[^《〈<（(]*?(会议|命令|令)/)?.[0]?.trim() ?? (/^[\u4e00-\u9fff]{2,30}$/.test(rest) ? rest : null);
  return body || null;
}

/** Entries of a header, oldest first, duplicates (a line repeated around a separator) dropped. */
export function readHistory(header: string): HistoryEvent[] {
  const seen = new Set<string>();
  const out: HistoryEvent[] = [];
  for (const m of header.matchAll(ENTRY)) {
    const date = isoDate(m[1]!, m[2]!, m[3]!);
    if (!date) continue;
    const event = EVENTS[m[5]!]!;
    const key = `${date} ${event}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ date, event, body: bodyOf(m[4]!) });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

/** The version a text is: its latest adoption, revision or amendment (promulgation when it has only that). */
export function versionDate(history: readonly HistoryEvent[]): string | null {
  const made = history.filter((h) => h.event === 'adopted' || h.event === 'amended' || h.event === 'revised');
  return (made.at(-1) ?? history.find((h) => h.event === 'promulgated'))?.date ?? null;
}

/** A line that only records history (it is never a title). */
export function isHistoryLine(line: string): boolean {
  ENTRY.lastIndex = 0;
  const m = ENTRY.exec(line);
  ENTRY.lastIndex = 0;
  return m !== null && m.index <= 2;
}
