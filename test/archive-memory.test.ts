/**
 * Bounded memory where the whole archive is walked: listing documents (`wenshi docs`, `GET
 * /api/docs`), a page of them, and reindex (reanalyze walks the same batches) run under a heap
 * smaller than the archive's texts. Reading every text at once, as the list once did, dies of it.
 */
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Archive } from '../pipeline/store/archive.js';
import { ROOT, tempDir } from './helpers/cli.js';

const CHILD = fileURLToPath(new URL('./helpers/archive-walk-child.ts', import.meta.url));
const DOCS = 24;
/** Characters per document: 政 is two bytes in a V8 string, so 4 MiB each, 96 MiB in all. */
const CHARS = 2_000_000;
const HEAP_MB = 64;

/** An archive of large documents written by SQL, so the test itself never holds their text. */
function largeArchive(): string {
  const dir = tempDir('wenshi-memory-');
  const archive = new Archive(dir);
  const insert = archive.db.prepare(`INSERT INTO documents (id, title, type, level, text, length, truncated, rules, created_at)
    VALUES (?, ?, 'other', 'unknown', replace(hex(zeroblob(?)), '00', '政'), ?, 0, '{}', ?)`);
  archive.db.transaction(() => {
    for (let i = 0; i < DOCS; i++) insert.run(`doc${String(i).padStart(4, '0')}`, `政协文件 ${i}`, CHARS, CHARS, new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString());
  })();
  archive.close();
  return dir;
}

describe('walking the whole archive', () => {
  it(`lists, pages and reindexes ${DOCS} documents of ${CHARS / 1e6} M characters under a ${HEAP_MB} MiB heap`, async () => {
    const dir = largeArchive();
    const { stdout } = await promisify(execFile)(process.execPath, [`--max-old-space-size=${HEAP_MB}`, '--import', 'tsx', CHILD, dir], { cwd: ROOT, encoding: 'utf8' })
      .finally(() => rmSync(dir, { recursive: true, force: true }));
    const out = JSON.parse(stdout) as { listed: number; page: number; total: number; reindexed: number; peakHeapMb: number };
    expect(out).toMatchObject({ listed: DOCS, page: 5, total: DOCS, reindexed: DOCS });
    // Measured, not timed: the texts are 96 MiB; a document of 2 M characters is a batch alone, two in flight are 8 MiB.
    expect(out.peakHeapMb).toBeLessThan(HEAP_MB);
  });
});
