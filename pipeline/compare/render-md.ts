/**
 * The comparison as Markdown: a summary, one table row per central requirement sentence (both
 * texts, verdict, plain-Chinese reasons, score and clause alignment), then the local additions. Text is escaped so it never turns into markup.
 * @module
 */
import type { CompareReport } from './types.js';
import { ADDITION_LABEL, alignmentLine, reviewLine, scoreLine, settingsLine, summaryLine, VERDICT_LABEL } from './wording.js';

/** Table-cell text: Markdown and HTML characters escaped, line breaks as `<br>`. */
function md(text: string): string {
  return text
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#~])/g, '\\$1')
    .replace(/\r?\n+/g, '<br>');
}

export function renderMarkdown(r: CompareReport): string {
  const lines = [
    `# 对照检查 compare: ${md(r.local.title)}`,
    '',
    `- 地方文件 local: ${md(r.local.title)} (\`${r.local.id}\`)`,
    `- 对照文件 central: ${md(r.central.title)} (\`${r.central.id}\`)`,
    `- ${summaryLine(r)}`,
    `- ${md(settingsLine(r))}`,
    '',
    '| 中央条款 central | 结论 verdict | 地方条款 local | 理由 reasons | 得分 score |',
    '|---|---|---|---|---|',
    ...r.items.map((it) => {
      const local = it.local.map((l) => `**${md(l.clausePath)}** ${md(l.text)}`).join('<br><br>') || '—';
      const reasons = it.explanation.map(md).join('<br>') || '—';
      const review = reviewLine(it);
      return `| **${md(it.central.clausePath)}** ${md(it.central.text)} | ${VERDICT_LABEL[it.verdict]}${review ? `<br>${md(review)}` : ''} | ${local} | ${reasons} | ${scoreLine(it)}<br>${md(alignmentLine(it))} |`;
    }),
    '',
    `## ${ADDITION_LABEL} (${r.additions.length})`,
    '',
    ...(r.additions.length
      ? ['| 条款 clause | 内容 text |', '|---|---|', ...r.additions.map((a) => `| ${md(a.clausePath)} | ${md(a.text)} |`)]
      : ['—']),
    '',
  ];
  return lines.join('\n');
}
