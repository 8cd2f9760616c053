/**
 * The embedded runner's content threads and grouped writes: what a run stores is the same whether
 * the content stages run on threads or on the writing thread, and a source whose stages throw, or
 * whose thread dies, fails alone while the rest of the batch is stored and indexed.
 * @module
 */
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteEngine } from '../pipeline/search/sqlite/engine.js';
import { Archive } from '../pipeline/store/archive.js';
import { ingestEmbedded } from '../workers/embedded.js';
import { FIXTURES, ROOT, SEED, tempDir } from './helpers/cli.js';

const COMPARE = join(ROOT, 'corpus', 'compare');
const SEARCHES = ['协商', '意见', '第一条', '"政协商"'];
const HOOKS = ['WENSHI_INGEST_THREADS', 'WENSHI_TEST_THROW_AT', 'WENSHI_TEST_CRASH_AT'] as const;

/** Real files of several formats: plain text, a 文史 volume, DOCX (extracted in a child process). */
function inputFolder(): string {
  const dir = join(tempDir(), 'in');
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(COMPARE)) cpSync(join(COMPARE, name), join(dir, name));
  cpSync(SEED, join(dir, 'seed.txt'));
  cpSync(join(ROOT, 'corpus', 'wenshi', 'volume.txt'), join(dir, 'volume.txt'));
  cpSync(join(FIXTURES, 'opinion-headings.docx'), join(dir, 'opinion-headings.docx'));
  return dir;
}

async function run(input: string, env: Partial<Record<(typeof HOOKS)[number], string>>) {
  Object.assign(process.env, env);
  const data = tempDir();
  const archive = new Archive(data);
  const engine = new SqliteEngine({ dataDir: data });
  try {
    const summary = await ingestEmbedded([input], archive, { engine });
    const ids = archive.listDocuments().map((d) => d.id).sort();
    // Everything stored about each document, less what differs by run (the time it was stored).
    const stored = ids.map((id) => {
      const { provenance, ...doc } = archive.getDocument(id)!;
      return { doc, provenance: provenance.map((p) => ({ ...p, path: p.path.slice(input.length) })), findings: archive.findings({ docId: id }), entities: archive.entities(id) };
    });
    // Words (body, heading and title columns) and a literal string of characters (the bigram columns).
    const hits: string[] = [];
    for (const q of SEARCHES) {
      const search = await engine.search({ q });
      // Sorted: hits of equal score may come in either order, as threads store sources in the order they finish.
      hits.push(`${q}: ${search.total}`, ...search.hits.map((h) => `${h.docId}@${h.start}`).sort());
    }
    return { summary, stored, stats: await engine.stats(), hits, counts: archive.counts() };
  } finally {
    await engine.close();
    archive.close();
  }
}

afterEach(() => {
  for (const name of HOOKS) delete process.env[name];
});

describe('content threads', () => {
  it('store the same documents, sections, findings, entities and index as the stages on the writing thread', async () => {
    const input = inputFolder();
    const threaded = await run(input, { WENSHI_INGEST_THREADS: '2' });
    const inline = await run(input, { WENSHI_INGEST_THREADS: '0' });
    expect(threaded.summary.failed).toEqual([]);
    expect(threaded.summary.sources).toBe(readdirSync(input).length);
    expect(threaded.stored.length).toBeGreaterThan(readdirSync(input).length);
    expect(threaded.stored.some((s) => s.findings.length > 0)).toBe(true);
    expect(threaded.stored).toEqual(inline.stored);
    expect(threaded.stats).toEqual({ ...inline.stats, sizeBytes: expect.any(Number) });
    expect(threaded.hits.length).toBeGreaterThan(SEARCHES.length);
    expect(threaded.hits).toEqual(inline.hits);
    expect(threaded.counts).toMatchObject({ unindexed: 0, failed: 0 });
  }, 120_000);

  it.each([
    { what: 'its analysis throws on its thread', hook: { WENSHI_TEST_THROW_AT: 'analyze:local-proposals' }, file: 'local-proposals.txt', error: 'analyze failed: test hook' },
    // With one thread, every source after the crash is processed by the thread that replaced it.
    { what: 'its thread dies', hook: { WENSHI_TEST_CRASH_AT: 'content:central-supervision' }, file: 'central-supervision.txt', error: 'the content thread ended (exit code 70)' },
  ])('fail a source alone when $what, with stage and reason, and store the rest', async ({ hook, file, error }) => {
    const input = inputFolder();
    const { summary, counts } = await run(input, { WENSHI_INGEST_THREADS: '1', ...hook });
    expect(summary.failed).toEqual([{ path: join(input, file), code: 'INTERNAL', stage: 'analyze', error: expect.stringContaining(error) }]);
    expect(summary.sources).toBe(readdirSync(input).length - 1);
    expect(counts).toMatchObject({ failed: 1, unindexed: 0 });
  }, 120_000);
});
