/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Compare: pick a local document and one or more central ones (searchable pickers grouped by level;
 * a document is never compared with itself), see each central requirement next to the local text
 * answering it with the differences marked and the reasons in plain Chinese, filter by verdict or to
 * the items marked for review (a legend says what each means), download what is shown as HTML, DOCX,
 * Markdown or JSON.
 * @module
 */
import type { DiffPart } from '../../../pipeline/compare/diff.js';
import type { CompareReport, Verdict } from '../../../pipeline/compare/types.js';
import { getJson, type DocSummary } from '../api.js';
import { alignmentLine, clauseName } from '../../../pipeline/compare/wording.js';
import { fill, h, hashOf, notice } from '../dom.js';
import { label } from '../labels.js';
import type { Page } from '../main.js';

/** A verdict, the local additions, or the items whose verdict was decided near the line (`review`). */
type Filter = Verdict | 'addition' | 'review';

/** The report with each item's two columns of character differences (`diff=true`). */
type PageReport = CompareReport & { sides: { central: DiffPart[]; local: DiffPart[] }[] };
const FILTERS: readonly Filter[] = ['covered', 'strengthened', 'weakened', 'missing', 'not_applicable', 'addition', 'review'];

/** What each verdict means, for the legend and the tooltips. */
const VERDICT_HELP: Record<Filter, string> = {
  covered: '本地文件以相同或相当的力度提出了这项要求，可以改写措辞、换位置或分散在几条中。',
  strengthened: '本地要求更高：语气更强（可以→应当）、频次更高、增加时限或人数要求、适用范围更广等。',
  weakened: '本地要求更低：语气变弱（应当→可以）、频次降低、加上“根据需要”、具体要求改为“按有关规定”等。',
  missing: '本地文件中找不到对应的要求；理由中列出最接近的本地条款及相似度。',
  not_applicable: '只约束上级机关或只关于上级文件本身（施行日期、授权制定实施办法、国务院职责等），本地不必回应。',
  addition: '本地文件提出、而上级文件中没有对应的要求。',
  review: '判定接近判定线：判为缺失、但最接近的本地条款相似度只略低于阈值，或找到的对应条款相似度偏低。这类条目出错较多，请优先人工核对。',
};

/** Levels top first: the pickers group documents by them. */
const LEVEL_ORDER = ['central', 'provincial', 'municipal', 'county', 'district', 'unknown'];

function legend(): HTMLElement {
  return h('details', { class: 'legend' }, h('summary', null, '判定说明'),
    h('dl', null, FILTERS.flatMap((f) => [h('dt', null, h('span', { class: `verdict v-${f}` }, label('verdict', f))), h('dd', null, VERDICT_HELP[f])])));
}

