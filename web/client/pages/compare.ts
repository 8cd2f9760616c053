/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Compare: pick a local document and one or more central ones (searchable pickers), see each central
 * requirement next to the local clauses answering it with the differences marked, filter by verdict,
 * download the report as HTML, DOCX or JSON.
 * @module
 */
import type { DiffPart } from '../../../pipeline/compare/diff.js';
import type { CompareReport, Verdict } from '../../../pipeline/compare/types.js';
import { getJson, type DocSummary } from '../api.js';
import { fill, h, hashOf, notice } from '../dom.js';
import { label } from '../labels.js';
import type { Page } from '../main.js';

type Filter = Verdict | 'addition';

/** The report with each item's two columns of character differences (`diff=true`). */
type PageReport = CompareReport & { sides: { central: DiffPart[]; local: DiffPart[] }[] };
const FILTERS: readonly Filter[] = ['covered', 'strengthened', 'weakened', 'missing', 'not_applicable', 'addition'];

/** A filter box over a native select: searchable, keyboard-friendly, and one-or-many. */
function picker(id: string, legend: string, docs: readonly DocSummary[], multiple: boolean, chosen: readonly string[]) {
  const select = h('select', { id, name: id, size: 7, multiple, 'aria-label': legend });
  const filter = h('input', { type: 'search', id: `${id}-filter`, placeholder: '按标题、编号筛选', autocomplete: 'off', 'aria-controls': id, 'aria-label': `${legend}：筛选` });
  const renderOptions = () => {
    const needle = filter.value.trim().toLowerCase();
    const keep = new Set([...select.selectedOptions].map((o) => o.value));
    for (const c of chosen) keep.add(c);
    chosen = [];
    fill(select, docs
      .filter((d) => keep.has(d.id) || !needle || d.title.toLowerCase().includes(needle) || d.id.startsWith(needle))
      .map((d) => h('option', { value: d.id, selected: keep.has(d.id), title: d.title },
        `${d.title || '（无标题）'} · ${label('level', d.level)}${d.piece ? ` · ${d.piece}` : ''}`)));
  };
  filter.addEventListener('input', renderOptions);
  renderOptions();
  const box = h('fieldset', { class: 'picker' }, h('legend', null, legend), filter, select);
  return { box, values: () => [...select.selectedOptions].map((o) => o.value) };
}

/** A column's text, what only this side says in a marked span. */
function marked(parts: readonly DiffPart[]): Node[] {
  return parts.map((p) => (p.side === 'same' ? document.createTextNode(p.text) : h('span', { class: `diff-${p.side}` }, p.text)));
}

