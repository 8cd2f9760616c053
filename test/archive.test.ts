/**
 * The archive keeps what classify reads (subtitle, 发文字号, adoption history) and gives it back on
 * every path that builds a document; an archive made by the first release opens and gains the
 * columns added since, its documents intact.
 * @module
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { analyze } from '../pipeline/analyze/index.js';
import type { Finding } from '../pipeline/analyze/types.js';
import { normalizeDocNumber } from '../pipeline/doc-number.js';
import { processSource } from '../pipeline/flow.js';
import { sha256 } from '../pipeline/store/blobs.js';
import { Archive } from '../pipeline/store/archive.js';
import { archiveFile } from '../pipeline/store/archive-file.js';
import { packDocument, type PackedDocument } from '../pipeline/store/packed-document.js';
import { addMissingColumns } from '../pipeline/store/migrate.js';
import { SCHEMA } from '../pipeline/store/schema.js';
import { FIXTURES, SEED, tempDir } from './helpers/cli.js';
import { archiveNumbered, NUMBERED, writeNumbered } from './helpers/numbered.js';

/** The schema of commit b8398df, verbatim: what an archive of the first release holds. */
const FIRST_SCHEMA = readFileSync(join(FIXTURES, 'archive', 'schema-b8398df.sql'), 'utf8');

function columnsOf(db: Database.Database, table: string): string[] {
  return (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
}

describe('archive: subtitle, 发文字号 and history', () => {
  it('stores them and reads them back in the summary and in the metadata', async () => {
    const dir = tempDir();
    const archive = new Archive(dir);
    try {
      const ids = await archiveNumbered(archive, null, writeNumbered(dir));
      const listed = new Map(archive.listDocuments().map((d) => [d.id, d]));
      NUMBERED.forEach((f, i) => {
        const summary = listed.get(ids[i]!)!;
        expect(summary).toMatchObject({ subtitle: f.meta.subtitle, docNumber: f.meta.docNumber, history: f.meta.history, type: f.meta.type });
        const stored = archive.getDocument(ids[i]!)!;
        expect(stored.meta).toMatchObject({ subtitle: f.meta.subtitle, docNumber: f.meta.docNumber, history: f.meta.history, rules: f.meta.rules });
      });
      const regulation = archive.getDocument(ids[2]!)!;
      expect(regulation.meta.history!.map((e) => [e.date, e.event])).toEqual([['2005-11-25', 'adopted'], ['2018-01-23', 'amended']]);
      expect(archive.getDocument(ids[3]!)!.subtitle).toBe('2019年3月5日在第十三届全国人民代表大会第二次会议上');
    } finally {
      archive.close();
    }
  });

  it('opens an archive of the first release, adds the missing columns once, and keeps its documents', async () => {
    const dir = tempDir();
    const old = new Database(archiveFile(dir));
    old.exec(FIRST_SCHEMA);
    old.prepare(`INSERT INTO sources (sha256, name, path, size, format, status, updated_at) VALUES ('s1', 'old.txt', '/old.txt', 10, 'txt', 'ok', '2026-11-25')`).run();
    old.prepare(`INSERT INTO documents (id, title, type, issuer, level, region, date, year, piece, text, length, truncated, rules, created_at)
      VALUES ('old-doc', '旧文件', 'opinion', '区委', 'district', NULL, '2020-01-01', 2020, NULL, '旧文件正文。', 6, 0, '{}', '2026-11-25')`).run();
    old.prepare(`INSERT INTO provenance (doc_id, source_sha, ordinal, changes) VALUES ('old-doc', 's1', 0, '{}')`).run();
    // A section and a finding a row each, the heading as text (no span columns then), the finding's body whole.
    old.prepare(`INSERT INTO sections (doc_id, ord, path, label, heading, kind, depth, start, end) VALUES ('old-doc', 0, '', '', '旧文件', 'chapter', 1, 0, 6)`).run();
    const finding = { id: 'f1', docId: 'old-doc', clausePath: '', sentence: '旧文件正文。', type: 'requirement', kind: 'obligation', modality: 'mandatory',
      marker: null, actor: null, actorFrom: null, action: null, object: '正文', frequency: null, quantity: null, deadline: null, condition: null, sanction: null,
      start: 0, end: 6, rule: 'old' };
    old.prepare(`INSERT INTO findings (id, doc_id, ord, clause_path, type, kind, modality, start, end, body)
      VALUES ('f1', 'old-doc', 0, '', 'requirement', 'obligation', 'mandatory', 0, 6, ?)`).run(JSON.stringify(finding));
    expect(columnsOf(old, 'documents')).not.toContain('doc_number');
    expect(columnsOf(old, 'clause_tokens')).toEqual(['doc_id', 'path', 'tokens']);
    old.close();

    const archive = new Archive(dir);
    try {
      expect(columnsOf(archive.db, 'documents')).toEqual(expect.arrayContaining(['subtitle', 'doc_number', 'history']));
      expect(columnsOf(archive.db, 'sources')).toContain('ocr');
      // The clause tokens it stored were never read: the table is gone.
      expect(archive.db.prepare("SELECT name FROM sqlite_master WHERE name = 'clause_tokens'").get()).toBeUndefined();
      // Already current: opening again adds nothing.
      expect(addMissingColumns(archive.db, SCHEMA)).toEqual([]);
      const before = archive.getDocument('old-doc')!;
      expect(before).toMatchObject({ title: '旧文件', text: '旧文件正文。', subtitle: null, docNumber: null, history: [] });
      expect(before.provenance).toEqual([expect.objectContaining({ path: '/old.txt', ocr: null })]);
      // Its section and finding moved into sets, its tables of rows gone.
      expect(before.sections).toEqual([{ path: '', label: '', heading: '旧文件', kind: 'chapter', depth: 1, start: 0, end: 6 }]);
      expect(archive.findings({ docId: 'old-doc' })).toEqual([finding]);
      expect(archive.db.prepare("SELECT name FROM sqlite_master WHERE name IN ('sections', 'findings', 'findings_kind')").all()).toEqual([]);
      // New documents go in beside the old one, with their fields.
      const [id] = await archiveNumbered(archive, null, writeNumbered(dir).slice(0, 1));
      expect(archive.getDocument(id!)!.docNumber).toBe('国办发〔2019〕5号');
      expect(archive.listDocuments().map((d) => d.id)).toEqual(['old-doc', id!]);
    } finally {
      archive.close();
    }
  });

  it('refuses, naming it, a missing column that existing rows could not be given', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (a TEXT)');
    expect(() => addMissingColumns(db, 'CREATE TABLE IF NOT EXISTS t (a TEXT, b TEXT NOT NULL)')).toThrow(/table t lacks column b/);
    expect(addMissingColumns(db, "CREATE TABLE IF NOT EXISTS t (a TEXT, c INTEGER NOT NULL DEFAULT 0, d TEXT DEFAULT 'x')")).toEqual(['t.c', 't.d']);
    db.close();
  });
});

