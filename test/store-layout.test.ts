/**
 * What the data folder keeps, and how: blobs gzipped when that pays and raw when not (and raw blobs
 * of older folders read as before); documents' text packed, plain text of older archives read as
 * before; the key-only tables WITHOUT ROWID in a new archive. An archive of the layout before
 * (commit 36daba3) reads back exactly what the new layout does.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deflateRawSync, gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Archive } from '../pipeline/store/archive.js';
import { archiveFile } from '../pipeline/store/archive-file.js';
import { BlobStore, sha256 } from '../pipeline/store/blobs.js';
import { SUMMARY_COLUMNS } from '../pipeline/store/listing.js';
import { packText, TEXT_CHUNK, unpackSpan, unpackText } from '../pipeline/store/packed-text.js';
import { FIXTURES, tempDir } from './helpers/cli.js';
import { archiveNumbered, writeNumbered } from './helpers/numbered.js';

/** The schema of commit 36daba3, verbatim: text as TEXT, every table with a rowid. */
const PREVIOUS_SCHEMA = readFileSync(join(FIXTURES, 'archive', 'schema-36daba3.sql'), 'utf8');
const TEXT = '第一条 为了规范政协提案工作，提高提案质量，制定本办法。\n'.repeat(2000);

describe('blobs', () => {
  it('keeps bytes that compress in brotli, and gives them back as they were', async () => {
    const store = new BlobStore(join(tempDir(), 'blobs'));
    const hash = await store.put(TEXT);
    expect(hash).toBe(sha256(TEXT));
    expect(existsSync(`${store.pathOf(hash)}.br`)).toBe(true);
    expect(existsSync(store.pathOf(hash))).toBe(false);
    expect(readFileSync(`${store.pathOf(hash)}.br`).length).toBeLessThan(Buffer.byteLength(TEXT) / 10);
    expect(await store.has(hash)).toBe(true);
    expect((await store.get(hash)).toString('utf8')).toBe(TEXT);
    expect(await store.getJson(await store.putJson({ text: TEXT }))).toEqual({ text: TEXT });
    await store.delete(hash);
    expect(await store.has(hash)).toBe(false);
  });

  it('keeps bytes that do not compress (judged on a sample) as they are, a gzip file included', async () => {
    const store = new BlobStore(join(tempDir(), 'blobs'));
    // Larger than the sample: random bytes, as a PDF's deflated streams nearly are.
    const noise = randomBytes(600 * 1024);
    // A gzip file as an original (a .gz of incompressible bytes, stored as the bytes it is).
    const gz = gzipSync(randomBytes(10_000));
    for (const bytes of [noise, gz]) {
      const hash = await store.put(bytes);
      expect(readFileSync(store.pathOf(hash)).equals(bytes)).toBe(true);
      expect(existsSync(`${store.pathOf(hash)}.br`)).toBe(false);
      expect((await store.get(hash)).equals(bytes)).toBe(true);
    }
  });

  it('packs blobs put at once one after another, each under its own hash, compressible or not', async () => {
    const store = new BlobStore(join(tempDir(), 'blobs'));
    const texts = [...Array.from({ length: 5 }, (_, i) => Buffer.from(`${i}${TEXT}`.repeat(i + 1))), randomBytes(300 * 1024)];
    const hashes = await Promise.all(texts.map((t) => store.put(t)));
    expect(hashes).toEqual(texts.map((t) => sha256(t)));
    for (const [i, t] of texts.entries()) expect((await store.get(hashes[i]!)).equals(t)).toBe(true);
    expect(existsSync(`${store.pathOf(hashes[0]!)}.br`)).toBe(true);
    expect(existsSync(store.pathOf(hashes[5]!))).toBe(true);
  });

  it('reads a blob an older version kept gzipped or raw, and does not store it again', async () => {
    for (const [suffix, bytes] of [['.gz', gzipSync(TEXT)], ['', Buffer.from(TEXT)]] as const) {
      const store = new BlobStore(join(tempDir(), 'blobs'));
      const hash = sha256(TEXT);
      mkdirSync(dirname(store.pathOf(hash)), { recursive: true });
      writeFileSync(`${store.pathOf(hash)}${suffix}`, bytes);
      expect(await store.has(hash)).toBe(true);
      expect((await store.get(hash)).toString('utf8')).toBe(TEXT);
      await store.put(TEXT);
      expect(existsSync(`${store.pathOf(hash)}.br`)).toBe(false);
      await store.delete(hash);
      expect(await store.has(hash)).toBe(false);
    }
  });
});