/** A filter box over a native select: searchable, keyboard-friendly, and one-or-many. */
function picker(id: string, legend: string, docs: readonly DocSummary[], multiple: boolean, chosen: readonly string[]) {
  const select = h('select', { id, name: id, size: 7, multiple, 'aria-label': legend });
  const filter = h('input', { type: 'search', id: `${id}-filter`, placeholder: '按标题、编号筛选', autocomplete: 'off', 'aria-controls': id, 'aria-label': `${legend}：筛选` });
  const renderOptions = () => {
    const needle = filter.value.trim().toLowerCase();
    const keep = new Set([...select.selectedOptions].map((o) => o.value));
    for (const c of chosen) keep.add(c);
    chosen = [];
    const shown = docs.filter((d) => keep.has(d.id) || !needle || d.title.toLowerCase().includes(needle) || d.id.startsWith(needle));
    const levels = [...new Set([...LEVEL_ORDER, ...shown.map((d) => d.level)])];
    fill(select, levels.flatMap((level) => {
      const group = shown.filter((d) => d.level === level);
      return group.length === 0 ? [] : [h('optgroup', { label: label('level', level) }, group.map((d) =>
        h('option', { value: d.id, selected: keep.has(d.id), title: d.title }, `${d.title || '（无标题）'}${d.piece ? ` · ${d.piece}` : ''}`)))];
    }));
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

/** Download links for what the page shows: the same verdict filter goes to the export. */
function downloadLinks(qs: string, filters: ReadonlySet<Filter>): HTMLElement {
  const only = [...filters].map((f) => `&verdict=${encodeURIComponent(f)}`).join('');
  return h('p', { class: 'downloads' }, filters.size ? '下载所筛选的条目：' : '下载报告：', (['html', 'docx', 'md', 'json'] as const).map((f) =>
    h('a', { class: 'button', href: `/api/compare${qs}&format=${f}${only}`, download: '' }, f === 'md' ? 'Markdown' : f.toUpperCase())));
}

function reportView(report: PageReport, filters: Set<Filter>, onFilter: (f: Filter) => void, downloads: HTMLElement): HTMLElement {
  const count = (f: Filter) => (f === 'addition' ? report.counts.additions : report.counts[f]);
  const chips = h('div', { class: 'chips', role: 'group', 'aria-label': '按判定筛选' }, FILTERS.map((f) =>
    h('button', { type: 'button', class: `chip v-${f}`, title: VERDICT_HELP[f], 'aria-pressed': String(filters.size === 0 || filters.has(f)), on: { click: () => onFilter(f) } },
      `${label('verdict', f)} ${count(f)}`)));
  const shown = (f: Filter) => filters.size === 0 || filters.has(f);
  const rows = report.items.flatMap((item, i) => {
    if (!shown(item.verdict) && !(item.review && filters.has('review'))) return [];
    const sides = report.sides[i]!;
    return h('tr', { class: `v-${item.verdict}` },
      h('td', { 'data-label': '上级要求' }, h('span', { class: 'path' }, clauseName(item.central.clausePath)), h('p', null, marked(sides.central)),
        item.central.clauseText !== item.central.text ? h('details', { class: 'context' }, h('summary', null, '所在条款'), h('p', null, item.central.clauseText)) : null),
      h('td', { 'data-label': '判定' }, h('span', { class: `verdict v-${item.verdict}`, title: VERDICT_HELP[item.verdict] }, label('verdict', item.verdict)),
        item.review ? h('span', { class: 'review-mark', title: VERDICT_HELP.review }, label('verdict', 'review')) : null,
        h('div', { class: 'score', title: alignmentLine(item) }, `得分 ${item.score.toFixed(2)}`)),
      h('td', { 'data-label': '本地条款' }, item.local.length === 0 ? h('p', { class: 'muted' }, item.closest
        ? `（未找到对应条款；最接近的是 ${clauseName(item.closest.clausePath)}：${item.closest.text}）` : '（未找到对应条款）') :
        [h('span', { class: 'path' }, item.local.map((l) => clauseName(l.clausePath)).join('、')), h('p', null, marked(sides.local))]),
      h('td', { 'data-label': '理由' }, item.explanation.length || item.review ? h('ul', { class: 'reasons' }, item.explanation.map((r) => h('li', null, r)),
        item.review ? h('li', { class: 'review' }, `待核：${item.review.explanation}`) : null) : '—',
        h('p', { class: 'alignment muted' }, alignmentLine(item))));
  });
  return h('section', { class: 'report', 'aria-labelledby': 'report-h' },
    h('h2', { id: 'report-h' }, `《${report.local.title}》对照《${report.central.title}》`),
    h('p', { class: 'coverage' }, h('strong', null, `覆盖率 ${(report.coverage * 100).toFixed(0)}%`), `（上级要求 ${report.items.length} 条）`),
    chips, legend(), downloads,
    h('p', { class: 'hint' }, '两边不同之处：', h('span', { class: 'diff-central' }, '仅见于上级文件'), '，', h('span', { class: 'diff-local' }, '仅见于本地文件'), '。'),
    h('div', { class: 'table-wrap' }, h('table', { class: 'verdicts' },
      h('thead', null, h('tr', null, ['上级要求', '判定', '本地条款', '理由'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', null, rows.length ? rows : h('tr', null, h('td', { colspan: 4 }, '没有符合筛选的条目'))))),
    shown('addition') && report.additions.length ? h('section', { class: 'additions' },
      h('h3', null, `本地新增（${report.additions.length}）`),
      h('ul', null, report.additions.map((a) => h('li', null, h('span', { class: 'path' }, clauseName(a.clausePath)), ' ', a.text)))) : null);
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
      const draw = () => fill(out, reportView(report, filters, (f) => {
        if (filters.size === 0) filters = new Set([f]);
        else if (filters.has(f)) filters.delete(f);
        else filters.add(f);
        history.replaceState(null, '', hashOf('/compare', { local, central, verdict: [...filters] }));
        draw();
      }, downloadLinks(qs, filters)));
      draw();
    } catch (err) {
      fill(out, notice('error', `比对失败：${(err as Error).message}`));
    }
  };

  void (async () => {
    try {
      const { docs } = await getJson<{ docs: DocSummary[] }>('/api/docs?limit=1000');
      const local = picker('local', '本地文件（被检查的）', docs, false, params.getAll('local'));
      const central = picker('central', '上级文件（可多选，按住 Ctrl）', docs, true, params.getAll('central'));
      const form = h('form', { class: 'pickers', on: { submit: (e) => {
        e.preventDefault();
        const [l] = local.values();
        const c = central.values();
        if (!l || c.length === 0) fill(out, notice('error', '请各选一个本地文件和至少一个上级文件'));
        else if (c.includes(l)) fill(out, notice('error', '不能把文件与它自己比对：上级文件中选了本地文件本身'));
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