describe('发文字号 in one written form', () => {
  it.each([
    ['国发〔2019〕5号', '国发〔2019〕5号'],
    ['国发[2019]5号', '国发〔2019〕5号'],
    ['国发(2019)5号', '国发〔2019〕5号'],
    ['国办函（2006）82号', '国办函〔2006〕82号'],
    ['X政发［2020］12号', 'X政发〔2020〕12号'],
    ['国 发 【２０１９】 ５ 号', '国发〔2019〕5号'],
  ])('%s → %s', (written, normal) => {
    expect(normalizeDocNumber(written)).toBe(normal);
  });
});

/** The findings table of archives made before finding sets: a row per finding. */
/** Archives the seed file (eight pieces, dozens of findings); returns the piece with the most findings. */
async function archiveSeed(archive: Archive): Promise<string> {
  const bytes = readFileSync(SEED);
  const processed = await processSource({ path: SEED, bytes });
  archive.saveSource({ sha256: sha256(bytes), path: SEED, size: bytes.length }, processed);
  return [...processed.documents].sort((a, b) => b.analysis.findings.length - a.analysis.findings.length)[0]!.id;
}

const FINDING_ROWS = `CREATE TABLE findings (id TEXT NOT NULL, doc_id TEXT NOT NULL REFERENCES documents(id), ord INTEGER NOT NULL,
  clause_path TEXT NOT NULL, type TEXT NOT NULL, kind TEXT, modality TEXT, start INTEGER NOT NULL, end INTEGER NOT NULL,
  body TEXT NOT NULL, PRIMARY KEY (doc_id, id))`;

