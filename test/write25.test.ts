/**
 * Issue 18: what a source's content thread sends the writing thread. Its index rows cross ready to
 * insert (WritableDoc: flat arrays and typed arrays, see write.ts), and the writer only numbers
 * their paths and kinds and inserts them; its documents cross without their sections and findings,
 * which the archive takes packed. Those rows, after the wire, are the rows of the stored documents
 * read back from the archive, what the archive holds is what the stages made, and the index a
 * group writes from them is the one an upsert of those documents writes.
 * @module
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runContent, type ContentResult } from '../pipeline/content.js';
import { fromWire, toWire } from '../pipeline/content-wire.js';
import { extract } from '../pipeline/extract/index.js';
import { storedIndexDocuments } from '../pipeline/indexing.js';
import { SqliteEngine } from '../pipeline/search/sqlite/engine.js';
import { tableSet } from '../pipeline/search/sqlite/schema.js';
import { writableOf } from '../pipeline/search/sqlite/write.js';
import { Archive } from '../pipeline/store/archive.js';
import { WriteGroup } from '../pipeline/write-group.js';
import { fixtureDocuments } from './engine-contract.js';
import { ROOT, SEED, tempDir } from './helpers/cli.js';

const COMPARE = join(ROOT, 'corpus', 'compare');
const FILES = [...readdirSync(COMPARE).map((name) => join(COMPARE, name)), SEED, join(ROOT, 'corpus', 'wenshi', 'volume.txt')];

async function content(path: string): Promise<ReturnType<typeof runContent>> {
  return runContent({ path, extraction: await extract({ bytes: readFileSync(path), path }), prepareIndex: true });
}

/** The search file's rows of documents, units' kinds, names and kinds' bits, in the order written (less the texts, kept or not by where the archive is). */
function indexRows(dataDir: string): unknown[] {
  const db = new Database(join(dataDir, 'search.sqlite'), { readonly: true });
  const t = tableSet(0);
  try {
    return [
      db.prepare(`SELECT n, id, title, type, level, region, issuer, year, date, doc_number, clauses, findings, hex(units) FROM ${t.docs} ORDER BY n`).raw().all(),
      db.prepare(`SELECT * FROM ${t.unitKinds} ORDER BY unit`).raw().all(),
      db.prepare(`SELECT * FROM ${t.unitExtras} ORDER BY unit`).raw().all(),
      db.prepare(`SELECT * FROM ${t.names} ORDER BY code`).raw().all(),
      db.prepare(`SELECT * FROM ${t.kindBits} ORDER BY bit`).raw().all(),
    ];
  } finally {
    db.close();
  }
}

describe('rows written through the content wire', () => {
  it('are the rows of the stored documents read back, and index as an upsert of them does', async () => {
    const data = tempDir();
    const archive = new Archive(data);
    const engine = new SqliteEngine({ dataDir: data });
    const group = new WriteGroup(archive, engine, () => undefined);
    const crossed: ContentResult[] = [];
    for (const path of FILES) {
      const bytes = readFileSync(path);
      // As a content thread's reply arrives: cloned, then taken off the wire.
      const result = fromWire(structuredClone(toWire(await content(path))));
      crossed.push(result);
      group.store({ sha256: createHash('sha256').update(bytes).digest('hex'), path, size: bytes.length }, result);
    }
    group.commit();
    // The documents crossed without their sections and findings: the archive took them packed.
    expect(crossed.flatMap((r) => r.processed.documents).every((d) => !('sections' in d) && !('analysis' in d))).toBe(true);
    const ids = crossed.flatMap((r) => r.processed.documents.map((d) => d.id));
    expect(ids.length).toBeGreaterThan(FILES.length);
    const readBack = storedIndexDocuments(archive, ids);
    expect(readBack.some((d) => (d.findings ?? []).length > 0 && d.sections.length > 0)).toBe(true);
    // Every row, typed array and column text the writer took is the one made from the archive's copy.
    expect(crossed.flatMap((r) => r.prepared!)).toEqual(readBack.map(writableOf));
    // What the archive holds is what the stages made, sections and findings included.
    for (const path of FILES) {
      for (const doc of (await content(path)).processed.documents) {
        const stored = archive.getDocument(doc.id)!;
        expect(stored.sections).toEqual(doc.sections);
        expect(stored.text).toBe(doc.text);
        expect(archive.findings({ docId: doc.id })).toEqual(doc.analysis.findings);
      }
    }

    const other = tempDir();
    const upserted = new SqliteEngine({ dataDir: other });
    await upserted.upsert(readBack);
    await upserted.close();
    await engine.close();
    archive.close();
    const rows = indexRows(data);
    expect((rows[0] as unknown[]).length).toBe(ids.length);
    expect(rows).toEqual(indexRows(other));
  }, 60_000);

  it('number names and kinds once per group, and again after a group given up', async () => {
    const docs = fixtureDocuments();
    const data = tempDir();
    const engine = new SqliteEngine({ dataDir: data });
    // Given up: the names and kinds it numbered are gone, and the next group numbers them again.
    engine.writeGrouped([writableOf(docs[0]!)]);
    engine.endGroup(false);
    for (const doc of docs) engine.writeGrouped([writableOf(doc)]);
    engine.endGroup(true);
    await engine.close();
    const other = tempDir();
    const upserted = new SqliteEngine({ dataDir: other });
    await upserted.upsert(docs);
    await upserted.close();
    const rows = indexRows(data);
    expect((rows[3] as unknown[]).length).toBeGreaterThan(1);
    expect((rows[4] as unknown[]).length).toBeGreaterThan(1);
    expect(rows).toEqual(indexRows(other));
  });
});