function reportView(report: PageReport, filters: Set<Filter>, onFilter: (f: Filter) => void, downloads: HTMLElement): HTMLElement {
  const count = (f: Filter) => (f === 'addition' ? report.counts.additions : report.counts[f]);
  const chips = h('div', { class: 'chips', role: 'group', 'aria-label': '按判定筛选' }, FILTERS.map((f) =>
    h('button', { type: 'button', class: `chip v-${f}`, 'aria-pressed': String(filters.size === 0 || filters.has(f)), on: { click: () => onFilter(f) } },
      `${label('verdict', f)} ${count(f)}`)));
  const shown = (f: Filter) => filters.size === 0 || filters.has(f);
  const rows = report.items.flatMap((item, i) => {
    if (!shown(item.verdict)) return [];
    const sides = report.sides[i]!;
    return h('tr', { class: `v-${item.verdict}` },
      h('td', { 'data-label': '上级要求' }, h('span', { class: 'path' }, item.central.clausePath || '正文'), h('p', null, marked(sides.central))),
      h('td', { 'data-label': '判定' }, h('span', { class: `verdict v-${item.verdict}` }, label('verdict', item.verdict)), h('div', { class: 'score' }, `得分 ${item.score.toFixed(2)}`)),
      h('td', { 'data-label': '本地条款' }, item.local.length === 0 ? h('p', { class: 'muted' }, '（未找到对应条款）') :
        [h('span', { class: 'path' }, item.local.map((l) => l.clausePath || '正文').join('、')), h('p', null, marked(sides.local))]),
      h('td', { 'data-label': '理由' }, item.reasons.length ? h('ul', { class: 'reasons' }, item.reasons.map((r) => h('li', null, r))) : '—'));
  });
  return h('section', { class: 'report', 'aria-labelledby': 'report-h' },
    h('h2', { id: 'report-h' }, `《${report.local.title}》对照《${report.central.title}》`),
    h('p', { class: 'coverage' }, h('strong', null, `覆盖率 ${(report.coverage * 100).toFixed(0)}%`), `（上级要求 ${report.items.length} 条）`),
    chips, downloads,
    h('p', { class: 'hint' }, '两边不同之处：', h('span', { class: 'diff-central' }, '仅见于上级文件'), '，', h('span', { class: 'diff-local' }, '仅见于本地文件'), '。'),
    h('div', { class: 'table-wrap' }, h('table', { class: 'verdicts' },
      h('thead', null, h('tr', null, ['上级要求', '判定', '本地条款', '理由'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', null, rows.length ? rows : h('tr', null, h('td', { colspan: 4 }, '没有符合筛选的条目'))))),
    shown('addition') && report.additions.length ? h('section', { class: 'additions' },
      h('h3', null, `本地新增（${report.additions.length}）`),
      h('ul', null, report.additions.map((a) => h('li', null, h('span', { class: 'path' }, a.clausePath || '正文'), ' ', a.text)))) : null);
}

export function comparePage(main: HTMLElement, params: URLSearchParams): Page {
  const out = h('div', { class: 'compare-out', 'aria-live': 'polite' });
  fill(main, h('section', { class: 'compare' }, h('h1', null, '上下级文件比对'), h('div', { class: 'pickers-slot' }, notice('loading', '正在载入文件列表…')), out));
  let filters = new Set<Filter>(params.getAll('verdict').filter((v): v is Filter => (FILTERS as string[]).includes(v)));

  const run = async (local: string, central: string[]) => {
    history.replaceState(null, '', hashOf('/compare', { local, central, verdict: [...filters] }));
    fill(out, notice('loading', '正在比对…'));
    const qs = hashOf('', { local, central }).slice(1);
    try {
      const report = await getJson<PageReport>(`/api/compare${qs}&diff=true`);
      const downloads = h('p', { class: 'downloads' }, '下载报告：', (['html', 'docx', 'json'] as const).map((f) =>
        h('a', { class: 'button', href: `/api/compare${qs}&format=${f}`, download: '' }, f.toUpperCase())));
      const draw = () => fill(out, reportView(report, filters, (f) => {
        if (filters.size === 0) filters = new Set([f]);
        else if (filters.has(f)) filters.delete(f);
        else filters.add(f);
        history.replaceState(null, '', hashOf('/compare', { local, central, verdict: [...filters] }));
        draw();
      }, downloads));
      draw();
    } catch (err) {
      fill(out, notice('error', `比对失败：${(err as Error).message}`));
    }
  };

  void (async () => {
    try {
      const { docs } = await getJson<{ docs: DocSummary[] }>('/api/docs?limit=1000');
      const centralFirst = [...docs].sort((a, b) => Number(b.level === 'central') - Number(a.level === 'central'));
      const local = picker('local', '本地文件（被检查的）', docs, false, params.getAll('local'));
      const central = picker('central', '上级文件（可多选，按住 Ctrl）', centralFirst, true, params.getAll('central'));
      const form = h('form', { class: 'pickers', on: { submit: (e) => {
        e.preventDefault();
        const [l] = local.values();
        const c = central.values();
        if (!l || c.length === 0) fill(out, notice('error', '请各选一个本地文件和至少一个上级文件'));
        else void run(l, c);
      } } }, local.box, central.box, h('div', { class: 'actions' }, h('button', { type: 'submit' }, '开始比对')));
      fill(main.querySelector('.pickers-slot')!, docs.length ? form : notice('empty', '档案中还没有文件，请先导入。'));
      const [l] = params.getAll('local');
      const c = params.getAll('central');
      if (l && c.length) void run(l, c);
    } catch (err) {
      fill(main.querySelector('.pickers-slot')!, notice('error', `无法载入文件列表：${(err as Error).message}`));
    }
  })();
  return { key: 'compare/' };
}
