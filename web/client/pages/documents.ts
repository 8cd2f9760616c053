/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * 文档: every archived document with title, type, level, region, date, 发文字号 and source file; filters, sort
 * and pages, all in the address. A row's checkbox puts the document in the 汇编清单 (or takes it
 * out), so what is ticked is always what will be compiled.
 * @module
 */
import { DOC_TYPES, LEVELS } from '../../../pipeline/types.js';
import { getJson, type DocSummary } from '../api.js';
import { debounce, fill, h, hashOf, notice } from '../dom.js';
import { label } from '../labels.js';
import type { Page } from '../main.js';
import { addToSelection, loadSelection, onSelectionChange, removeFromSelection } from '../selection.js';

const PAGE_SIZE = 50;
const SORTS: Record<string, string> = { added: '入库先后', date: '日期', title: '标题', type: '类型' };

interface DocsPage {
  total: number;
  page: number;
  limit: number;
  docs: (DocSummary & { source: string | null })[];
}

interface State {
  q: string;
  type: string;
  level: string;
  year: string;
  sort: string;
  desc: boolean;
  page: number;
}

function stateOf(p: URLSearchParams): State {
  const sort = p.get('sort') ?? 'added';
  return {
    q: p.get('q') ?? '', type: p.get('type') ?? '', level: p.get('level') ?? '', year: p.get('year') ?? '',
    sort: sort in SORTS ? sort : 'added', desc: p.get('desc') === '1', page: Math.max(1, Number(p.get('page')) || 1),
  };
}

const paramsOf = (s: State) => ({
  q: s.q.trim(), type: s.type, level: s.level, year: /^\d{4}$/.test(s.year) ? s.year : '',
  sort: s.sort === 'added' ? '' : s.sort, desc: s.desc ? '1' : '', page: s.page > 1 ? s.page : undefined,
});

/** A select with an "all" option first. */
function choice(id: string, text: string, all: string, values: readonly [string, string][], value: string, onChange: (v: string) => void) {
  const select = h('select', { id, on: { change: () => onChange(select.value) } },
    h('option', { value: '' }, all), values.map(([v, name]) => h('option', { value: v }, name)));
  select.value = value;
  return h('label', { for: id }, text, ' ', select);
}

