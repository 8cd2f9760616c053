/**
 * `wenshi <command>`: dispatches to one module per command.
 * @module
 */
import { PipelineError } from '../pipeline/errors.js';
import { UsageError } from './context.js';
import type { Command } from './command.js';

/** Commands load on demand: `wenshi docs` should not pay for the PDF parser, jieba or BullMQ. */
const COMMANDS: readonly { name: string; summary: string; load: () => Promise<Command> }[] = [
  { name: 'ingest', summary: '导入文件 ingest files and folders into the archive', load: async () => (await import('./commands/ingest.js')).ingestCommand },
  { name: 'docs', summary: '文档列表 list archived documents', load: async () => (await import('./commands/docs.js')).docsCommand },
  { name: 'show', summary: '查看文档 show documents, their outline and text', load: async () => (await import('./commands/show.js')).showCommand },
  { name: 'status', summary: '状态 archive counts, queues and failed files with reasons', load: async () => (await import('./commands/status.js')).statusCommand },
  { name: 'search', summary: '检索 full-text search of clauses, documents and findings', load: async () => (await import('./commands/search.js')).searchCommand },
  { name: 'reindex', summary: '重建索引 rebuild the search index from the archive', load: async () => (await import('./commands/rebuild.js')).reindexCommand },
  { name: 'reanalyze', summary: '重新分析 findings made again with the current rules', load: async () => (await import('./commands/rebuild.js')).reanalyzeCommand },
  { name: 'findings', summary: '要求与成效 requirements, achievements and plans found in documents', load: async () => (await import('./commands/findings.js')).findingsCommand },
  { name: 'compare', summary: '对照检查 check a local document against central requirements', load: async () => (await import('./commands/compare.js')).compareCommand },
  { name: 'dups', summary: '近似重复 near-duplicate clusters across the archive', load: async () => (await import('./commands/dups.js')).dupsCommand },
  { name: 'compile', summary: '汇编 compile selected documents into a volume (DOCX/MD/HTML)', load: async () => (await import('./commands/compile.js')).compileCommand },
  { name: 'serve', summary: '网页与接口 web page and HTTP API', load: async () => (await import('./commands/serve.js')).serveCommand },
  { name: 'worker', summary: '队列工作进程 run queue workers (needs REDIS_URL)', load: async () => (await import('./commands/worker.js')).workerCommand },
  { name: 'retry', summary: '重试失败文件 run failed files again (after fixing them)', load: async () => (await import('./commands/retry.js')).retryCommand },
];

function help(): string {
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`);
  return `wenshi — 政协文史资料与政策文件的整理、分析与检索\n\nUsage: wenshi <command> [options]\n\n${lines.join('\n')}\n\nRun \`wenshi <command> --help\` for a command's options.\n`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(help());
    return name ? 0 : 2;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    process.stderr.write(`wenshi: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError || (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`wenshi ${name}: ${err.message}\n${command.usage}\n`);
      return 2;
    }
    if (err instanceof PipelineError) {
      process.stderr.write(`wenshi ${name}: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}
