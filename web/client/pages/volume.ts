/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * 汇编: the 汇编清单 titled and put in order (up/down), compiled by the server with the options
 * `wenshi compile` has (order, dropping near-duplicates) and downloaded as DOCX, Markdown or HTML.
 * Before each download the page shows what the volume will hold and which copies it leaves out,
 * with the copy kept in their place and how alike they are.
 * @module
 */
import { ApiError, postForFile, postJson, type VolumeSummary } from '../api.js';
import { fill, h, hashOf, notice } from '../dom.js';
import { label } from '../labels.js';
import type { Page } from '../main.js';
import { clearSelection, loadSelection, moveInSelection, onSelectionChange, removeFromSelection, setSelectionTitle } from '../selection.js';

type Format = 'docx' | 'md' | 'html';
const FORMATS: [Format, string][] = [['docx', 'DOCX'], ['md', 'Markdown'], ['html', 'HTML']];
const ORDERS: [string, string][] = [['listed', '按清单顺序'], ['date', '按日期先后'], ['type', '按文档类型']];

/** Why a compile failed, in Chinese; the server's own (English) sentence stays beside it for whoever reports it. */
function failure(err: unknown): string {
  const message = (err as Error).message;
  if (!(err instanceof ApiError)) return `编排失败：无法连接服务器（${message}）`;
  const why: Record<number, string> = {
    401: '需要写入令牌：请在“导入与状态”页填写令牌后重试',
    403: '只接受本服务器页面发出的请求',
    404: '清单中有文档已不在文库中，请移除后重试',
  };
  return `编排失败：${why[err.status] ?? (err.status >= 500 ? '服务器出错' : '请求有误')}（${message}）`;
}

/** Hands a file to the browser's download, as a link the person clicked would. */
function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own copy once started; keep the URL a moment for slow browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function volumePage(main: HTMLElement): Page {
  const list = h('ol', { class: 'volume-list' });
  const count = h('p', { class: 'summary', role: 'status', 'aria-live': 'polite' });
  const result = h('div', { class: 'volume-result', 'aria-live': 'polite' });
  const title = h('input', { id: 'volume-title', type: 'text', value: loadSelection().title, placeholder: '如：桐溪文史资料汇编（第一辑）', maxlength: 200 });
  title.addEventListener('input', () => setSelectionTitle(title.value));
  const order = h('select', { id: 'volume-order' }, ORDERS.map(([v, t]) => h('option', { value: v }, t)));
  const drop = h('input', { id: 'volume-drop', type: 'checkbox', checked: true });
  const buttons = h('p', { class: 'downloads' });

  function renderList() {
    const { docs } = loadSelection();
    count.textContent = docs.length ? `汇编清单共 ${docs.length} 篇` : '';
    fill(list, docs.length === 0
      ? h('li', { class: 'empty' }, notice('empty', '汇编清单是空的。在“文档”页勾选文档，或在检索页“加入全部结果”。'))
      : docs.map((d, i) => h('li', { 'data-id': d.id }, h('div', { class: 'volume-row' },
        h('span', { class: 'volume-item' },
          h('a', { href: hashOf(`/doc/${encodeURIComponent(d.id)}`) }, d.title || d.id),
          ' ', h('span', { class: 'muted' }, [d.type ? label('type', d.type) : '', d.date ?? ''].filter(Boolean).join(' · '))),
        h('span', { class: 'volume-actions' },
          h('button', { type: 'button', disabled: i === 0, 'aria-label': `上移：${d.title}`, on: { click: () => moveInSelection(d.id, -1) } }, '↑ 上移'),
          h('button', { type: 'button', disabled: i === docs.length - 1, 'aria-label': `下移：${d.title}`, on: { click: () => moveInSelection(d.id, 1) } }, '↓ 下移'),
          h('button', { type: 'button', 'aria-label': `移除：${d.title}`, on: { click: () => removeFromSelection([d.id]) } }, '移除'))))));
    for (const b of buttons.querySelectorAll('button')) b.disabled = docs.length === 0;
  }

  /** What the server will compile, shown before the download: the contents and the copies left out. */
  function showSummary(s: VolumeSummary) {
    const numberOf = new Map(s.articles.map((a) => [a.id, a]));
    fill(result,
      h('h2', null, `将收入 ${s.articles.length} 篇`),
      h('ol', { class: 'volume-contents' }, s.articles.map((a) => h('li', null, a.title))),
      s.dropped.length === 0
        ? h('p', { class: 'muted' }, '没有重复的文档。')
        : [
          h('h2', null, `重复未收 ${s.dropped.length} 篇`),
          h('p', { class: 'hint' }, '内容与所收文章近乎相同的文档只收一份：完整的优先，其次文字较全的，再次修复较少的。'),
          h('ul', { class: 'dropped' }, s.dropped.map((d) => {
            const kept = numberOf.get(d.keptId);
            return h('li', { 'data-id': d.id },
              h('strong', null, d.title || d.id),
              `：与第 ${kept?.number ?? '?'} 篇《${kept?.title ?? d.keptId}》相似度 ${d.similarity.toFixed(2)}，已收入后者。`);
          })),
        ]);
  }

  async function compile(format: Format) {
    const { docs } = loadSelection();
    const name = title.value.trim();
    if (!name) {
      fill(result, notice('error', '请先填写汇编标题。'));
      title.focus();
      return;
    }
    const body = { ids: docs.map((d) => d.id), title: name, order: order.value, dropDuplicates: drop.checked };
    fill(result, notice('loading', '正在编排…'));
    try {
      const [summary, file] = await Promise.all([
        postJson<VolumeSummary>('/api/compile', { ...body, format: 'json' }),
        postForFile('/api/compile', { ...body, format }),
      ]);
      showSummary(summary);
      download(file.blob, file.name ?? `${name}.${format}`);
    } catch (err) {
      fill(result, notice('error', failure(err)));
    }
  }

  fill(buttons, FORMATS.map(([f, text]) => h('button', { type: 'button', 'data-format': f, on: { click: () => void compile(f) } }, `下载 ${text}`)));
  fill(main, h('section', { class: 'volume' },
    h('h1', null, '汇编'),
    h('div', { class: 'toolbar' },
      h('label', { for: 'volume-title' }, '汇编标题 ', title),
      h('label', { for: 'volume-order' }, '排列 ', order),
      h('label', { for: 'volume-drop' }, drop, ' 去除重复（近似重复的只收一份）')),
    count,
    list,
    h('p', null, h('button', { type: 'button', class: 'link', on: { click: () => { if (confirm('清空汇编清单？')) clearSelection(); } } }, '清空清单')),
    buttons,
    result));
  renderList();
  const unsubscribe = onSelectionChange(renderList);
  return { key: 'volume/', leave: unsubscribe };
}
