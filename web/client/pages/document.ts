/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * A document: clickable outline, the text clause by clause with findings marked by modality (colour,
 * border style and a legend) and the search's words marked (the first scrolled into view), a
 * findings table, metadata, the original file, provenance, a permalink per clause, a citation to
 * copy, and the way back to the search as it was.
 * @module
 */
import { getJson, type DocView, type Finding } from '../api.js';
import { fill, h, hashOf, notice } from '../dom.js';
import { citeButton, markedText, originalSection } from './document-parts.js';
import { LAST_SEARCH_KEY } from './search.js';
import { quantityText } from '../../../pipeline/analyze/quantity-text.js';
import { frequencyText, label, MODALITY_ORDER } from '../labels.js';
import type { Page } from '../main.js';

type Span = { start: number; end: number };

/** The mark class of a finding: its modality, else its type (achievements and plans). */
function markClass(f: Finding): string {
  return `m-${f.modality ?? f.type}`;
}

/** Findings that overlap [start, end), clipped to it, without overlaps among themselves (first wins). */
function marksWithin(findings: readonly Finding[], span: Span): { f: Finding; start: number; end: number }[] {
  const out: { f: Finding; start: number; end: number }[] = [];
  let covered = span.start;
  for (const f of findings) {
    const start = Math.max(f.start, span.start, covered);
    const end = Math.min(f.end, span.end);
    if (end <= start) continue;
    out.push({ f, start, end });
    covered = end;
  }
  return out;
}

/**
 * A clause's text as nodes, findings wrapped in `<mark>` elements and the search's words in
 * `<mark class="q">` inside them (text always as text).
 */
function clauseBody(text: string, span: Span, findings: readonly Finding[], words: readonly [number, number][]): Node[] {
  const nodes: Node[] = [];
  let at = span.start;
  for (const m of marksWithin(findings, span)) {
    if (m.start > at) nodes.push(...markedText(text, at, m.start, words));
    const tip = [label('findingType', m.f.type), m.f.modality ? label('modality', m.f.modality) : '', m.f.marker ? `“${m.f.marker}”` : ''].filter(Boolean).join(' · ');
    nodes.push(h('mark', { class: `finding ${markClass(m.f)}`, 'data-finding': m.f.id, title: tip }, markedText(text, m.start, m.end, words)));
    at = m.end;
  }
  if (at < span.end) nodes.push(...markedText(text, at, span.end, words));
  return nodes;
}

/** The search this document was opened from (its address, page included), else the search page. */
function backToSearch(): HTMLElement {
  return h('p', { class: 'crumbs' }, h('a', { href: sessionStorage.getItem(LAST_SEARCH_KEY) ?? '#/search' }, '← 返回检索'));
}

function legend(findings: readonly Finding[]): HTMLElement {
  const present = new Set<string>(findings.map((f) => f.modality ?? f.type));
  const items = [...MODALITY_ORDER, 'achievement', 'plan'].filter((m) => present.has(m));
  return h('div', { class: 'legend', 'aria-label': '图例' },
    h('span', { class: 'legend-title' }, '图例：'),
    items.length === 0 ? h('span', null, '本文未识别出要求或成绩') : items.map((m) =>
      h('span', { class: 'legend-item' }, h('mark', { class: `finding m-${m}` }, label(m === 'achievement' || m === 'plan' ? 'findingType' : 'modality', m)))));
}

function metadata(doc: DocView): HTMLElement {
  const row = (k: string, v: string | null | undefined, cls?: string) => (v ? [h('dt', null, k), h('dd', cls ? { class: cls } : null, v)] : null);
  return h('dl', { class: 'meta' },
    row('类型', label('type', doc.type)), row('层级', label('level', doc.level)), row('地区', doc.region), row('发文机关', doc.issuer),
    row('发文字号', doc.docNumber, 'doc-number'), row('日期', doc.date), row('分篇', doc.piece), row('篇幅', `${doc.length} 字`),
    row('状态', doc.truncated ? '原文在来源网站处被截断（…）' : null), row('文档编号', doc.id));
}

/** Adoption and revisions, oldest first: date, what was done (通过, 修正…), by whom. */
function history(doc: DocView): HTMLElement | null {
  if (doc.history.length === 0) return null;
  return h('section', { class: 'history', 'aria-labelledby': 'history-h' },
    h('h2', { id: 'history-h' }, '制定与修改'),
    h('ol', null, doc.history.map((e) => h('li', null,
      h('time', { datetime: e.date }, e.date), ' ', h('span', { class: 'event' }, label('historyEvent', e.event)), e.body ? ` ${e.body}` : ''))));
}

