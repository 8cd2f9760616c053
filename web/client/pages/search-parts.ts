/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Pieces of the search page: a hit card (date, level, region, 发文字号, clause path, and the
 * near-duplicate versions folded into it), the active-filter chips, the year range with counts,
 * and what to try when nothing was found.
 * @module
 */
import type { SearchResponse, Suggestion } from '../api.js';
import { h, hashOf, snippetNodes } from '../dom.js';
import { label, type LabelTable } from '../labels.js';

export const LIST_FACETS = ['type', 'level', 'region', 'issuer', 'docNumber', 'findingKind'] as const;
export type ListFacet = (typeof LIST_FACETS)[number];

/** Facets whose values are codes with Chinese names. */
const FACET_LABELS: Partial<Record<ListFacet, LabelTable>> = { type: 'type', level: 'level', findingKind: 'findingKind' };

/** A facet value as a reader knows it: 工作报告, not work_report. */
export function valueLabel(name: ListFacet, v: string): string {
  const table = FACET_LABELS[name];
  return table ? label(table, v) : v;
}

type Hit = SearchResponse['hits'][number];

/** The document page for a hit, carrying the search words (to mark them) and the clause. */
export function hitLink(hit: Pick<Hit, 'docId' | 'clausePath'>, q: string): string {
  return hashOf(`/doc/${encodeURIComponent(hit.docId)}`, { ...(hit.clausePath ? { c: hit.clausePath } : {}), ...(q.trim() ? { q: q.trim() } : {}) });
}

/** 类型 · 层级 · 地区 · 日期 · 发文字号 · 条款: every field shown, a missing one as 日期不详 rather than left out. */
function citeLine(hit: Hit): HTMLElement {
  return h('p', { class: 'cite' },
    h('span', { class: 'badge' }, label('type', hit.type)),
    h('span', { class: 'level', title: '层级' }, label('level', hit.level)),
    h('span', { class: 'region', title: '地区' }, hit.region ?? '地区不详'),
    hit.date ? h('time', { class: 'date', datetime: hit.date }, hit.date) : h('span', { class: 'date' }, '日期不详'),
    hit.docNumber ? h('span', { class: 'doc-number', title: '发文字号' }, hit.docNumber) : null,
    hit.clausePath ? h('span', { class: 'path', title: '条款路径，可用于引用' }, `条款 ${hit.clausePath}`) : h('span', { class: 'path' }, '正文'));
}

/** The copies folded into a hit, behind "另有 N 个版本" (a disclosure a keyboard opens too). */
function versionsOf(hit: Hit, q: string): HTMLElement | null {
  const others = hit.versionHits ?? [];
  if (others.length === 0) return null;
  return h('details', { class: 'versions' },
    h('summary', null, `另有 ${others.length} 个版本`),
    h('ol', null, others.map((v) => h('li', { class: 'version', 'data-doc': v.docId },
      h('a', { href: hitLink(v, q) }, v.title || '（无标题）'), ' ', citeLine(v), h('p', { class: 'snippet' }, snippetNodes(v.snippet))))));
}

export function hitCard(hit: Hit, q: string): HTMLElement {
  const link = hitLink(hit, q);
  return h('li', { class: 'hit', 'data-doc': hit.docId },
    h('h3', null, h('a', { href: link }, hit.title || '（无标题）')),
    citeLine(hit),
    h('p', { class: 'snippet' }, snippetNodes(hit.snippet)),
    h('a', { class: 'goto', href: link }, '在文档中查看此条 →'),
    versionsOf(hit, q));
}

export interface Chip {
  text: string;
  remove: () => void;
}

/** The filters in force, each with ✕ to drop it. */
export function chipsOf(chips: readonly Chip[], clearAll: () => void): HTMLElement | null {
  if (chips.length === 0) return null;
  return h('div', { class: 'chips active-filters', 'aria-label': '已选筛选' },
    chips.map((c) => h('button', { type: 'button', class: 'chip filter-chip', title: `去掉筛选：${c.text}`, on: { click: c.remove } },
      c.text, h('span', { 'aria-hidden': 'true' }, ' ✕'), h('span', { class: 'sr-only' }, '（去掉）'))),
    chips.length > 1 ? h('button', { type: 'button', class: 'link', on: { click: clearAll } }, '全部清除') : null);
}

/**
 * From / to as two lists of the years present with their counts; "不限" is the empty choice, so
 * nothing looks chosen that is not.
 */
export function yearRange(counts: Record<string, number>, from: string, to: string, set: (key: 'yearFrom' | 'yearTo', v: string) => void): HTMLElement {
  const years = [...new Set([...Object.keys(counts), from, to].filter(Boolean))].map(Number).filter(Number.isFinite).sort((a, b) => a - b);
  const select = (id: string, text: string, key: 'yearFrom' | 'yearTo', value: string) => {
    const el = h('select', { id, name: key, on: { change: (e) => set(key, (e.target as HTMLSelectElement).value) } },
      h('option', { value: '' }, '不限'),
      years.map((y) => h('option', { value: String(y) }, `${y}（${counts[y] ?? 0}）`)));
    el.value = value;
    return h('label', { for: id }, text, el);
  };
  return h('fieldset', { class: 'facet facet-year', 'data-facet': 'year' },
    h('legend', null, '年份'),
    years.length === 0 ? h('p', { class: 'muted' }, '结果中没有注明年份的文件') :
      h('div', { class: 'year-range' }, select('year-from', '从', 'yearFrom', from), select('year-to', '到', 'yearTo', to)));
}

/** What to try when nothing matched, each a button that does it. */
export function emptyState(result: SearchResponse, q: string, act: { search: (q: string) => void; drop: (s: Suggestion) => void }): HTMLElement {
  const tips = (result.suggestions ?? []).map((s) => {
    const text = s.kind === 'script' ? `改搜「${s.q}」`
      : s.kind === 'dropFilter' ? `去掉筛选「${valueLabel(s.filter, s.value)}」`
      : s.kind === 'dropYears' ? '不限年份' : '去掉全部筛选';
    return h('li', null, h('button', { type: 'button', class: 'link suggestion', on: { click: () => (s.kind === 'script' ? act.search(s.q) : act.drop(s)) } }, text), `，可找到 ${s.total} 条`);
  });
  const unfound = (result.tried ?? []).filter((t) => !(result.suggestions ?? []).some((s) => s.kind === 'script' && s.q === t));
  return h('div', { class: 'empty-state', role: 'status' },
    h('p', null, q.trim() ? `没有找到与「${q.trim()}」相符的结果。` : '没有符合这些筛选的文件。'),
    unfound.length ? h('p', { class: 'muted' }, `已同时按${unfound.map((t) => `「${t}」`).join('、')}检索（繁简写法互通），也没有结果。`) : null,
    tips.length ? [h('p', null, '可以试试：'), h('ul', { class: 'suggestions' }, tips)]
      : h('p', { class: 'muted' }, '可以试试：换一个词、减少检索词，或用引号外的单个词检索。'));
}
