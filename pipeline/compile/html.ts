/** A compiled volume as one self-contained HTML page; every piece of text is escaped. @module */
import { editorialNote, type IndexEntry, type VolumePlan } from './plan.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}

const STYLE = `body{font-family:"Noto Serif CJK SC","Songti SC",serif;max-width:42em;margin:2em auto;padding:0 1em;line-height:1.8}
header{text-align:center;margin:4em 0;page-break-after:always}header h1{font-size:2em}
nav ol{padding-left:1.5em}article{page-break-before:always;margin-top:3em}
.byline{text-align:center}.source{font-size:.9em;color:#555}article p.text{text-indent:2em}
.index li{list-style:none}`;

function indexSection(title: string, entries: readonly IndexEntry[]): string {
  const items = entries.map((e) => `<li>${escapeHtml(e.name)}　${e.articles.map((n) => `<a href="#a${n}">${n}</a>`).join('，')}</li>`);
  return `<section class="index"><h2>${escapeHtml(title)}</h2><ul>${items.join('')}</ul></section>`;
}

export function renderHtml(plan: VolumePlan): string {
  const contents = plan.articles.map((a) =>
    `<li><a href="#a${a.number}">${escapeHtml(a.title)}</a>${a.byline ? `　${escapeHtml(a.byline)}` : ''}</li>`);
  const articles = plan.articles.map((a) => [
    `<article id="a${a.number}">`,
    `<h2>${a.number}. ${escapeHtml(a.title)}</h2>`,
    a.byline ? `<p class="byline">${escapeHtml(a.byline)}</p>` : '',
    `<p class="source">${escapeHtml(a.source)}</p>`,
    ...a.paragraphs.map((p) => `<p class="text">${escapeHtml(p)}</p>`),
    '</article>',
  ].join('\n'));
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>${escapeHtml(plan.title)}</title><style>${STYLE}</style></head>
<body>
<header><h1>${escapeHtml(plan.title)}</h1><p>${escapeHtml(plan.subtitle)}</p><p>${escapeHtml(plan.date)}</p></header>
<nav><h2>目录</h2><ol>${contents.join('')}</ol></nav>
<section class="note"><h2>编辑说明</h2>${editorialNote(plan).map((l) => `<p>${escapeHtml(l)}</p>`).join('')}</section>
${articles.join('\n')}
${indexSection('人名索引', plan.persons)}
${indexSection('地名索引', plan.places)}
</body>
</html>
`;
}
