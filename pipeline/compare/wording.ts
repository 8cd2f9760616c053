/**
 * How compare writes what it found: frequencies and deadlines as a person reads them, verdict
 * names in Chinese and English, and short excerpts.
 * @module
 */
import type { Frequency, Period } from '../analyze/types.js';
import type { CompareItem, CompareReport, Verdict } from './types.js';

const PERIOD_WORD: Record<Period, string> = {
  year: '每年', half_year: '每半年', quarter: '每季度', month: '每月', term: '每届', event: '每次',
};

/** `每年至少 2 次`, `每年 1-2 次`, `每届 1 次`, `每年 10 件` (the classifier as the text counts). */
export function formatFrequency(f: Frequency, unit = '次'): string {
  const per = PERIOD_WORD[f.per];
  if (f.min !== null && f.max !== null) return f.min === f.max ? `${per} ${f.min} ${unit}` : `${per} ${f.min}-${f.max} ${unit}`;
  if (f.min !== null) return `${per}至少 ${f.min} ${unit}`;
  if (f.max !== null) return `${per}至多 ${f.max} ${unit}`;
  return per;
}

export const VERDICT_LABEL: Record<Verdict, string> = {
  covered: '已覆盖 covered',
  strengthened: '已加强 strengthened',
  weakened: '已弱化 weakened',
  missing: '缺失 missing',
  not_applicable: '不适用 not applicable',
};

export const ADDITION_LABEL = '地方新增 local addition';

/** The mark of an item whose verdict was decided near the line (see review.ts). */
export const REVIEW_LABEL = '待核 to check';

/** `待核 to check：…` for an item marked for review, else null. */
export function reviewLine(item: CompareItem): string | null {
  return item.review ? `${REVIEW_LABEL}：${item.review.explanation}` : null;
}

/** A clause path as a reader names it: a text without numbered clauses is 正文. */
export function clauseName(path: string): string {
  return path || '正文';
}

/** The first `max` characters of a text, with `…` when cut. */
export function excerpt(text: string, max = 40): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

export function summaryLine(r: CompareReport): string {
  const c = r.counts;
  return `覆盖率 coverage ${Math.round(r.coverage * 100)}% · covered ${c.covered} · strengthened ${c.strengthened} · weakened ${c.weakened} · missing ${c.missing} · not applicable ${c.not_applicable} · local additions ${c.additions} · 待核 to check ${c.review}`;
}

export function scoreLine(item: CompareItem): string {
  const p = item.scoreParts;
  return `${item.score.toFixed(2)} (cos ${p.cosine.toFixed(2)} · cover ${p.cover.toFixed(2)} · findings ${p.findings.toFixed(2)})`;
}

export function settingsLine(r: CompareReport): string {
  const w = r.settings.weights;
  return `score = ${w.cosine}·cosine + ${w.cover}·cover + ${w.findings}·findings; below ${r.settings.threshold} a clause is missing, unless the best candidate is a sentence of the aligned local clause that answers no other item`;
}

/**
 * How an item's answer was found, for a reader: the clause pair the order-aware alignment made and
 * whether the answer lay inside it or came from the whole-document search.
 */
export function alignmentLine(item: CompareItem): string {
  const a = item.alignment;
  const pair = a.localClause ? `${item.central.clausePath} ↔ 地方${a.localClause}（条款相似度 ${a.clauseScore.toFixed(2)}）` : `${item.central.clausePath} 无对齐的地方条款`;
  if (a.via === 'clause') return `对齐：${pair}；在对齐条款中找到`;
  if (a.via === 'document') return `对齐：${pair}；在全文中找到`;
  return `对齐：${pair}`;
}
