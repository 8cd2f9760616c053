/**
 * `wenshi compile`: a volume (汇编) from documents picked by id or by a search, as DOCX, Markdown or
 * HTML by the extension of --out.
 * @module
 */
import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { compile, volumeSummary, type Order, type OutputFormat } from '../../pipeline/compile/index.js';
import type { SearchFilters } from '../../pipeline/search/index.js';
import type { Archive, StoredDocument } from '../../pipeline/store/archive.js';
import type { Command } from '../command.js';
import { openArchive } from '../archive.js';
import { dataDir, openEngine, printJson, UsageError } from '../context.js';
import { asUsageError, documentFilters, FILTER_OPTIONS } from '../filters.js';
import { parseThreshold } from './dups.js';
import { resolveDocument } from './show.js';

const USAGE = `Usage: wenshi compile (--ids A,B,C | --query Q [--type T] [--level L] [--region R] [--issuer I] [--doc-number N]
                       [--year-from Y] [--year-to Y] [--limit N]) --title T --out volume.docx|.md|.html
                      [--order listed|date|type] [--threshold T] [--keep-duplicates] [--data DIR] [--json]

Compiles the documents into a volume: title page, contents, each article with its heading, byline
and source note, an index of persons and places. Copies of one piece are dropped, keeping the best
copy (complete, fullest text, fewest repairs), unless --keep-duplicates. --order listed (default) keeps the order of --ids,
or the search's ranking for --query.`;

const FORMATS: Record<string, OutputFormat> = { '.docx': 'docx', '.md': 'md', '.markdown': 'md', '.html': 'html', '.htm': 'html' };
const ORDERS: readonly Order[] = ['listed', 'date', 'type'];
const MAX_QUERY_DOCS = 1000;

function parseYear(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}$/.test(value)) throw new UsageError(`--${name} must be a four-digit year`);
  return Number(value);
}

/** The documents a search finds, in its ranking, up to `limit`. */
async function searchDocuments(archive: Archive, data: string, q: string, filters: SearchFilters, limit: number): Promise<StoredDocument[]> {
  const engine = await openEngine(data);
  try {
    const result = await engine.search({ q, in: 'documents', filters, limit }).catch(asUsageError);
    const ids = [...new Set(result.hits.map((h) => h.docId))];
    const docs = ids.flatMap((id) => archive.getDocument(id) ?? []);
    if (docs.length === 0) throw new UsageError(`no archived document matches "${q}" with these filters (is the search index built? see \`wenshi reindex\`)`);
    return docs;
  } finally {
    await engine.close();
  }
}

export const compileCommand: Command = {
  name: 'compile',
  usage: USAGE,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        ids: { type: 'string' }, query: { type: 'string' }, title: { type: 'string' }, out: { type: 'string' },
        order: { type: 'string' }, threshold: { type: 'string' }, data: { type: 'string' }, json: { type: 'boolean', default: false },
        'keep-duplicates': { type: 'boolean', default: false },
        ...FILTER_OPTIONS, 'year-from': { type: 'string' }, 'year-to': { type: 'string' }, limit: { type: 'string' },
      },
    });
    if ((values.ids === undefined) === (values.query === undefined)) throw new UsageError('give either --ids or --query');
    if (!values.title?.trim()) throw new UsageError('give the volume a --title');
    if (!values.out) throw new UsageError('give the file to write with --out');
    const format = FORMATS[extname(values.out).toLowerCase()];
    if (!format) throw new UsageError(`--out must end in .docx, .md or .html, not "${extname(values.out) || values.out}"`);
    const order = (values.order ?? 'listed') as Order;
    if (!ORDERS.includes(order)) throw new UsageError(`--order must be one of ${ORDERS.join(', ')}`);
    const threshold = parseThreshold(values.threshold);
    const limit = values.limit === undefined ? MAX_QUERY_DOCS : Number(values.limit);
    if (!(Number.isInteger(limit) && limit >= 1 && limit <= MAX_QUERY_DOCS)) throw new UsageError(`--limit must be a whole number from 1 to ${MAX_QUERY_DOCS}`);

    const archive = openArchive(values.data);
    try {
      let docs: StoredDocument[];
      if (values.ids !== undefined) {
        const ids = values.ids.split(',').map((s) => s.trim()).filter(Boolean);
        if (ids.length === 0) throw new UsageError('--ids needs at least one document id');
        docs = ids.map((id) => resolveDocument(archive, id));
      } else {
        const filters = documentFilters(values);
        const yearFrom = parseYear('year-from', values['year-from']);
        const yearTo = parseYear('year-to', values['year-to']);
        if (yearFrom !== undefined) filters.yearFrom = yearFrom;
        if (yearTo !== undefined) filters.yearTo = yearTo;
        docs = await searchDocuments(archive, dataDir(values.data), values.query!, filters, limit);
      }
      const { plan, output } = await compile(docs, { title: values.title, order, format, threshold, dropDuplicates: !values['keep-duplicates'] });
      writeFileSync(values.out, output);
      const summary = { out: values.out, format, ...volumeSummary(plan) };
      if (values.json) printJson(summary);
      else {
        const lines = [`已编成 compiled ${values.out}: ${plan.articles.length} 篇 articles`, ...plan.articles.map((a) => `  ${a.number}. ${a.title}  (${a.id})`)];
        if (plan.dropped.length) lines.push(`重复未收 copies left out: ${plan.dropped.length}`, ...plan.dropped.map((d) => `  ${d.id} ${d.title} ≈ ${d.keptId} (${d.similarity.toFixed(2)})`));
        process.stdout.write(`${lines.join('\n')}\n`);
      }
      return 0;
    } finally {
      archive.close();
    }
  },
};
