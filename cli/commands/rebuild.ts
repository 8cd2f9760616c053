/**
 * Commands that go through every archived document: `wenshi reindex` (the search index built again,
 * after a settings change) and `wenshi reanalyze` (findings made again, after a rules change).
 * @module
 */
import { parseArgs } from 'node:util';
import { reindexAll } from '../../pipeline/indexing.js';
import { reanalyzeAll } from '../../pipeline/reanalyze.js';
import type { SearchEngine } from '../../pipeline/search/types.js';
import type { Archive } from '../../pipeline/store/archive.js';
import type { Command } from '../command.js';
import { openArchive } from '../archive.js';
import { openEngine, printJson } from '../context.js';
import { documentProgress } from '../progress.js';

type Rebuild = (archive: Archive, engine: SearchEngine, onProgress: (done: number, total: number) => void) => Promise<{ json: unknown; line: string }>;

function archiveWide(name: string, usage: string, rebuild: Rebuild): Command {
  return {
    name,
    usage: `Usage: wenshi ${name} [--data DIR] [--json]\n\n${usage}`,
    async run(args) {
      const { values } = parseArgs({ args, options: { data: { type: 'string' }, json: { type: 'boolean', default: false } } });
      const archive = openArchive(values.data);
      const engine = await openEngine(values.data);
      const progress = documentProgress(values.json);
      try {
        const { json, line } = await rebuild(archive, engine, progress.onProgress);
        progress.stop();
        if (values.json) printJson(json);
        else process.stdout.write(`${line}\n`);
        return 0;
      } finally {
        await engine.close();
        archive.close();
      }
    },
  };
}

export const reindexCommand = archiveWide(
  'reindex',
  'Clears the search index, applies its settings from search-config/, and indexes every archived document again.',
  async (archive, engine, onProgress) => {
    const count = await reindexAll(archive, engine, onProgress);
    const stats = await engine.stats();
    return {
      json: { reindexed: count, ...stats },
      line: `已重建索引 reindexed: ${count} 篇文档 documents · ${stats.clauses} 条款 clauses · ${stats.findings} 发现 findings (${stats.engine})`,
    };
  },
);

export const reanalyzeCommand = archiveWide(
  'reanalyze',
  'Runs analyze again over every archived document (after the rules or the lexicon changed), replaces its findings and clause tokens, and re-indexes the documents whose findings changed.',
  async (archive, engine, onProgress) => {
    const s = await reanalyzeAll(archive, engine, onProgress);
    return {
      json: s,
      line: `已重新分析 reanalyzed: ${s.documents} 篇文档 documents · 发现 findings ${s.findingsBefore} → ${s.findingsAfter} · ${s.changed.length} 篇有变化 changed`,
    };
  },
);
