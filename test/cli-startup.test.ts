/**
 * The CLI as `npm ci` ships it: compiled into dist/, each command loading only what it needs, and
 * the data files (search-config/, the extraction child, the segmentation thread) found from the
 * compiled tree. Built into a package of its own (the sources linked, dist/ fresh), so the build
 * never rewrites the dist/ that CLI tests running alongside may be loading.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, SEED, tempDir } from './helpers/cli.js';

const TRACE = join(ROOT, 'test', 'helpers', 'trace-imports.mjs');
const PACKAGE = tempDir('wenshi-package-');
const BIN = join(PACKAGE, 'bin', 'wenshi.js');

/** The package as installed: its files linked, bin/ and package.json copied, dist/ compiled. */
function buildPackage(): void {
  for (const name of ['cli', 'pipeline', 'workers', 'web', 'search-config', 'node_modules', 'tsconfig.json', 'tsconfig.build.json']) {
    symlinkSync(join(ROOT, name), join(PACKAGE, name));
  }
  mkdirSync(join(PACKAGE, 'bin'));
  for (const name of ['wenshi.js', 'compiled.js']) copyFileSync(join(ROOT, 'bin', name), join(PACKAGE, 'bin', name));
  copyFileSync(join(ROOT, 'package.json'), join(PACKAGE, 'package.json'));
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const build = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', join(PACKAGE, 'dist')], { cwd: PACKAGE, encoding: 'utf8' });
  expect(build.status, build.stdout + build.stderr).toBe(0);
}

interface Run {
  code: number;
  stdout: string;
  modules: string[];
}

/** Runs bin/wenshi.js with every module it resolves (worker threads included) recorded. */
function traced(args: string[]): Promise<Run> {
  const file = join(tempDir('wenshi-trace-'), 'imports.txt');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TRACE, BIN, ...args], {
      cwd: PACKAGE,
      env: { ...process.env, TRACE_IMPORTS_FILE: file, REDIS_URL: '', MEILI_URL: '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const modules = readFileSync(file, 'utf8').split('\n').filter(Boolean);
      resolve({ code: code ?? -1, stdout, modules });
    });
  });
}

const loaded = (run: Run, part: string): boolean => run.modules.some((m) => m.includes(part));

/** Packages only ingest, serve or the queue need. */
const HEAVY = ['/pdf-parse/', '/pdfjs-dist/', '/mammoth/', '/bullmq/', '/ioredis/', '/fastify/', '/cheerio/', '/docx/', '/cli-progress/', '/tsx/'];

describe('compiled CLI start-up', () => {
  const data = tempDir('wenshi-startup-');

  beforeAll(buildPackage, 300_000);

  it('ingests and reindexes through dist/: the extraction child and the segmentation thread start from the compiled tree', async () => {
    const run = await traced(['ingest', SEED, join(FIXTURES, 'seed.docx'), '--data', data, '--json']);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as { failed: unknown[]; documents: number };
    // The DOCX is extracted in a child process started from dist/pipeline/extract/sandbox-child.js.
    expect(summary.failed).toEqual([]);
    expect(summary.documents).toBeGreaterThan(0);
    expect(loaded(run, '/dist/cli/main.js')).toBe(true);
    expect(loaded(run, '/tsx/')).toBe(false);
    const reindex = await traced(['reindex', '--data', data, '--json']);
    expect(reindex.code).toBe(0);
    expect(loaded(reindex, '/dist/pipeline/search/sqlite/prepare-thread.js')).toBe(true);
  });

  it('search loads the SQLite engine and jieba, none of the ingest, server or queue packages, nor the other engine or the archive but its texts', async () => {
    const run = await traced(['search', '委员', '--data', data, '--json']);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { total: number }).total).toBeGreaterThan(0);
    expect(loaded(run, '/@node-rs/jieba/')).toBe(true);
    expect(loaded(run, '/dist/pipeline/search/sqlite/engine.js')).toBe(true);
    expect(HEAVY.filter((p) => loaded(run, p))).toEqual([]);
    expect(['/dist/pipeline/extract/', '/meilisearch/', '/dist/pipeline/search/meili/'].filter((p) => loaded(run, p))).toEqual([]);
    // Snippets are cut from the archive's texts: the store's reader of them, nothing else of it.
    const store = run.modules.filter((m) => m.includes('/dist/pipeline/store/')).map((m) => m.slice(m.lastIndexOf('/') + 1)).sort();
    expect(store).toEqual(['archive-file.js', 'packed-text.js', 'texts.js']);
  });

  it('ingesting a text file loads none of the parsers of other formats', async () => {
    const run = await traced(['ingest', SEED, '--data', tempDir('wenshi-startup-'), '--json']);
    expect(run.code).toBe(0);
    expect(['/cheerio/', '/undici/', '/mammoth/', '/pdfjs-dist/'].filter((p) => loaded(run, p))).toEqual([]);
  });

  it('a content thread\'s module loads jieba, and none of the parsers, the engines or SQLite (the writing thread has them)', () => {
    const file = join(tempDir('wenshi-trace-'), 'imports.txt');
    const content = pathToFileURL(join(PACKAGE, 'dist', 'pipeline', 'content.js')).href;
    const run = spawnSync(process.execPath, ['--import', TRACE, '--input-type=module', '-e', `await import(${JSON.stringify(content)})`], {
      env: { ...process.env, TRACE_IMPORTS_FILE: file }, encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    const modules = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    expect(modules.some((m) => m.includes('/@node-rs/jieba/'))).toBe(true);
    const heavy = [...HEAVY, '/word-extractor/', '/better-sqlite3/', '/meilisearch/', '/dist/pipeline/extract/', '/dist/pipeline/search/sqlite/engine.js'];
    expect(heavy.filter((p) => modules.some((m) => m.includes(p)))).toEqual([]);
  });

  it('docs and show read the archive only: no search engine, no jieba dictionary', async () => {
    const docs = await traced(['docs', '--data', data, '--json']);
    const id = (JSON.parse(docs.stdout) as { id: string }[])[0]!.id;
    for (const args of [['docs'], ['show', id]]) {
      const run = await traced([...args, '--data', data, '--json']);
      expect(run.code).toBe(0);
      expect(run.stdout.length).toBeGreaterThan(0);
      expect([...HEAVY, '/@node-rs/jieba/', '/dist/pipeline/search/sqlite/'].filter((p) => loaded(run, p))).toEqual([]);
    }
  });
});
