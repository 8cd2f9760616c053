/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Search: results as you type (debounced), facet filters (several values of a facet ORed, facets
 * ANDed, each value's count kept in view), the filters in force as chips, a year range with counts,
 * relevance or date order, near-duplicate copies folded into one hit, highlighted snippets, the
 * citable clause path, pages, and a link to the clause in its document. The address holds the
 * whole query, and the last search is remembered for the document page's way back.
 * @module
 */
import { getJson, type SearchResponse, type Suggestion } from '../api.js';
import { addSearchResults } from '../collect.js';
import { debounce, fill, h, hashOf, notice } from '../dom.js';
import { label } from '../labels.js';
import type { Page } from '../main.js';
import { chipsOf, emptyState, hitCard, LIST_FACETS, valueLabel, yearRange, type Chip, type ListFacet } from './search-parts.js';

const PAGE_SIZE = 10;

/** Where the document page's "返回检索" goes: the last search's address, page included. */
export const LAST_SEARCH_KEY = 'wenshi-last-search';

interface State {
  q: string;
  in: 'clauses' | 'documents' | 'findings';
  filters: Record<ListFacet, string[]>;
  yearFrom: string;
  yearTo: string;
  page: number;
  sort: 'relevance' | 'date';
  /** Near-duplicate documents as one hit (the default). */
  collapse: boolean;
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
    sort: params.get('sort') === 'date' ? 'date' : 'relevance',
    collapse: params.get('collapse') !== '0',
  };
}

function paramsOf(s: State) {
  return {
    q: s.q.trim(), ...(s.in !== 'clauses' ? { in: s.in } : {}), ...s.filters,
    yearFrom: s.yearFrom, yearTo: s.yearTo, ...(s.page > 1 ? { page: s.page } : {}),
    ...(s.sort === 'date' ? { sort: 'date' } : {}), ...(s.collapse ? {} : { collapse: '0' }),
  };
}