describe('packed text', () => {
  it('round-trips any text, and reads plain TEXT as it is', () => {
    for (const text of ['', TEXT, '𠮷 astral and ascii\r\n\u0000 控制字符']) {
      const packed = packText(text);
      expect(Buffer.isBuffer(packed)).toBe(true);
      expect(unpackText(packed)).toBe(text);
      expect(unpackText(text)).toBe(text);
    }
    expect(packText(TEXT).length).toBeLessThan(Buffer.byteLength(TEXT) / 10);
  });

  it('reads a span of a text inflating only the chunks that hold it, an astral character at a chunk\'s edge too; one stream, as archives made before hold it, reads alike', () => {
    // 𠮷's two UTF-16 units straddle the first chunk's end.
    const text = `${'协'.repeat(TEXT_CHUNK - 1)}𠮷${'商'.repeat(TEXT_CHUNK)}末尾`;
    const old = deflateRawSync(Buffer.from(text, 'utf8'));
    const spans = [[0, 5], [TEXT_CHUNK - 3, TEXT_CHUNK + 3], [TEXT_CHUNK - 1, TEXT_CHUNK + 1], [10, 2 * TEXT_CHUNK + 1], [text.length - 3, text.length], [7, 7]] as const;
    for (const stored of [packText(text), old]) {
      expect(unpackText(stored)).toBe(text);
      for (const [start, end] of spans) expect(unpackSpan(stored, start, end)).toBe(text.slice(start, end));
    }
    expect(packText(text)[0]).toBe(0xff);
    expect(unpackSpan(packText(''), 0, 0)).toBe('');
    expect(unpackSpan('plain', 1, 3)).toBe('la');
  });
});

function tableSql(db: Database.Database, table: string): string {
  return db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(table) as string;
}

const KEY_ONLY = ['entities', 'dup_bands'];

/** How SQLite reads a whole list: from the index alone, never the table (its columns after the text are behind the text's overflow pages). */
function listPlan(db: Database.Database): string {
  return (db.prepare(`EXPLAIN QUERY PLAN SELECT ${SUMMARY_COLUMNS} FROM documents ORDER BY created_at, id`).all() as { detail: string }[]).map((r) => r.detail).join('; ');
}