/** Puts a document's findings back as earlier versions kept them: a row each, `body` its JSON, and no set. */
function writeFindingRows(archive: Archive, id: string, findings: readonly Finding[], body: (f: Finding, i: number) => unknown): void {
  archive.db.exec(FINDING_ROWS);
  const row = archive.db.prepare('INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  findings.forEach((f, i) => row.run(f.id, id, i, f.clausePath, f.type, f.kind, f.modality, f.start, f.end, JSON.stringify(body(f, i))));
  archive.db.prepare('DELETE FROM finding_sets WHERE doc_id = ?').run(id);
}

describe('archive: findings', () => {
  it('stores a document’s findings as one deflated set without their sentences, and reads them back as analyze made them', async () => {
    const dir = tempDir();
    const archive = new Archive(dir);
    try {
      const id = await archiveSeed(archive);
      const findings = archive.findings({ docId: id });
      expect(findings.length).toBeGreaterThan(3);
      const text = archive.getDocument(id)!.text;
      for (const f of findings) expect(f.sentence).toBe(text.slice(f.start, f.end));
      // What analyze makes, field for field and in its order (reanalyze compares the JSON).
      expect(JSON.stringify(findings)).toBe(JSON.stringify(analyze(archive.getDocument(id)!).findings));
      const set = archive.db.prepare('SELECT count, findings FROM finding_sets WHERE doc_id = ?').get(id) as { count: number; findings: Buffer };
      expect(set.count).toBe(findings.length);
      expect(set.findings.length).toBeLessThan(Buffer.byteLength(JSON.stringify(findings)) / 4);
      const records = inflateRawSync(set.findings).toString('utf8');
      // No sentence, no field names; the actor, object… as their place in the sentence where they
      // occur there; where the actor was read only when it is not "stated" (the default).
      for (const absent of ['"sentence"', '"actor"', '"stated"']) expect(records).not.toContain(absent);
      expect(records).toMatch(/\[\d+,\d+\]/);
      expect(findings.filter((f) => f.actorFrom === 'stated').length).toBeGreaterThan(0);
      // Narrowed by type, kind and modality, across documents too.
      const [kind, modality] = [findings[0]!.kind!, findings[0]!.modality!];
      const narrowed = findings.filter((f) => f.kind === kind && f.modality === modality);
      expect(archive.findings({ docId: id, kind, modality })).toEqual(narrowed);
      const across = archive.findings().filter((f) => f.type === 'requirement' && f.kind === kind && f.modality === modality);
      expect(across.length).toBeGreaterThan(narrowed.length);
      expect(archive.findings({ type: 'requirement', kind, modality })).toEqual(across);
      expect(archive.findings({ kind: 'no-such-kind' })).toEqual([]);
      // An actor read elsewhere keeps where it was read; replacing tells how many there were.
      const first = findings.find((f) => f.actor)!;
      const leadIn = findings.map((f) => (f === first ? { ...f, actorFrom: 'lead-in' as const } : f));
      expect(archive.replaceAnalysis(id, { findings: leadIn })).toBe(findings.length);
      expect(JSON.stringify(archive.findings({ docId: id }))).toBe(JSON.stringify(leadIn));
      expect(archive.replaceAnalysis(id, { findings: [] })).toBe(findings.length);
      expect(archive.findings({ docId: id })).toEqual([]);
    } finally {
      archive.close();
    }
  });

  it('moves the findings of an archive made before (a row each) into sets on open, reading every body earlier versions wrote', async () => {
    const dir = tempDir();
    const fresh = new Archive(dir);
    const id = await archiveSeed(fresh);
    const all = fresh.findings();
    const findings = fresh.findings({ docId: id });
    expect(findings.length).toBeGreaterThan(3);
    // The bodies of earlier versions: the whole finding; every field as text; places in an object; an array.
    const bodies = [
      (f: Finding) => f,
      (f: Finding) => Object.fromEntries(Object.entries({ marker: f.marker, actor: f.actor, action: f.action, object: f.object, frequency: f.frequency,
        quantity: f.quantity, deadline: f.deadline, condition: f.condition, sanction: f.sanction, rule: f.rule }).filter(([, v]) => v !== null)),
      (f: Finding) => ({ rule: f.rule, ...(f.actor ? { actor: [f.sentence.indexOf(f.actor), f.actor.length], actorFrom: f.actorFrom } : {}),
        ...(f.marker ? { marker: f.marker } : {}), ...(f.action ? { action: f.action } : {}), ...(f.object ? { object: f.object } : {}),
        ...(f.condition ? { condition: f.condition } : {}), ...(f.sanction ? { sanction: f.sanction } : {}), ...(f.deadline ? { deadline: f.deadline } : {}),
        ...(f.quantity ? { quantity: f.quantity } : {}), ...(f.frequency ? { frequency: f.frequency } : {}) }),
      (f: Finding) => [f.rule, f.marker ?? 0, f.action ?? 0, f.object ?? 0, f.actor ?? 0, f.actorFrom === (f.actor ? 'stated' : null) ? 0 : f.actorFrom,
        f.condition ?? 0, f.sanction ?? 0, f.deadline ?? 0, f.quantity ?? 0, f.frequency ?? 0],
    ];
    writeFindingRows(fresh, id, findings, (f, i) => bodies[i % bodies.length]!(f));
    fresh.close();

    const archive = new Archive(dir);
    try {
      expect(archive.db.prepare("SELECT name FROM sqlite_master WHERE name = 'findings'").get()).toBeUndefined();
      expect(archive.db.prepare('SELECT count FROM finding_sets WHERE doc_id = ?').pluck().get(id)).toBe(findings.length);
      expect(JSON.stringify(archive.findings())).toBe(JSON.stringify(all));
    } finally {
      archive.close();
    }
  });

  it('waits for another process holding the archive past the usual busy timeout (as a large move takes), then moves the rows', async () => {
    const dir = tempDir();
    const fresh = new Archive(dir);
    const id = await archiveSeed(fresh);
    const findings = fresh.findings({ docId: id });
    writeFindingRows(fresh, id, findings, (f) => f);
    const busyTimeout = fresh.db.pragma('busy_timeout', { simple: true }) as number;
    fresh.close();
    // Another process takes the write lock and keeps it a second longer than the archive's busy timeout.
    const holder = spawn(process.execPath, ['-e', `
      const db = new (require('better-sqlite3'))(${JSON.stringify(archiveFile(dir))});
      db.exec('BEGIN IMMEDIATE');
      console.log('locked');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${busyTimeout + 1000});
      db.exec('ROLLBACK');
    `], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((resolve) => holder.on('exit', resolve));
    await new Promise((resolve) => holder.stdout.once('data', resolve));
    const archive = new Archive(dir);
    try {
      expect(await exited).toBe(0);
      expect(archive.db.prepare("SELECT name FROM sqlite_master WHERE name = 'findings'").get()).toBeUndefined();
      expect(JSON.stringify(archive.findings({ docId: id }))).toBe(JSON.stringify(findings));
      // The archive's own busy timeout is back once the move is done.
      expect(archive.db.pragma('busy_timeout', { simple: true })).toBe(busyTimeout);
    } finally {
      archive.close();
    }
  }, 60_000);
});

describe('archive: values packed on a content thread', () => {
  it('stores a source the same whether its documents come packed (packDocument) or are packed while storing', async () => {
    const bytes = readFileSync(SEED);
    const processed = await processSource({ path: SEED, bytes });
    const meta = { sha256: sha256(bytes), path: SEED, size: bytes.length };
    const stored = (packed?: PackedDocument[]) => {
      const archive = new Archive(tempDir());
      try {
        archive.saveSource(meta, processed, null, packed);
        const rows = (sql: string) => archive.db.prepare(sql).raw().all();
        return {
          documents: rows('SELECT id, text, length FROM documents ORDER BY id'),
          sections: rows('SELECT * FROM section_sets ORDER BY doc_id'),
          findings: rows('SELECT * FROM finding_sets ORDER BY doc_id'),
          duplicates: rows('SELECT * FROM near_duplicates ORDER BY doc_id, of_id'),
        };
      } finally {
        archive.close();
      }
    };
    const packed = processed.documents.map(packDocument);
    // Through a thread's message, as a content thread sends them: plain Uint8Arrays, not Buffers.
    const sent = structuredClone(packed);
    expect(sent[0]!.text).not.toBeInstanceOf(Buffer);
    const plain = stored();
    expect(plain.sections.length).toBeGreaterThan(0);
    expect(plain.findings.length).toBeGreaterThan(0);
    expect(stored(sent)).toEqual(plain);
  });
});

describe('archive: sections', () => {
  it('keeps a heading that is words of its section as its place in the text, and reads every heading back as structure made it', async () => {
    const dir = tempDir();
    const archive = new Archive(dir);
    try {
      const [path] = writeNumbered(dir).slice(0, 1);
      const bytes = readFileSync(path!);
      const processed = await processSource({ path: path!, bytes });
      const doc = processed.documents[0]!;
      expect(doc.sections.length).toBeGreaterThanOrEqual(2);
      // A heading found nowhere in the section (as a source's own outline may give) stays text.
      const sections = doc.sections.map((s, i) => (i === 0 ? { ...s, heading: '附件目录' } : s));
      archive.saveSource({ sha256: sha256(bytes), path: path!, size: bytes.length }, { ...processed, documents: [{ ...doc, sections }] });
      expect(archive.getDocument(doc.id)!.sections).toEqual(sections);
      // One deflated set: each heading as text, or as its place [at, length] in the text.
      const packed = archive.db.prepare('SELECT sections FROM section_sets WHERE doc_id = ?').pluck().get(doc.id) as Buffer;
      const headings = (JSON.parse(inflateRawSync(packed).toString('utf8')) as unknown[][]).map((r) => r[2]);
      expect(headings[0]).toBe('附件目录');
      expect(headings.filter((h) => Array.isArray(h)).length).toBe(sections.filter((s, i) => i !== 0 && s.heading).length);
    } finally {
      archive.close();
    }
  });
});
