/** `wenshi docs`: the archived documents. @module */
import { parseArgs } from 'node:util';
import type { Command } from '../command.js';
import { openArchive } from '../archive.js';
import { cell, printJson } from '../context.js';

export const docsCommand: Command = {
  name: 'docs',
  usage: 'Usage: wenshi docs [--data DIR] [--json]',
  async run(args) {
    const { values } = parseArgs({ args, options: { data: { type: 'string' }, json: { type: 'boolean', default: false } } });
    const archive = openArchive(values.data);
    try {
      const docs = archive.listDocuments();
      if (values.json) {
        printJson(docs);
        return 0;
      }
      const lines = [`${cell('id', 18)}${cell('类型 type', 13)}${cell('层级 level', 11)}${cell('日期 date', 12)}${cell('发文字号 number', 22)}标题 title`];
      for (const d of docs) {
        lines.push(`${cell(d.id, 18)}${cell(d.type, 13)}${cell(d.level, 11)}${cell(d.date ?? '', 12)}${cell(d.docNumber ?? '', 22)}${d.title}${d.truncated ? ' (截断 truncated)' : ''}`);
      }
      lines.push(`共 ${docs.length} 篇 documents`);
      // One write: a write per line was a system call per document.
      process.stdout.write(`${lines.join('\n')}\n`);
      return 0;
    } finally {
      archive.close();
    }
  },
};
