/**
 * `wenshi findings`: what each document requires, of whom, how strongly and how often — and what
 * reports claim — with the exact sentence and its offsets.
 * @module
 */
import { parseArgs } from 'node:util';
import { quantityText } from '../../pipeline/analyze/quantity-text.js';
import type { Finding } from '../../pipeline/analyze/types.js';
import type { Command } from '../command.js';
import { openArchive } from '../archive.js';
import { printJson, UsageError } from '../context.js';
import { resolveDocument } from './show.js';

const USAGE = `Usage: wenshi findings [--doc ID] [--type requirement|achievement|plan] [--kind K] [--modality M] [--json|--csv] [--data DIR]`;

/** The public JSON shape of a finding. */
export function findingJson(f: Finding) {
  return {
    id: f.id, docId: f.docId, clausePath: f.clausePath, type: f.type, kind: f.kind, modality: f.modality,
    marker: f.marker, actor: f.actor, actorFrom: f.actorFrom, action: f.action, object: f.object, frequency: f.frequency, quantity: f.quantity,
    deadline: f.deadline, condition: f.condition, sanction: f.sanction, sentence: f.sentence, start: f.start, end: f.end, rule: f.rule,
  };
}

/** `1–2/year`, `≥1/term`. */
export function frequencyText(f: Finding['frequency']): string {
  if (!f) return '';
  const range = f.min === f.max ? `${f.min}` : f.max === null ? `≥${f.min}` : f.min === null ? `≤${f.max}` : `${f.min}–${f.max}`;
  return `${range}/${f.per}`;
}

function csvCell(value: unknown): string {
  const s = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function printCsv(rows: ReturnType<typeof findingJson>[]): void {
  const columns = ['id', 'docId', 'clausePath', 'type', 'kind', 'modality', 'marker', 'actor', 'actorFrom', 'action', 'object', 'frequency', 'quantity', 'deadline', 'condition', 'sanction', 'sentence', 'start', 'end', 'rule'] as const;
  const lines = [columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function printTable(rows: Finding[]): void {
  for (const f of rows) {
    const what = f.type !== 'requirement' && f.quantity ? quantityText(f.quantity) : [f.modality, f.marker && `「${f.marker}」`, frequencyText(f.frequency)].filter(Boolean).join(' ');
    process.stdout.write(`${f.docId.slice(0, 8)} ${f.clausePath.padEnd(10)} ${f.type}${f.kind ? `/${f.kind}` : ''} ${what}\n    ${f.sentence}\n`);
  }
  process.stdout.write(`共 ${rows.length} 条 findings\n`);
}

export const findingsCommand: Command = {
  name: 'findings',
  usage: USAGE,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        data: { type: 'string' }, doc: { type: 'string' }, type: { type: 'string' }, kind: { type: 'string' },
        modality: { type: 'string' }, json: { type: 'boolean', default: false }, csv: { type: 'boolean', default: false },
      },
    });
    if (values.json && values.csv) throw new UsageError('choose one of --json and --csv');
    const archive = openArchive(values.data);
    try {
      const docId = values.doc === undefined ? undefined : resolveDocument(archive, values.doc).id;
      const rows = archive.findings({ docId, type: values.type, kind: values.kind, modality: values.modality });
      if (values.json) printJson(rows.map(findingJson));
      else if (values.csv) printCsv(rows.map(findingJson));
      else printTable(rows);
      return 0;
    } finally {
      archive.close();
    }
  },
};
