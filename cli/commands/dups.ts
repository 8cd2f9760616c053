/** `wenshi dups`: clusters of near-duplicate documents in the archive, with their similarity. @module */
import { parseArgs } from 'node:util';
import { DEFAULT_THRESHOLD, DupIndex } from '../../pipeline/dedup/index.js';
import type { StoredDocument } from '../../pipeline/store/archive.js';
import type { Command } from '../command.js';
import { openArchive } from '../archive.js';
import { printJson, UsageError } from '../context.js';

const USAGE = `Usage: wenshi dups [--threshold T] [--data DIR] [--json]

Lists groups of archived documents that are copies of one piece (the same speech on several
sites, two printings of one article), most similar first. Similarity is the share of the shorter
text's 5-character shingles found in the other (1 = one contains the other). Default threshold ${DEFAULT_THRESHOLD}.`;

export function parseThreshold(value: string | undefined): number {
  if (value === undefined) return DEFAULT_THRESHOLD;
  const t = Number(value);
  if (!(t > 0 && t <= 1)) throw new UsageError('--threshold must be a number above 0 and at most 1, e.g. 0.5');
  return t;
}

const sourceOf = (d: StoredDocument): string => d.provenance.map((p) => p.path).join('; ');

export const dupsCommand: Command = {
  name: 'dups',
  usage: USAGE,
  async run(args) {
    const { values } = parseArgs({ args, options: { data: { type: 'string' }, json: { type: 'boolean', default: false }, threshold: { type: 'string' } } });
    const threshold = parseThreshold(values.threshold);
    const archive = openArchive(values.data);
    try {
      const index = new DupIndex();
      const docs = new Map<string, StoredDocument>();
      for (const { id } of archive.listDocuments()) {
        const doc = archive.getDocument(id)!;
        docs.set(id, doc);
        index.add(id, doc.text);
      }
      const clusters = index.clusters(threshold).map((c) => ({
        similarity: Number(c.similarity.toFixed(3)),
        documents: c.ids.map((id) => {
          const d = docs.get(id)!;
          return { id, title: d.title, length: d.text.length, truncated: d.truncated, sources: d.provenance.map((p) => p.path) };
        }),
      }));
      if (values.json) {
        printJson({ threshold, documents: docs.size, clusters });
        return 0;
      }
      const out = [`相似文档组 near-duplicate clusters: ${clusters.length}（${docs.size} 篇文档 documents，阈值 threshold ${threshold}）`];
      clusters.forEach((c, i) => {
        out.push('', `[${i + 1}] 相似度 similarity ${c.similarity.toFixed(2)}`);
        for (const d of c.documents) out.push(`    ${d.id}  ${d.title || '（无标题）'}${d.truncated ? ' (截断 truncated)' : ''}  ${d.length} 字  ${sourceOf(docs.get(d.id)!)}`);
      });
      process.stdout.write(`${out.join('\n')}\n`);
      return 0;
    } finally {
      archive.close();
    }
  },
};
