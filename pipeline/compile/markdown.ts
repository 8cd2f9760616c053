/** A compiled volume as Markdown: headings, a linked contents list, source notes as quotes, the index as lists. @module */
import { editorialNote, type IndexEntry, type VolumePlan } from './plan.js';

/** Backslash-escapes what Markdown would read as markup (emphasis, links, HTML, headings, tables). */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/[\\`*_[\]<>#|~]/g, (ch) => `\\${ch}`)
    .replace(/^(\s*)(\d+)([.)])(?=\s)/, '$1$2\\$3')
    .replace(/^(\s*)([-+])(?=\s)/, '$1\\$2');
}

function indexSection(title: string, entries: readonly IndexEntry[]): string[] {
  return [`## ${title}`, '', ...entries.map((e) => `- ${escapeMarkdown(e.name)}　${e.articles.join('，')}`), ''];
}

export function renderMarkdown(plan: VolumePlan): string {
  const out: string[] = [
    `# ${escapeMarkdown(plan.title)}`, '', escapeMarkdown(plan.subtitle), '', escapeMarkdown(plan.date), '',
    '## 目录', '',
    ...plan.articles.map((a) => `${a.number}. [${escapeMarkdown(a.title)}](#a${a.number})${a.byline ? `　${escapeMarkdown(a.byline)}` : ''}`),
    '', '## 编辑说明', '', ...editorialNote(plan).flatMap((l) => [escapeMarkdown(l), '']),
  ];
  for (const a of plan.articles) {
    out.push(`<a id="a${a.number}"></a>`, '', `## ${a.number}. ${escapeMarkdown(a.title)}`, '');
    if (a.byline) out.push(escapeMarkdown(a.byline), '');
    out.push(`> ${escapeMarkdown(a.source)}`, '');
    for (const p of a.paragraphs) out.push(escapeMarkdown(p), '');
  }
  out.push(...indexSection('人名索引', plan.persons), ...indexSection('地名索引', plan.places));
  return out.join('\n');
}