export function documentsPage(main: HTMLElement, params: URLSearchParams): Page {
  let state = stateOf(params);
  let shown: DocsPage['docs'] = [];
  let controller: AbortController | null = null;
  const summary = h('p', { class: 'summary', role: 'status', 'aria-live': 'polite' });
  const body = h('tbody');
  const all = h('input', { type: 'checkbox', id: 'docs-all', 'aria-label': '本页全部加入汇编清单' });
  const pager = h('nav', { class: 'pager', 'aria-label': '分页' });
  const basket = h('p', { class: 'basket' });

  const renderBasket = () => {
    const n = loadSelection().docs.length;
    fill(basket, `汇编清单：${n} 篇 `, h('a', { href: '#/volume', class: 'button' }, '去编排汇编 →'));
    const chosen = new Set(loadSelection().docs.map((d) => d.id));
    for (const box of body.querySelectorAll<HTMLInputElement>('input[data-id]')) box.checked = chosen.has(box.dataset.id!);
    all.checked = shown.length > 0 && shown.every((d) => chosen.has(d.id));
  };

  const pick = (docs: readonly DocSummary[], on: boolean) => {
    if (on) addToSelection(docs.map((d) => ({ id: d.id, title: d.title, type: d.type, date: d.date })));
    else removeFromSelection(docs.map((d) => d.id));
  };

  function row(d: DocsPage['docs'][number]) {
    const box = h('input', {
      type: 'checkbox', 'data-id': d.id, id: `pick-${d.id}`, 'aria-label': `选入汇编：${d.title || d.id}`,
      on: { change: (e) => pick([d], (e.target as HTMLInputElement).checked) },
    });
    return h('tr', { 'data-id': d.id },
      h('td', null, box),
      h('td', null, h('a', { href: hashOf(`/doc/${encodeURIComponent(d.id)}`) }, d.title || '（无标题）')),
      h('td', { class: 'nowrap' }, label('type', d.type)),
      h('td', { class: 'nowrap' }, label('level', d.level)),
      h('td', null, d.region ?? '—'),
      h('td', { class: 'nowrap' }, d.date ?? (d.year ? String(d.year) : '—')),
      h('td', null, d.docNumber ?? '—'),
      h('td', { class: 'source' }, d.source ?? '—'));
  }

  const run = async () => {
    history.replaceState(null, '', hashOf('/docs', paramsOf(state)));
    controller?.abort();
    controller = new AbortController();
    const p = paramsOf(state);
    const qs = hashOf('', { ...p, desc: state.desc ? 'true' : undefined, page: state.page, limit: PAGE_SIZE }).slice(1);
    summary.textContent = '加载中…';
    try {
      const result = await getJson<DocsPage>(`/api/docs${qs}`, { signal: controller.signal });
      shown = result.docs;
      const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
      summary.textContent = result.total === 0 ? '没有符合条件的文档' : `共 ${result.total} 篇，第 ${state.page} / ${pages} 页`;
      fill(body, shown.map(row));
      fill(pager, pages > 1 ? [
        h('button', { type: 'button', disabled: state.page <= 1, on: { click: () => go(state.page - 1) } }, '上一页'),
        h('span', null, ` 第 ${state.page} / ${pages} 页 `),
        h('button', { type: 'button', disabled: state.page >= pages, on: { click: () => go(state.page + 1) } }, '下一页'),
      ] : null);
      renderBasket();
    } catch (err) {
      if ((err as Error).name === 'AbortError') return;
      summary.textContent = '';
      fill(body, h('tr', null, h('td', { colspan: 8 }, notice('error', `无法列出文档：${(err as Error).message}`))));
    }
  };
  const go = (page: number) => { state = { ...state, page }; void run(); };
  const change = (next: Partial<State>) => { state = { ...state, page: 1, ...next }; void run(); };

  all.addEventListener('change', () => pick(shown, all.checked));
  const q = h('input', { id: 'docs-q', type: 'search', value: state.q, placeholder: '标题或编号', autocomplete: 'off' });
  q.addEventListener('input', debounce(() => change({ q: q.value }), 250));
  const year = h('input', { id: 'docs-year', type: 'number', inputmode: 'numeric', min: 1900, max: 2100, value: state.year });
  year.addEventListener('change', () => change({ year: year.value }));
  const desc = h('input', { id: 'docs-desc', type: 'checkbox', checked: state.desc, on: { change: () => change({ desc: desc.checked }) } });

  fill(main, h('section', { class: 'documents' },
    h('h1', null, '文档'),
    h('div', { class: 'toolbar' },
      h('label', { for: 'docs-q' }, '查找 ', q),
      choice('docs-type', '类型', '全部类型', DOC_TYPES.map((t) => [t, label('type', t)]), state.type, (v) => change({ type: v })),
      choice('docs-level', '层级', '全部层级', LEVELS.map((l) => [l, label('level', l)]), state.level, (v) => change({ level: v })),
      h('label', { for: 'docs-year' }, '年份 ', year),
      choice('docs-sort', '排序', '入库先后', Object.entries(SORTS).filter(([k]) => k !== 'added'), state.sort === 'added' ? '' : state.sort,
        (v) => change({ sort: v || 'added' })),
      h('label', { for: 'docs-desc' }, desc, ' 倒序')),
    basket,
    summary,
    h('div', { class: 'table-wrap' }, h('table', { class: 'doc-list' },
      h('thead', null, h('tr', null, h('th', null, all), ['标题', '类型', '层级', '地区', '日期', '发文字号', '来源文件'].map((t) => h('th', null, t)))),
      body)),
    pager));
  const unsubscribe = onSelectionChange(renderBasket);
  void run();
  return {
    key: 'docs/',
    update: (p) => {
      const next = stateOf(p);
      if (JSON.stringify(next) === JSON.stringify(state)) return;
      state = next;
      void run();
    },
    leave: () => { controller?.abort(); unsubscribe(); },
  };
}
