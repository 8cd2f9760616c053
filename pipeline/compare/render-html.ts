/**
 * The comparison as one self-contained HTML page: summary, then each central requirement sentence
 * (its clause folded beneath) beside the local text that answers it with character differences
 * marked, verdict, plain-Chinese reasons, score and the clause alignment.
 * Every piece of document text is HTML-escaped.
 * @module
 */
import { sideBySide, type DiffPart } from './diff.js';
import type { CompareItem, CompareReport } from './types.js';
import { ADDITION_LABEL, alignmentLine, reviewLine, scoreLine, settingsLine, summaryLine, VERDICT_LABEL } from './wording.js';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const CSS = `
body{font-family:"Noto Serif CJK SC","Source Han Serif SC","SimSun",serif;margin:2em auto;max-width:1200px;color:#222;line-height:1.6}
h1{font-size:1.4em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.5em;vertical-align:top}
th{background:#f4f4f4}td.text{width:38%;white-space:pre-wrap}.path{font-weight:bold;color:#555}
del{background:#fdd;text-decoration:line-through}ins{background:#dfd;text-decoration:none}
.verdict{font-weight:bold;white-space:nowrap}.verdict.covered{color:#1a7f37}.verdict.strengthened{color:#0550ae}.verdict.weakened{color:#b35900}.verdict.missing{color:#cf222e}.verdict.not_applicable{color:#6e7781}
.review{color:#8a4600;background:#fff4d6;padding:.1em .3em;margin:.2em 0}.score{color:#666;font-size:.85em}.context{color:#666;font-size:.85em}ul{margin:0;padding-left:1.2em}`;

function parts(list: DiffPart[]): string {
  return list.map((p) => {
    const t = escapeHtml(p.text);
    return p.side === 'central' ? `<del>${t}</del>` : p.side === 'local' ? `<ins>${t}</ins>` : t;
  }).join('');
}

function row(item: CompareItem): string {
  const cols = sideBySide(item);
  const paths = (list: { clausePath: string }[]) => list.map((x) => escapeHtml(x.clausePath)).join(' + ');
  const said = item.explanation;
  const reasons = said.length ? `<ul>${said.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>` : '—';
  const review = reviewLine(item);
  return `<tr class="item ${item.verdict}">
<td class="text"><div class="path">${escapeHtml(item.central.clausePath)}</div>${parts(cols.central)}<details class="context"><summary>所在条款 clause</summary>${escapeHtml(item.central.clauseText)}</details></td>
<td class="text"><div class="path">${paths(item.local) || '—'}</div>${parts(cols.local)}</td>
<td><div class="verdict ${item.verdict}">${escapeHtml(VERDICT_LABEL[item.verdict])}</div>${review ? `<div class="review">${escapeHtml(review)}</div>` : ''}${reasons}<div class="score">${escapeHtml(scoreLine(item))}<br>${escapeHtml(alignmentLine(item))}</div></td>
</tr>`;
}

export function renderHtml(r: CompareReport): string {
  const additions = r.additions.map((a) => `<tr><td class="path">${escapeHtml(a.clausePath)}</td><td class="text">${escapeHtml(a.text)}</td></tr>`).join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>对照检查 ${escapeHtml(r.local.title)}</title><style>${CSS}</style></head>
<body>
<h1>对照检查 compare: ${escapeHtml(r.local.title)}</h1>
<p>地方文件 local: ${escapeHtml(r.local.title)} <code>${escapeHtml(r.local.id)}</code><br>
对照文件 central: ${escapeHtml(r.central.title)} <code>${escapeHtml(r.central.id)}</code></p>
<p><strong>${escapeHtml(summaryLine(r))}</strong><br><span class="score">${escapeHtml(settingsLine(r))}</span></p>
<p class="score"><del>删除线</del> = 仅见于中央条款 only in the central clause · <ins>绿底</ins> = 仅见于地方条款 only in the local text</p>
<table><thead><tr><th>中央条款 central</th><th>地方条款 local</th><th>结论与理由 verdict and reasons</th></tr></thead>
<tbody>
${r.items.map(row).join('\n')}
</tbody></table>
<h2>${escapeHtml(ADDITION_LABEL)} (${r.additions.length})</h2>
${r.additions.length ? `<table><tbody>\n${additions}\n</tbody></table>` : '<p>—</p>'}
</body></html>
`;
}
