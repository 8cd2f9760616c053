/** `wenshi show <docId>`: one document with its metadata, provenance and section tree. @module */
import { parseArgs } from 'node:util';
import type { Finding } from '../../pipeline/analyze/types.js';
import { historyLine } from '../../pipeline/history.js';
import type { Archive, StoredDocument } from '../../pipeline/store/archive.js';
import type { Command } from '../command.js';
import { openArchive } from '../archive.js';
import { printJson, UsageError } from '../context.js';
import { findingJson, frequencyText } from './findings.js';

/** Accepts a full id or an unambiguous prefix of at least 4 characters. */
export function resolveDocument(archive: Archive, id: string): StoredDocument {
  const exact = archive.getDocument(id);
  if (exact) return exact;
  const matches = id.length >= 4 ? archive.listDocuments({ idPrefix: id }, { limit: 2, offset: 0 }) : [];
  if (matches.length === 1) return archive.getDocument(matches[0]!.id)!;
  if (matches.length > 1) throw new UsageError(`"${id}" matches ${archive.countDocuments({ idPrefix: id })} documents; give more of the id`);
  throw new UsageError(`no document with id "${id}" (see \`wenshi docs\`)`);
}

/** The text with each finding's sentence bracketed and tagged: 【…】⟨mandatory 1–2/year⟩. Overlaps keep the first. */
export function markFindings(text: string, findings: readonly Finding[]): string {
  let out = '';
  let at = 0;
  for (const f of [...findings].sort((a, b) => a.start - b.start)) {
    if (f.start < at) continue;
    const tag = f.type === 'requirement' ? [f.modality, frequencyText(f.frequency)].filter(Boolean).join(' ') : f.type;
    out += `${text.slice(at, f.start)}【${text.slice(f.start, f.end)}】⟨${tag}⟩`;
    at = f.end;
  }
  return out + text.slice(at);
}

function printDocument(doc: StoredDocument, findings: readonly Finding[]): void {
  const out: string[] = [
    `${doc.title}`,
    ...(doc.subtitle ? [`——${doc.subtitle}`] : []),
    `id ${doc.id} · 类型 ${doc.type} · 层级 ${doc.level}${doc.region ? ` · 地区 ${doc.region}` : ''}${doc.issuer ? ` · 发文 ${doc.issuer}` : ''}${doc.docNumber ? ` · 发文字号 ${doc.docNumber}` : ''}${doc.date ? ` · 日期 ${doc.date}` : ''}${doc.truncated ? ' · 截断 truncated' : ''}`,
    ...(doc.history.length ? ['沿革 history:', ...doc.history.map((e) => `  ${historyLine(e)}`)] : []),
    ...doc.provenance.map((p) => `来源 source: ${p.path}${p.piece ? ` [${p.piece}]` : ''}${p.encoding ? ` (${p.encoding})` : ''}`),
    '',
    '目录 outline:',
    ...doc.sections.filter((s) => s.kind !== 'item').map((s) => `${'  '.repeat(s.depth)}${s.path}  ${s.heading}`),
    '',
    `正文 text (【…】 marks the ${findings.length} findings):`,
    markFindings(doc.text, findings),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

export const showCommand: Command = {
  name: 'show',
  usage: 'Usage: wenshi show <docId…> [--data DIR] [--json]\n\nIds may be abbreviated to an unambiguous prefix of 4+ characters; --json gives an object for one id, an array for several.',
  async run(args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { data: { type: 'string' }, json: { type: 'boolean', default: false } } });
    if (positionals.length === 0) throw new UsageError('give a document id');
    const archive = openArchive(values.data);
    try {
      const docs = positionals.map((id) => resolveDocument(archive, id));
      if (values.json) {
        const shaped = docs.map(({ sections, ...rest }) => ({
          ...rest,
          sections: sections.map(({ path, label, heading, kind, start, end }) => ({ path, label, heading, kind, start, end })),
          findings: archive.findings({ docId: rest.id }).map(findingJson),
          nearDuplicates: archive.nearDuplicatesOf(rest.id),
          entities: archive.entities(rest.id),
        }));
        printJson(shaped.length === 1 ? shaped[0] : shaped);
      } else for (const doc of docs) printDocument(doc, archive.findings({ docId: doc.id }));
      return 0;
    } finally {
      archive.close();
    }
  },
};
