import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteEngine, type IndexDocument } from '../pipeline/search/index.js';
import { SQLITE_FILE } from '../pipeline/search/sqlite/engine.js';

function doc(n: number): IndexDocument {
  const text = Array.from({ length: 40 }, (_, i) => `第${i + 1}条 县级以上人民政府应当加强第${n}号文件所列事项的协商工作，每年至少召开${i + 2}次会议。`).join('\n');
  return {
    id: `doc-${n}`, title: `关于第${n}号事项的实施意见`, type: 'opinion', level: 'provincial', region: '浙江',
    issuer: null, year: 2020, date: null, docNumber: null, text, sections: [],
  };
}

/** Free and all pages of the index as a reader sees it (through the write-ahead log). */
const pages = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return { free: db.pragma('freelist_count', { simple: true }) as number, all: db.pragma('page_count', { simple: true }) as number, size: db.pragma('page_size', { simple: true }) as number };
  } finally {
    db.close();
  }
};

describe('compacting the SQLite index after a bulk load', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('gives the pages merged-away segments freed back to the file system, and searches find the same', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wenshi-compact-'));
    dirs.push(dir);
    const engine = new SqliteEngine({ dataDir: dir });
    // One segment per transaction; optimize merges them into one and frees the rest, as a load's crisis merges do.
    for (let batch = 0; batch < 6; batch++) await engine.upsert(Array.from({ length: 20 }, (_, i) => doc(batch * 20 + i)));
    engine.optimize();
    const file = join(dir, SQLITE_FILE);
    const before = await engine.search({ q: '协商工作' });
    // Searched again before the pages are counted: a second search makes the query's top list, and writes it.
    expect(await engine.search({ q: '协商工作' })).toEqual(before);
    const loaded = pages(file);
    expect(loaded.free).toBeGreaterThan(0);
    engine.compact();
    expect(pages(file)).toEqual({ ...loaded, free: 0, all: loaded.all - loaded.free });
    expect(await engine.search({ q: '协商工作' })).toEqual(before);
    await engine.close();
    // Checkpointed at the close: the file is the pages in use, no more.
    expect(statSync(file).size).toBe((loaded.all - loaded.free) * loaded.size);
  }, 60_000);
});
