/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Search: results as you type (debounced), facet filters, highlighted snippets, the citable clause
 * path, pages, and a link to the clause in its document. The address holds the whole query.
 * @module
 */
import { getJson, type SearchResponse } from '../api.js';
import { addSearchResults } from '../collect.js';
import { debounce, fill, h, hashOf, notice, snippetNodes } from '../dom.js';
import { label, type LabelTable } from '../labels.js';
import type { Page } from '../main.js';

const PAGE_SIZE = 10;
const LIST_FACETS = ['type', 'level', 'region', 'issuer', 'docNumber', 'findingKind'] as const;
type ListFacet = (typeof LIST_FACETS)[number];

/** Facets whose values are codes with Chinese names. */
const FACET_LABELS: Partial<Record<ListFacet, LabelTable>> = { type: 'type', level: 'level', findingKind: 'findingKind' };

interface State {
  q: string;
  in: 'clauses' | 'documents' | 'findings';
  filters: Record<ListFacet, string[]>;
  yearFrom: string;
  yearTo: string;
  page: number;
}

function stateOf(params: URLSearchParams): State {
  const mode = params.get('in');
  return {
    q: params.get('q') ?? '',
    in: mode === 'documents' || mode === 'findings' ? mode : 'clauses',
    filters: Object.fromEntries(LIST_FACETS.map((f) => [f, params.getAll(f)])) as Record<ListFacet, string[]>,
    yearFrom: params.get('yearFrom') ?? '',
    yearTo: params.get('yearTo') ?? '',
    page: Math.max(1, Number(params.get('page')) || 1),
  };
}

function paramsOf(s: State) {
  return {
    q: s.q.trim(), ...(s.in !== 'clauses' ? { in: s.in } : {}), ...s.filters,
    yearFrom: s.yearFrom, yearTo: s.yearTo, ...(s.page > 1 ? { page: s.page } : {}),
  };
}

