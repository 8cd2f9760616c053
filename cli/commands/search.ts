/**
 * `wenshi search <q>`: the best clauses (or documents, or findings) first, with highlighted
 * snippets, the section path to cite, and facet counts.
 * @module
 */
import { parseArgs } from 'node:util';
import type { SearchFilters, SearchIn, SearchQuery, SearchResult } from '../../pipeline/search/types.js';
import { DOC_TYPES } from '../../pipeline/types.js';
import type { Command } from '../command.js';
import { openEngine, parsePositiveInt, printJson, UsageError } from '../context.js';
import { asUsageError, documentFilters, FILTER_OPTIONS } from '../filters.js';

const USAGE = `Usage: wenshi search <query> [--type T] [--level L] [--region R] [--year A..B] [--issuer I] [--doc-number N]
                     [--kind K] [--in documents|clauses|findings] [--sort relevance|date] [--limit N] [--page P] [--json] [--data DIR]

Words are all required; "…" is an exact phrase; -word excludes. Any phrase of two or more Chinese
characters that occurs in a clause finds it; traditional characters find simplified text.
--type is one of ${DOC_TYPES.join(', ')}; --doc-number is a 发文字号 such as 国发〔2019〕5号
(the year's brackets may be typed [], () or （）).`;

const IN_VALUES: readonly SearchIn[] = ['documents', 'clauses', 'findings'];

/** `2019..2021`, `2019..`, `..2021` or `2020`. */
export function parseYears(value: string): Pick<SearchFilters, 'yearFrom' | 'yearTo'> {
  const m = value.match(/^(\d{4})?(?:\.\.(\d{4})?)?$/);
  if (!m || (!m[1] && !m[2])) throw new UsageError(`--year must look like 2019..2021, 2019.., ..2021 or 2020, not "${value}"`);
  const single = !value.includes('..');
  const from = m[1] ? Number(m[1]) : undefined;
  const to = single ? from : m[2] ? Number(m[2]) : undefined;
  if (from !== undefined && to !== undefined && from > to) throw new UsageError(`--year range ${value} runs backwards`);
  return { ...(from !== undefined ? { yearFrom: from } : {}), ...(to !== undefined ? { yearTo: to } : {}) };
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** The engine's HTML snippet for a terminal: marks in reverse video (or 【】 when not a TTY), entities decoded. */
export function terminalSnippet(html: string, tty: boolean): string {
  return html
    .replace(/<mark>/g, tty ? '\x1b[7m' : '【')
    .replace(/<\/mark>/g, tty ? '\x1b[27m' : '】')
    .replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!);
}

function printResult(result: SearchResult, page: number, limit: number): void {
  const tty = process.stdout.isTTY;
  const lines = [`共 ${result.total} 条 results (第 ${page} 页 page, 每页 ${limit})`];
  result.hits.forEach((h, i) => {
    const cite = h.clausePath ? ` · ${h.clausePath}` : '';
    lines.push(`${(page - 1) * limit + i + 1}. ${h.title} [${h.type}] ${h.docId}${cite}`, `   ${terminalSnippet(h.snippet, tty)}`);
  });
  const facets = Object.entries(result.facets)
    .filter(([, counts]) => Object.keys(counts).length > 0)
    .map(([name, counts]) => `${name}: ${Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  if (facets.length) lines.push('', '分面 facets:', ...facets.map((f) => `  ${f}`));
  process.stdout.write(`${lines.join('\n')}\n`);
}

export const searchCommand: Command = {
  name: 'search',
  usage: USAGE,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        data: { type: 'string' }, json: { type: 'boolean', default: false }, ...FILTER_OPTIONS,
        kind: { type: 'string' }, year: { type: 'string' }, in: { type: 'string' }, sort: { type: 'string' },
        limit: { type: 'string' }, page: { type: 'string' },
      },
    });
    const q = positionals.join(' ');
    if (values.in !== undefined && !IN_VALUES.includes(values.in as SearchIn)) throw new UsageError(`--in must be one of ${IN_VALUES.join(', ')}`);
    if (values.sort !== undefined && values.sort !== 'relevance' && values.sort !== 'date') throw new UsageError('--sort must be relevance or date');
    const limit = parsePositiveInt('limit', values.limit) ?? 10;
    const page = parsePositiveInt('page', values.page) ?? 1;
    const filters: SearchFilters = {
      ...documentFilters(values), ...(values.kind ? { findingKind: values.kind } : {}), ...(values.year ? parseYears(values.year) : {}),
    };
    const query: SearchQuery = { q, filters, limit, page, ...(values.in ? { in: values.in as SearchIn } : {}), ...(values.sort ? { sort: values.sort as 'relevance' | 'date' } : {}) };
    const engine = await openEngine(values.data);
    try {
      const result = await engine.search(query).catch(asUsageError);
      if (values.json) {
        printJson({
          total: result.total,
          hits: result.hits.map(({ docId, title, type, clausePath, snippet, score }) => ({ docId, title, type, clausePath, snippet, score })),
          facets: result.facets,
        });
      } else printResult(result, page, limit);
      return 0;
    } finally {
      await engine.close();
    }
  },
};