describe('archive layout', () => {
  it('packs documents’ text and each document’s findings and sections, and keeps entities and LSH bands WITHOUT ROWID', async () => {
    const dir = tempDir();
    const archive = new Archive(dir);
    try {
      const [id] = await archiveNumbered(archive, null, writeNumbered(dir).slice(0, 1));
      const stored = archive.db.prepare('SELECT text, length FROM documents WHERE id = ?').get(id) as { text: unknown; length: number };
      expect(Buffer.isBuffer(stored.text)).toBe(true);
      const text = archive.getDocument(id!)!.text;
      expect(unpackText(stored.text as Buffer)).toBe(text);
      expect(stored.length).toBe(text.length);
      for (const table of KEY_ONLY) expect(tableSql(archive.db, table)).toMatch(/WITHOUT ROWID$/);
      expect(archive.db.prepare('SELECT typeof(findings) FROM finding_sets WHERE doc_id = ?').pluck().get(id)).toBe('blob');
      expect(archive.db.prepare('SELECT typeof(sections) FROM section_sets WHERE doc_id = ?').pluck().get(id)).toBe('blob');
      expect(archive.getDocument(id!)!.sections.length).toBeGreaterThan(0);
      expect(archive.findings({ docId: id! }).length).toBeGreaterThan(0);
      expect(listPlan(archive.db)).toBe('SCAN documents USING COVERING INDEX documents_list');
    } finally {
      archive.close();
    }
  });

  it('reads an archive of the layout before (text as TEXT, rowid tables) as it reads a new one, and adds to it', async () => {
    const dir = tempDir();
    const paths = writeNumbered(dir);
    const fresh = new Archive(join(dir, 'new'));
    const oldDir = join(dir, 'old');
    try {
      const ids = await archiveNumbered(fresh, null, paths.slice(0, 2));
      // The same rows in the previous layout: every table copied, documents' text unpacked.
      mkdirSync(oldDir);
      const old = new Database(archiveFile(oldDir));
      old.exec(PREVIOUS_SCHEMA);
      old.function('unpacked', (t) => unpackText(t as Buffer | string));
      old.exec(`ATTACH '${archiveFile(join(dir, 'new'))}' AS new`);
      const tables = old.prepare("SELECT name FROM main.sqlite_master WHERE type = 'table'").pluck().all() as string[];
      for (const table of tables.filter((t) => t !== 'findings' && t !== 'sections')) {
        const columns = (old.pragma(`table_info(${table})`) as { name: string }[]).map((c) => `"${c.name}"`);
        const select = columns.map((c) => (table === 'documents' && c === '"text"' ? 'unpacked(text)' : c));
        old.exec(`INSERT INTO main.${table} (${columns.join(', ')}) SELECT ${select.join(', ')} FROM new.${table}`);
      }
      // Sections a row each, every heading as text; findings a row each, their bodies whole, as the versions then wrote them.
      const section = old.prepare('INSERT INTO main.sections (doc_id, ord, path, label, heading, kind, depth, start, end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
      for (const id of ids) fresh.getDocument(id)!.sections.forEach((s, i) => section.run(id, i, s.path, s.label, s.heading, s.kind, s.depth, s.start, s.end));
      const finding = old.prepare('INSERT INTO main.findings (id, doc_id, ord, clause_path, type, kind, modality, start, end, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
      fresh.findings().forEach((f, i) => finding.run(f.id, f.docId, i, f.clausePath, f.type, f.kind, f.modality, f.start, f.end, JSON.stringify(f)));
      old.exec('DETACH new');
      expect(old.prepare('SELECT typeof(text) FROM documents').pluck().all()).toEqual(['text', 'text']);
      old.close();

      const archive = new Archive(oldDir);
      try {
        for (const table of KEY_ONLY) expect(tableSql(archive.db, table)).not.toMatch(/WITHOUT ROWID/);
        // Findings and sections moved into sets on open, the tables of rows (and the kind index) dropped.
        expect(archive.db.prepare("SELECT name FROM sqlite_master WHERE tbl_name IN ('findings', 'sections')").all()).toEqual([]);
        expect(archive.db.prepare('SELECT count(*) FROM finding_sets').pluck().get()).toBeGreaterThan(0);
        // The list's index is made on open, after any column it names was added.
        expect(listPlan(archive.db)).toBe('SCAN documents USING COVERING INDEX documents_list');
        expect(archive.listDocuments()).toEqual(fresh.listDocuments());
        for (const id of ids) {
          expect(archive.getDocument(id)).toEqual(fresh.getDocument(id));
          expect(archive.findings({ docId: id })).toEqual(fresh.findings({ docId: id }));
          expect(archive.entities(id)).toEqual(fresh.entities(id));
        }
        // A new document goes in packed beside the old plain ones.
        const [added] = await archiveNumbered(archive, null, paths.slice(2, 3));
        expect(archive.db.prepare('SELECT typeof(text) FROM documents WHERE id = ?').pluck().get(added)).toBe('blob');
        expect(archive.getDocument(added!)!.text.length).toBeGreaterThan(0);
        expect(archive.counts().documents).toBe(3);
      } finally {
        archive.close();
      }
    } finally {
      fresh.close();
    }
  });
});
