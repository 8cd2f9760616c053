/**
 * `wenshi ingest <files|dirs…>`: embedded runner by default; the queue when REDIS_URL is set.
 * @module
 */
import { parseArgs } from 'node:util';
import { checkOcrOptions, type BatchOcrOptions } from '../../pipeline/extract/ocr.js';
import { walkFiles } from '../../pipeline/files.js';
import { setOptions } from '../../pipeline/flow.js';
import { catchUpIndex } from '../../pipeline/indexing.js';
import type { SearchEngine } from '../../pipeline/search/types.js';
import type { Archive } from '../../pipeline/store/archive.js';
import { LEVELS, type Level } from '../../pipeline/types.js';
import { ingestEmbedded } from '../../workers/embedded.js';
import { queueConfig, type QueueConfig } from '../../workers/queue/config.js';
import type { IngestSummary } from '../../workers/summary.js';
import type { Command } from '../command.js';
import { openArchive } from '../archive.js';
import { openEngine, parsePositiveInt, printJson, UsageError } from '../context.js';
import { progressBar } from '../progress.js';

const USAGE = `Usage: wenshi ingest <files|folders…> [--data DIR] [--json] [--level central|provincial|…] [--max-bytes N]
       [--ocr-lang chi_sim+eng] [--ocr-dpi 300] [--ocr-psm 3] [--concurrency N] [--detach]

Reads TXT, HTML, PDF and DOCX files (UTF-8, GB18030/GBK, UTF-16), recursively, into the archive.
Exit code 1 when any file failed; each failure is listed with its reason.
Scanned PDF pages and page images are read by tesseract: --ocr-lang picks its language data
(default chi_sim; chi_tra for traditional print, +eng for English), --ocr-dpi the resolution pages
are rendered at, --ocr-psm its page segmentation mode.

With REDIS_URL set the files are queued for \`wenshi worker\` processes and followed until done;
--detach returns at once with the batch id (watch it with \`wenshi status\`).`;

export function parseLevel(value: string | undefined): Level | undefined {
  if (value === undefined) return undefined;
  if (!LEVELS.includes(value as Level)) throw new UsageError(`--level must be one of ${LEVELS.join(', ')}`);
  return value as Level;
}

async function countFiles(paths: string[], data: string): Promise<number> {
  let n = 0;
  for await (const e of walkFiles(paths, { dataDir: data })) if (e.kind !== 'skipped') n += 1;
  return n;
}