function provenance(doc: DocView): HTMLElement {
  return h('section', { class: 'provenance', 'aria-labelledby': 'prov-h' },
    h('h2', { id: 'prov-h' }, '来源与处理'),
    doc.provenance.map((p) => {
      const changes = Object.entries(p.changes).filter(([, n]) => (n ?? 0) > 0);
      return h('div', { class: 'source' },
        h('dl', { class: 'meta' },
          h('dt', null, '来源文件'), h('dd', null, p.file),
          h('dt', null, '格式'), h('dd', null, p.format ?? '—'),
          h('dt', null, '检测到的编码'), h('dd', null, p.encoding ?? '（二进制格式，无需检测）'),
          p.piece ? [h('dt', null, '在来源中的位置'), h('dd', null, p.piece)] : null,
          p.pageRange ? [h('dt', null, '页码'), h('dd', null, `${p.pageRange[0]}–${p.pageRange[1]}`)] : null,
          p.reader ? [h('dt', null, '读取程序'), h('dd', null, p.reader)] : null,
          p.ocr ? [h('dt', null, '文字识别（OCR）'), h('dd', null, `${p.ocr.engine}；${p.ocr.pages.map((pg) => `第 ${pg.page} 页置信度 ${pg.confidence}${pg.low ? '（置信度低，请核对）' : ''}`).join('，')}`)] : null,
          h('dt', null, '内容哈希'), h('dd', { class: 'mono' }, p.sourceSha.slice(0, 16))),
        h('h3', null, '清洗时改动'),
        changes.length === 0 ? h('p', null, '无改动') : h('ul', { class: 'changes' },
          changes.map(([kind, n]) => h('li', null, `${label('change', kind)}：${n} 处`))));
    }));
}

function findingsTable(findings: readonly Finding[], onPick: (f: Finding) => void): HTMLElement {
  return h('section', { class: 'findings', 'aria-labelledby': 'findings-h' },
    h('h2', { id: 'findings-h' }, `要求与发现（${findings.length}）`),
    findings.length === 0 ? h('p', null, '本文未识别出要求、成绩或计划。') :
      h('div', { class: 'table-wrap' }, h('table', null,
        h('thead', null, h('tr', null, ['条款', '类别', '种类', '情态', '标记词', '频次/数量', '原句'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', null, findings.map((f) => h('tr', null,
          h('td', { class: 'nowrap' }, f.clausePath || '正文'),
          h('td', null, label('findingType', f.type)),
          h('td', null, label('findingKind', f.kind)),
          h('td', null, f.modality ? h('mark', { class: `finding ${markClass(f)}` }, label('modality', f.modality)) : '—'),
          h('td', null, f.marker ?? '—'),
          h('td', null, f.frequency ? frequencyText(f.frequency) : f.quantity ? quantityText(f.quantity) : '—'),
          h('td', null, h('button', { type: 'button', class: 'link sentence', on: { click: () => onPick(f) } }, f.sentence))))))));
}

/**
 * `比对…`: opens the compare page with this document already picked, as the central side when it is
 * a central document and as the local side otherwise; and 复制引用 (with the clause in view).
 */
function docActions(view: DocView, clausePath: () => string | null): HTMLElement {
  const side = view.level === 'central' ? 'central' : 'local';
  return h('p', { class: 'doc-actions' },
    h('a', { class: 'button', href: hashOf('/compare', { [side]: view.id }), title: side === 'central' ? '以本文为上级文件，选一份本地文件比对' : '以本文为本地文件，选上级文件比对' }, '比对…'),
    ' ', citeButton(view, clausePath));
}

/** 检索词「…」在文中出现 N 处, with a link to read the text unmarked. */
function wordsNote(view: DocView, q: string, clause: string | null): HTMLElement | null {
  if (!q || !view.highlights) return null;
  const n = view.highlights.length;
  return h('p', { class: 'words-note', role: 'status' },
    n > 0 ? `检索词「${q}」在文中出现 ${n} 处（已标出）。` : `检索词「${q}」在正文中没有出现（可能只出现在标题中）。`,
    ' ', h('a', { href: hashOf(`/doc/${encodeURIComponent(view.id)}`, clause ? { c: clause } : {}) }, '取消标记'));
}

