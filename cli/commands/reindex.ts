/** `wenshi reindex`: rebuilds the search engine from the archive (after a settings change). @module */
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { reindexAll } from '../../pipeline/indexing.js';
import type { Command } from '../command.js';
import { openArchive, openEngine, printJson } from '../context.js';

export const reindexCommand: Command = {
  name: 'reindex',
  usage: 'Usage: wenshi reindex [--data DIR] [--json]\n\nClears the search index, applies its settings from search-config/, and indexes every archived document again.',
  async run(args) {
    const { values } = parseArgs({ args, options: { data: { type: 'string' }, json: { type: 'boolean', default: false } } });
    const archive = openArchive(values.data);
    const engine = openEngine(values.data);
    const bar = process.stderr.isTTY && !values.json
      ? new cliProgress.SingleBar({ format: '{bar} {value}/{total} 文档 documents', hideCursor: true }, cliProgress.Presets.shades_classic)
      : null;
    try {
      let started = false;
      const count = await reindexAll(archive, engine, (done, total) => {
        if (!started) bar?.start(total, 0);
        started = true;
        bar?.update(done);
      });
      bar?.stop();
      const stats = await engine.stats();
      if (values.json) printJson({ reindexed: count, ...stats });
      else process.stdout.write(`已重建索引 reindexed: ${count} 篇文档 documents · ${stats.clauses} 条款 clauses · ${stats.findings} 发现 findings (${stats.engine})\n`);
      return 0;
    } finally {
      await engine.close();
      archive.close();
    }
  },
};