export function printSummary(summary: IngestSummary): void {
  const lines = [
    `已入库 stored: ${summary.sources} 个文件 files, ${summary.documents} 篇新文档 new documents`,
    `未变化 unchanged: ${summary.unchanged}`,
    `失败 failed: ${summary.failed.length}`,
    ...summary.failed.map((f) => `  ✗ ${f.path}\n    [${f.code} @ ${f.stage}] ${f.error}`),
    ...(summary.skipped.length ? [`跳过 skipped: ${summary.skipped.length}`] : []),
    ...summary.skipped.map((s) => `  – ${s.path}: ${s.reason}`),
    ...(summary.nearDuplicates.length ? [`近似重复 near-duplicates of archived documents: ${summary.nearDuplicates.length}`] : []),
    ...summary.nearDuplicates.map((d) => `  ≈ ${d.docId} ≈ ${d.of} (${(d.similarity * 100).toFixed(0)}%) in ${d.path}`),
    ...(summary.caughtUp ? [`补建索引 indexed now (stored by an earlier run): ${summary.caughtUp} 个文件 files`] : []),
    ...(summary.notIndexed.length
      ? [`未编入索引 stored but not searchable yet: ${summary.notIndexed.length} (the next wenshi ingest indexes them)`]
      : []),
    ...summary.notIndexed.map((n) => `  ! ${n.path}\n    [${n.code} @ index] ${n.error}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** How files are read: flags `ingest` and `retry` share. */
export interface ReadFlags {
  level?: Level;
  maxBytes?: number;
  ocr?: BatchOcrOptions;
}

/** Options shared by `ingest` and `retry`. */
export interface IngestFlags extends ReadFlags {
  json: boolean;
  detach: boolean;
  concurrency?: number;
}

/** parseArgs options for {@link ReadFlags}. */
export const READ_OPTIONS = {
  level: { type: 'string' },
  'max-bytes': { type: 'string' },
  'ocr-lang': { type: 'string' },
  'ocr-dpi': { type: 'string' },
  'ocr-psm': { type: 'string' },
} as const;

type ReadValues = { [K in keyof typeof READ_OPTIONS]?: string | undefined };

function parseNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number`);
  return n;
}

/** The read flags given, checked before any file is touched. */
export function parseReadFlags(values: ReadValues): ReadFlags {
  const level = parseLevel(values.level);
  const maxBytes = parsePositiveInt('max-bytes', values['max-bytes']);
  const ocr: BatchOcrOptions = {
    ...(values['ocr-lang'] !== undefined ? { lang: values['ocr-lang'] } : {}),
    ...(values['ocr-dpi'] !== undefined ? { dpi: parseNumber('ocr-dpi', values['ocr-dpi']) } : {}),
    ...(values['ocr-psm'] !== undefined ? { psm: parseNumber('ocr-psm', values['ocr-psm']) } : {}),
  };
  try {
    checkOcrOptions(ocr);
  } catch (err) {
    throw new UsageError(`--ocr-${(err as Error).message}`);
  }
  return setOptions({ ...(level ? { level } : {}), ...(maxBytes ? { maxBytes } : {}), ...(Object.keys(ocr).length ? { ocr } : {}) });
}

function report(summary: IngestSummary, json: boolean): number {
  if (json) printJson(summary);
  else printSummary(summary);
  // Documents stored but not searchable need attention as much as a failed file.
  return summary.failed.length > 0 || summary.notIndexed.length > 0 ? 1 : 0;
}

async function ingestInProcess(paths: string[], archive: Archive, flags: IngestFlags): Promise<number> {
  const bar = progressBar(flags.json, '{bar} {value}/{total} 文件 files | {file}');
  bar?.start(await countFiles(paths, archive.dataDir), 0, { file: '' });
  const engine = await openEngine(archive.dataDir);
  try {
    const summary = await ingestEmbedded(paths, archive, {
      ...setOptions(flags),
      ...(flags.concurrency ? { concurrency: flags.concurrency } : {}),
      engine,
      onFile: (o) => bar?.increment({ file: o.path.split('/').pop() }),
    });
    bar?.stop();
    await warmAfterLoad(engine, summary);
    return report(summary, flags.json);
  } finally {
    await engine.close();
  }
}

/**
 * Sources an in-process ingest stores before it makes the top lists of the most frequent words
 * (seconds on a large archive) and gives the index file's free pages back: a few files are not
 * worth it, and a list gone stale is made again by the first search of its word.
 */
const WARM_AFTER_SOURCES = 100;

async function warmAfterLoad(engine: SearchEngine, summary: IngestSummary): Promise<void> {
  if (summary.sources < WARM_AFTER_SOURCES) return;
  // Already loaded by openEngine: no start-up cost.
  const { SqliteEngine } = await import('../../pipeline/search/index.js');
  if (!(engine instanceof SqliteEngine)) return;
  await engine.warmTopLists();
  engine.compact();
}

/** Queue mode: queue the batch, then follow it to the end (or return its id with --detach). */
async function ingestQueued(paths: string[], archive: Archive, config: QueueConfig, flags: IngestFlags): Promise<number> {
  const { enqueueBatch, followBatch, QueueClient } = await import('../../workers/queue/index.js');
  const client = new QueueClient(config);
  const engine = await openEngine(archive.dataDir);
  try {
    const catchUp = await catchUpIndex(archive, engine);
    const run = await enqueueBatch(client, archive, paths, {
      ...setOptions(flags),
      ...(flags.concurrency ? { concurrency: flags.concurrency } : {}),
    });
    if (flags.detach) {
      if (flags.json) printJson({ batch: run.id, files: run.entries.size });
      else process.stdout.write(`已排队 queued: ${run.entries.size} 个文件 files · 批次 batch ${run.id}\n用 wenshi status 查看进度 (watch it with wenshi status)\n`);
      return 0;
    }
    const bar = progressBar(flags.json, '{bar} {value}/{total} 文件 files | {rate} 文件/秒 files/s | ETA {eta_formatted} | {file}');
    bar?.start(run.entries.size, run.settled, { rate: '0.0', file: '' });
    const summary = await followBatch(client, run, {
      onFile: (o, r) => bar?.update(r.settled, {
        rate: (r.settled / Math.max(0.001, (Date.now() - r.startedAt) / 1000)).toFixed(1),
        file: o.path.split('/').pop(),
      }),
      onRebuilt: (n) => process.stderr.write(`\nRedis 丢失了批次 lost the batch: ${n} 个文件重新排队 files queued again\n`),
      catchUp,
      onNoWorker: (stages) => process.stderr.write(`\n没有工作进程 no live worker runs the ${stages.join(' and ')} stage${stages.length > 1 ? 's' : ''}: `
        + `the batch waits for one. Start one where the archive lives: REDIS_URL=${config.redisUrl} wenshi worker --data ${archive.dataDir}\n`),
    });
    bar?.stop();
    return report(summary, flags.json);
  } finally {
    await client.close();
    await engine.close();
  }
}

/** Ingests paths in the mode the environment selects: queue when REDIS_URL is set, else in this process. */
export async function ingestPaths(paths: string[], archive: Archive, flags: IngestFlags): Promise<number> {
  const config = queueConfig();
  if (config) return ingestQueued(paths, archive, config, flags);
  if (flags.detach) throw new UsageError('--detach needs REDIS_URL (queue mode)');
  return ingestInProcess(paths, archive, flags);
}

export const ingestCommand: Command = {
  name: 'ingest',
  usage: USAGE,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        data: { type: 'string' },
        json: { type: 'boolean', default: false },
        ...READ_OPTIONS,
        concurrency: { type: 'string' },
        detach: { type: 'boolean', default: false },
      },
    });
    if (positionals.length === 0) throw new UsageError('name at least one file or folder');
    const read = parseReadFlags(values);
    const concurrency = parsePositiveInt('concurrency', values.concurrency);
    const archive = openArchive(values.data);
    try {
      return await ingestPaths(positionals, archive, {
        json: values.json, detach: values.detach, ...read, ...(concurrency ? { concurrency } : {}),
      });
    } finally {
      archive.close();
    }
  },
};