export function documentPage(main: HTMLElement, params: URLSearchParams, id: string): Page {
  let clauseEls = new Map<string, HTMLElement>();
  let doc: DocView | null = null;
  let clause = params.get('c');
  const q = params.get('q')?.trim() ?? '';
  fill(main, notice('loading', '正在载入文档…'));

  const show = (path: string | null, focus: boolean) => {
    if (!doc || !path) return;
    main.querySelector('.clause.target')?.classList.remove('target');
    const section = doc.sections.find((s) => s.path === path);
    const el = clauseEls.get(path)
      ?? (section ? [...clauseEls.values()].find((e) => Number(e.dataset.start) >= section.start) : undefined);
    if (!el) return;
    el.classList.add('target');
    el.scrollIntoView({ block: 'start' });
    if (focus) el.focus({ preventScroll: true });
  };

  void (async () => {
    try {
      const [view, { findings }] = await Promise.all([
        getJson<DocView>(`/api/docs/${encodeURIComponent(id)}${q ? `?q=${encodeURIComponent(q)}` : ''}`),
        getJson<{ findings: Finding[] }>(`/api/findings?doc=${encodeURIComponent(id)}&limit=5000`),
      ]);
      doc = view;
      const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
      const words = view.highlights ?? [];
      const permalink = (path: string) => hashOf(`/doc/${encodeURIComponent(view.id)}`, { c: path, ...(q ? { q } : {}) });
      clauseEls = new Map();
      const blocks = view.clauses.map((span, i) => {
        const first = span.path !== '' && !clauseEls.has(span.path);
        const el = h('div', { class: 'clause', id: `clause-${i}`, 'data-path': span.path, 'data-start': span.start, tabindex: -1 },
          span.path && first ? h('a', { class: 'permalink', href: permalink(span.path), title: `本条永久链接：${span.path}`, 'aria-label': `条款 ${span.path} 的永久链接` }, `§ ${span.path}`) : null,
          h('span', { class: 'clause-text' }, clauseBody(view.text, span, sorted, words)));
        if (first) clauseEls.set(span.path, el);
        return el;
      });
      const outline = view.sections.filter((s) => s.kind !== 'item');
      document.title = `${view.title || view.id} · 文史 wenshi`;
      fill(main, h('article', { class: 'document' },
        backToSearch(),
        h('h1', null, view.title || '（无标题）'),
        view.subtitle ? h('p', { class: 'subtitle' }, `——${view.subtitle}`) : null,
        metadata(view),
        docActions(view, () => clause),
        wordsNote(view, q, clause),
        originalSection(view),
        history(view),
        h('div', { class: 'doc-layout' },
          h('nav', { class: 'outline', 'aria-label': '目录' }, h('details', { open: window.matchMedia('(min-width: 760px)').matches },
            h('summary', null, `目录（${outline.length}）`),
            outline.length === 0 ? h('p', null, '本文没有分级标题') : h('ol', null, outline.map((s) =>
              h('li', { class: `depth-${Math.min(s.depth, 5)}` }, h('a', { href: permalink(s.path) }, h('span', { class: 'label' }, s.label), ' ', s.heading)))))),
          h('div', { class: 'doc-main' },
            legend(sorted),
            h('div', { class: 'doc-text', lang: 'zh-CN' }, blocks),
            findingsTable(sorted, (f) => {
              const mark = main.querySelector<HTMLElement>(`mark[data-finding="${CSS.escape(f.id)}"]`);
              mark?.scrollIntoView({ block: 'center' });
              mark?.classList.add('flash');
              setTimeout(() => mark?.classList.remove('flash'), 1500);
            }),
            provenance(view)))));
      show(clause, false);
      // The first marked word, in the clause asked for if it has one, is brought into view.
      const target = main.querySelector('.clause.target');
      const first = target?.querySelector('mark.q') ?? (target ? null : main.querySelector('.doc-text mark.q'));
      first?.classList.add('current');
      first?.scrollIntoView({ block: 'center' });
    } catch (err) {
      fill(main, backToSearch(), notice('error', `无法打开文档：${(err as Error).message}`));
    }
  })();

  return {
    key: `doc/${id}`,
    update: (p) => {
      clause = p.get('c');
      show(clause, true);
    },
  };
}