const NO_FILTERS = (): Pick<State, 'filters' | 'yearFrom' | 'yearTo'> => ({ filters: stateOf(new URLSearchParams()).filters, yearFrom: '', yearTo: '' });

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
  const sort = h('select', { id: 'search-sort', name: 'sort', 'aria-label': '排序' },
    h('option', { value: 'relevance' }, '按相关度'), h('option', { value: 'date' }, '按日期（新→旧）'));
  sort.value = state.sort;
  const collapse = h('input', { type: 'checkbox', id: 'search-collapse', checked: state.collapse });
  const chips = h('div', { class: 'chips-box' });
  // Busy while a request is out: a reader (and a test) can tell the results shown are the latest.
  const results = h('div', { class: 'results', 'aria-busy': 'true' });
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
    const address = hashOf('/search', paramsOf(state));
    history.replaceState(null, '', address);
    sessionStorage.setItem(LAST_SEARCH_KEY, address);
    results.setAttribute('aria-busy', 'true');
    controller?.abort();
    controller = new AbortController();
    const qs = hashOf('', { ...paramsOf(state), limit: PAGE_SIZE }).slice(1);
    summary.textContent = '检索中…';
    try {
      const result = await getJson<SearchResponse>(`/api/search${qs}`, { signal: controller.signal });
      render(result);
    } catch (err) {
      if ((err as Error).name === 'AbortError') return;
      results.setAttribute('aria-busy', 'false');
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

  const setFilter = (name: ListFacet, values: string[]) => change({ filters: { ...state.filters, [name]: values } });

  function facetGroup(name: ListFacet, counts: Record<string, number>) {
    const chosen = state.filters[name];
    const values = [...new Set([...Object.keys(counts), ...chosen])].sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0));
    if (values.length === 0) return null;
    // The values picked stay listed even when they are not among the most frequent.
    const shown = [...new Set([...values.slice(0, 12), ...chosen])];
    return h('fieldset', { class: 'facet', 'data-facet': name },
      h('legend', null, label('facet', name), chosen.length > 1 ? h('span', { class: 'muted' }, '（任一）') : null),
      shown.map((v) => {
        const id = `f-${name}-${v}`;
        const box = h('input', {
          type: 'checkbox', id, value: v, checked: chosen.includes(v),
          on: { change: (e) => setFilter(name, (e.target as HTMLInputElement).checked ? [...chosen, v] : chosen.filter((c) => c !== v)) },
        });
        return h('div', { class: 'facet-value' }, box, h('label', { for: id }, valueLabel(name, v), ' ', h('span', { class: 'count' }, String(counts[v] ?? 0))));
      }));
  }

  function activeChips(): Chip[] {
    const out: Chip[] = LIST_FACETS.flatMap((name) => state.filters[name].map((v) => ({
      text: `${label('facet', name)}：${valueLabel(name, v)}`,
      remove: () => setFilter(name, state.filters[name].filter((c) => c !== v)),
    })));
    if (state.yearFrom || state.yearTo) {
      out.push({ text: `年份：${state.yearFrom || '不限'}–${state.yearTo || '不限'}`, remove: () => change({ yearFrom: '', yearTo: '' }) });
    }
    return out;
  }

  const drop = (s: Suggestion) => {
    if (s.kind === 'dropFilter') setFilter(s.filter, state.filters[s.filter].filter((c) => c !== s.value));
    else if (s.kind === 'dropYears') change({ yearFrom: '', yearTo: '' });
    else if (s.kind === 'dropAll') change(NO_FILTERS());
  };

  function render(result: SearchResponse) {
    results.setAttribute('aria-busy', 'false');
    // Re-rendering the filters must not throw a keyboard user's focus back to the top.
    const focused = document.activeElement?.id;
    fill(facetsBox,
      // The facets count every copy; said here, so a count above the cards a value shows is no surprise.
      result.folded > 0 ? h('p', { class: 'hint facet-note' }, `计数含已合并的 ${result.folded} 个重复版本`) : null,
      LIST_FACETS.map((f) => facetGroup(f, result.facets[f])),
      yearRange(result.facets.year, state.yearFrom, state.yearTo, (key, v) => change({ [key]: v })));
    fill(chips, chipsOf(activeChips(), () => change(NO_FILTERS())));
    if (focused && facetsBox.querySelector(`[id="${CSS.escape(focused)}"]`)) document.getElementById(focused)?.focus();
    summary.textContent = result.total === 0 ? '没有找到结果'
      : `共 ${result.total} 条结果${result.collapsed && result.hits.some((hit) => hit.versions?.length) ? '（重复版本已合并）' : ''}，第 ${state.page} 页`;
    fill(hits, result.total === 0
      ? h('li', null, emptyState(result, state.q, { search: (q) => { input.value = q; change({ q }); }, drop }))
      : result.hits.map((hit) => hitCard(hit, state.q)));
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
  sort.addEventListener('change', () => change({ sort: sort.value as State['sort'] }));
  collapse.addEventListener('change', () => change({ collapse: collapse.checked }));
  const form = h('form', { role: 'search', class: 'searchbar', on: { submit: (e) => { e.preventDefault(); change({ q: input.value }); } } },
    h('label', { for: 'q', class: 'sr-only' }, '检索词'), input, mode, h('button', { type: 'submit' }, '检索'));
  fill(main,
    h('section', { class: 'search' },
      h('h1', { class: 'sr-only' }, '检索'),
      form,
      h('p', { id: 'search-help', class: 'hint' }, '多个词之间为“且”；用引号检索整句，如 “专题协商会”；前加减号排除，如 -培训。'),
      h('div', { class: 'search-layout' },
        h('aside', { class: 'facets', 'aria-label': '筛选' }, h('details', { open: window.matchMedia('(min-width: 760px)').matches }, h('summary', null, '筛选'), facetsBox)),
        results)));
  results.append(
    h('div', { class: 'result-tools' }, summary,
      h('label', { for: 'search-sort', class: 'sr-only' }, '排序'), sort,
      h('label', { for: 'search-collapse', class: 'inline' }, collapse, '合并重复版本')),
    chips, h('p', { class: 'collect' }, collect, collected, ' ', h('a', { href: '#/volume' }, '去编排汇编 →')), hits, pager);
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
      sort.value = state.sort;
      collapse.checked = state.collapse;
      void run();
    },
    leave: () => controller?.abort(),
  };
}