export function searchPage(main: HTMLElement, params: URLSearchParams): Page {
  let state = stateOf(params);
  let controller: AbortController | null = null;

  const input = h('input', {
    id: 'q', type: 'search', name: 'q', value: state.q, autocomplete: 'off', placeholder: '输入检索词，如：专题协商会',
    'aria-describedby': 'search-help',
  });
  const mode = h('select', { id: 'search-in', name: 'in', 'aria-label': '检索范围' },
    h('option', { value: 'clauses' }, '条款'), h('option', { value: 'documents' }, '文件'), h('option', { value: 'findings' }, '要求与发现'));
  mode.value = state.in;
  const facetsBox = h('div', { class: 'facets-body' });
  const summary = h('p', { class: 'summary', role: 'status', 'aria-live': 'polite' });
  const hits = h('ol', { class: 'hits' });
  const pager = h('nav', { class: 'pager', 'aria-label': '分页' });
  // Every document of this search (all pages) into the 汇编清单, for the editor compiling a volume.
  const collected = h('span', { class: 'muted', role: 'status' });
  const collect = h('button', { type: 'button', id: 'add-all', on: { click: async () => {
    collect.disabled = true;
    collected.textContent = ' 加入中…';
    try {
      const { found, added } = await addSearchResults(paramsOf(state));
      collected.textContent = ` 共 ${found} 篇文档，新加入汇编清单 ${added} 篇。`;
    } catch (err) {
      collected.textContent = ` 加入失败：${(err as Error).message}`;
    } finally {
      collect.disabled = false;
    }
  } } }, '全部结果加入汇编清单');

  const run = async () => {
    history.replaceState(null, '', hashOf('/search', paramsOf(state)));
    controller?.abort();
    controller = new AbortController();
    const qs = hashOf('', { ...paramsOf(state), limit: PAGE_SIZE }).slice(1);
    summary.textContent = '检索中…';
    try {
      const result = await getJson<SearchResponse>(`/api/search${qs}`, { signal: controller.signal });
      render(result);
    } catch (err) {
      if ((err as Error).name === 'AbortError') return;
      fill(hits, h('li', null, notice('error', `检索失败：${(err as Error).message}`)));
      summary.textContent = '';
      pager.replaceChildren();
    }
  };
  const runSoon = debounce(run, 250);

  const change = (next: Partial<State>, now = true) => {
    state = { ...state, page: 1, ...next };
    if (now) void run();
    else runSoon();
  };

  function facetGroup(name: ListFacet, counts: Record<string, number>) {
    const chosen = state.filters[name];
    const values = [...new Set([...Object.keys(counts), ...chosen])].sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0));
    if (values.length === 0) return null;
    const table = FACET_LABELS[name];
    return h('fieldset', { class: 'facet', 'data-facet': name },
      h('legend', null, label('facet', name)),
      values.slice(0, 12).map((v) => {
        const id = `f-${name}-${v}`;
        const box = h('input', {
          type: 'checkbox', id, value: v, checked: chosen.includes(v),
          on: { change: (e) => {
            const on = (e.target as HTMLInputElement).checked;
            change({ filters: { ...state.filters, [name]: on ? [...chosen, v] : chosen.filter((c) => c !== v) } });
          } },
        });
        return h('div', { class: 'facet-value' }, box, h('label', { for: id }, table ? label(table, v) : v, ' ', h('span', { class: 'count' }, String(counts[v] ?? 0))));
      }));
  }

  function yearGroup(counts: Record<string, number>) {
    const years = Object.keys(counts).map(Number).filter(Number.isFinite).sort();
    const yearInput = (id: string, text: string, key: 'yearFrom' | 'yearTo') =>
      h('label', { for: id }, text, h('input', {
        id, type: 'number', inputmode: 'numeric', min: 1900, max: 2100, value: state[key], placeholder: String((key === 'yearFrom' ? years[0] : years[years.length - 1]) ?? ''),
        on: { change: (e) => change({ [key]: (e.target as HTMLInputElement).value }) },
      }));
    return h('fieldset', { class: 'facet facet-year', 'data-facet': 'year' },
      h('legend', null, '年份'),
      h('div', { class: 'year-range' }, yearInput('year-from', '从', 'yearFrom'), yearInput('year-to', '到', 'yearTo')));
  }

  function render(result: SearchResponse) {
    // Re-rendering the filters must not throw a keyboard user's focus back to the top.
    const focused = document.activeElement?.id;
    const filtered = LIST_FACETS.some((f) => state.filters[f].length > 0) || state.yearFrom || state.yearTo;
    fill(facetsBox,
      LIST_FACETS.map((f) => facetGroup(f, result.facets[f])),
      yearGroup(result.facets.year),
      filtered ? h('button', { type: 'button', class: 'link', on: { click: () => change({ filters: stateOf(new URLSearchParams()).filters, yearFrom: '', yearTo: '' }) } }, '清除筛选') : null);
    if (focused && facetsBox.querySelector(`[id="${CSS.escape(focused)}"]`)) document.getElementById(focused)?.focus();
    summary.textContent = result.total === 0 ? '没有找到结果' : `共 ${result.total} 条结果，第 ${state.page} 页`;
    fill(hits, result.hits.map((hit) => {
      const link = hashOf(`/doc/${encodeURIComponent(hit.docId)}`, hit.clausePath ? { c: hit.clausePath } : {});
      return h('li', { class: 'hit' },
        h('h3', null, h('a', { href: link }, hit.title || '（无标题）')),
        h('p', { class: 'cite' },
          h('span', { class: 'badge' }, label('type', hit.type)),
          hit.clausePath ? h('span', { class: 'path', title: '条款路径，可用于引用' }, `条款 ${hit.clausePath}`) : h('span', { class: 'path' }, '正文')),
        h('p', { class: 'snippet' }, snippetNodes(hit.snippet)),
        h('a', { class: 'goto', href: link }, '在文档中查看此条 →'));
    }));
    const pages = Math.ceil(result.total / PAGE_SIZE);
    const go = (p: number) => h('button', {
      type: 'button', 'aria-current': p === state.page ? 'page' : undefined,
      on: { click: () => { state = { ...state, page: p }; void run(); main.scrollIntoView(); } },
    }, String(p));
    const around = [...new Set([1, state.page - 1, state.page, state.page + 1, pages])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
    fill(pager, pages > 1 ? [
      h('button', { type: 'button', disabled: state.page <= 1, on: { click: () => { state = { ...state, page: state.page - 1 }; void run(); } } }, '上一页'),
      around.map(go),
      h('button', { type: 'button', disabled: state.page >= pages, on: { click: () => { state = { ...state, page: state.page + 1 }; void run(); } } }, '下一页'),
    ] : null);
  }

  input.addEventListener('input', () => change({ q: input.value }, false));
  mode.addEventListener('change', () => change({ in: mode.value as State['in'] }));
  const form = h('form', { role: 'search', class: 'searchbar', on: { submit: (e) => { e.preventDefault(); change({ q: input.value }); } } },
    h('label', { for: 'q', class: 'sr-only' }, '检索词'), input, mode, h('button', { type: 'submit' }, '检索'));
  fill(main,
    h('section', { class: 'search' },
      h('h1', { class: 'sr-only' }, '检索'),
      form,
      h('p', { id: 'search-help', class: 'hint' }, '多个词之间为“且”；用引号检索整句，如 “专题协商会”；前加减号排除，如 -培训。'),
      h('div', { class: 'search-layout' },
        h('aside', { class: 'facets', 'aria-label': '筛选' }, h('details', { open: window.matchMedia('(min-width: 760px)').matches }, h('summary', null, '筛选'), facetsBox)),
        h('div', { class: 'results' }, summary, h('p', { class: 'collect' }, collect, collected, ' ', h('a', { href: '#/volume' }, '去编排汇编 →')), hits, pager))));
  void run();
  input.focus();
  return {
    key: 'search/',
    update: (p) => {
      const next = stateOf(p);
      if (JSON.stringify(next) === JSON.stringify(state)) return;
      state = next;
      input.value = state.q;
      mode.value = state.in;
      void run();
    },
    leave: () => controller?.abort(),
  };
}
