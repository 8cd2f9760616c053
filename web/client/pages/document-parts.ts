/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Pieces of the document page a researcher uses to cite and check: the search's words marked in
 * the text, the original file shown inline (PDF in the browser's viewer, images, HTML and text in
 * a sandboxed frame) and downloaded, and a one-click citation.
 * @module
 */
import type { DocView } from '../api.js';
import { h } from '../dom.js';

type Range = readonly [number, number];

/**
 * Text in [start, end) as nodes, the parts inside `ranges` (sorted, from the search) wrapped in
 * `<mark class="q">`.
 */
export function markedText(text: string, start: number, end: number, ranges: readonly Range[]): Node[] {
  const nodes: Node[] = [];
  let at = start;
  for (const [s, e] of ranges) {
    if (e <= at || s >= end) continue;
    const from = Math.max(s, at);
    const to = Math.min(e, end);
    if (from > at) nodes.push(document.createTextNode(text.slice(at, from)));
    nodes.push(h('mark', { class: 'q' }, text.slice(from, to)));
    at = to;
  }
  if (at < end) nodes.push(document.createTextNode(text.slice(at, end)));
  return nodes;
}

/** How the browser can show a source format, if at all. */
function viewerOf(format: string | null, mediaType: string | null): 'frame' | 'sandbox' | 'image' | null {
  if (format === 'pdf') return 'frame';
  if (format === 'html' || format === 'txt' || format === 'markdown') return 'sandbox';
  if (mediaType === 'image/png' || mediaType === 'image/jpeg') return 'image';
  return null;
}

/** 原始文件: name and type, 查看原件 (opened on demand, so a long PDF is not loaded unasked) and 下载原件. */
export function originalSection(doc: DocView): HTMLElement | null {
  const first = doc.provenance[0];
  if (!first) return null;
  const url = `/api/docs/${encodeURIComponent(doc.id)}/original`;
  const viewer = viewerOf(first.format, first.mediaType);
  const box = h('div', { class: 'original-view' });
  const show = () => {
    if (box.childElementCount > 0) return;
    const title = `原件：${first.file}`;
    box.append(viewer === 'image' ? h('img', { src: url, alt: title })
      // An empty sandbox: the framed page runs nothing and cannot reach this one (the server sends a CSP sandbox too).
      : viewer === 'sandbox' ? h('iframe', { src: url, title, sandbox: '' })
      : h('iframe', { src: url, title }));
  };
  return h('section', { class: 'original', 'aria-labelledby': 'original-h' },
    h('h2', { id: 'original-h' }, '原始文件'),
    h('p', null, h('span', { class: 'file-name' }, first.file), ` · ${first.mediaType ?? first.format ?? '未知格式'}`),
    h('p', { class: 'doc-actions' },
      viewer ? h('details', { class: 'original-toggle', on: { toggle: show } }, h('summary', { class: 'button' }, '查看原件'), box)
        : h('span', { class: 'muted' }, '浏览器不能直接显示这种格式，请下载查看。'),
      ' ',
      h('a', { class: 'button', href: `${url}?download=1`, download: first.file }, '下载原件')));
}

/** 发文机关：《标题》（发文字号），日期，第 X 条。Parts the document lacks are left out. */
export function citationOf(doc: DocView, clausePath: string | null): string {
  const head = [doc.issuer ? `${doc.issuer}：` : '', `《${doc.title || '无标题'}》`, doc.docNumber ? `（${doc.docNumber}）` : ''].join('');
  return [head, doc.date, clausePath ? `条款 ${clausePath}` : null].filter(Boolean).join('，') + '。';
}

/** 复制引用: the citation on the clipboard, and shown, so it can be copied by hand where the clipboard is closed. */
export function citeButton(doc: DocView, clausePath: () => string | null): HTMLElement {
  const out = h('output', { class: 'citation', 'aria-live': 'polite' });
  const button = h('button', { type: 'button', id: 'copy-citation', on: { click: async () => {
    const text = citationOf(doc, clausePath());
    try {
      await navigator.clipboard.writeText(text);
      out.textContent = `已复制：${text}`;
    } catch {
      out.textContent = `无法写入剪贴板，请手动复制：${text}`;
    }
  } } }, '复制引用');
  return h('span', { class: 'cite-action' }, button, ' ', out);
}
