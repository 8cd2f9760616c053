/**
 * A law's or regulation's history (`…会议通过`, `…修正`) as people read it.
 * @module
 */
import type { HistoryEvent } from './types.js';

/** Each history event by the word the documents use for it. */
export const HISTORY_EVENT_NAMES: Readonly<Record<HistoryEvent['event'], string>> = {
  adopted: '通过',
  amended: '修正',
  revised: '修订',
  promulgated: '公布',
  effective: '施行',
};

/** `2018-01-23 修正 青川省第十二届人民代表大会常务委员会第三十五次会议`. */
export function historyLine(e: HistoryEvent): string {
  return [e.date, HISTORY_EVENT_NAMES[e.event] ?? e.event, e.body].filter(Boolean).join(' ');
}
