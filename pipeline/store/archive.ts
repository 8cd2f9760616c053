/**
 * The archive: the system of record in one SQLite file (WAL). Every write of one source happens in
 * one transaction, so a failure never leaves half a source behind, and every write is idempotent.
 * @module
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import type { FailureInfo, Stage } from '../errors.js';
import type { Analysis, Finding } from '../analyze/types.js';
import { DEFAULT_THRESHOLD, defaultSimilarity, ShingleCache, shingleSet } from '../dedup/index.js';
import type { Entity } from '../entities/types.js';
import type { AnalyzedDocument, ChangeCounts, DocumentMeta, Extraction, Format, HistoryEvent, Level, MetaRules, ProcessedSource, Section } from '../types.js';
import { countDocuments, documentBatches, LIST_INDEX, listDocuments, summaryOf, type BatchBudget, type DocumentFilter } from './listing.js';
import { findingFromRow, packFindings, unpackFindings, type FindingFilter, type FindingRow } from './finding-sets.js';
import { packSections, sectionFromRow, unpackSections, type SectionRow } from './section-sets.js';
import { archiveFile } from './archive-file.js';
import { addMissingColumns } from './migrate.js';
import type { PackedDocument } from './packed-document.js';
import { packText, unpackText } from './packed-text.js';
import { SCHEMA } from './schema.js';
import { HELD_TEXTS_SQL, heldTexts } from './texts.js';

/** What is known about a source file before and after processing. */
export interface SourceMeta {
  sha256: string;
  path: string;
  size: number;
}

/** A document whose sections and findings come packed (see packed-document.ts): the archive reads nothing else of them. */
export type PackedAnalyzedDocument = Omit<AnalyzedDocument, 'sections' | 'analysis'>;

/** A processed source whose documents' sections and findings come packed. */
export interface PackedSource {
  extraction: ProcessedSource['extraction'];
  documents: PackedAnalyzedDocument[];
}

export type SourceStatus = 'ok' | 'failed';

export interface SourceRow {
  sha256: string;
  name: string;
  path: string;
  size: number;
  format: Format | null;
  mediaType: string | null;
  encoding: string | null;
  pages: number | null;
  status: SourceStatus;
  errorCode: string | null;
  errorMessage: string | null;
  errorStage: Stage | null;
  attempts: number;
  updatedAt: string;
}

export interface DocumentSummary {
  id: string;
  title: string;
  subtitle: string | null;
  type: DocumentMeta['type'];
  level: DocumentMeta['level'];
  region: string | null;
  issuer: string | null;
  date: string | null;
  year: number | null;
  /** 发文字号, the year in 〔〕. */
  docNumber: string | null;
  /** Adoption and revisions, oldest first (empty when the document states none). */
  history: HistoryEvent[];
  piece: string | null;
  truncated: boolean;
  length: number;
}

export interface Provenance {
  sourceSha: string;
  path: string;
  piece: string | null;
  format: Format | null;
  encoding: string | null;
  pageRange: [number, number] | null;
  changes: ChangeCounts;
  /** For a scanned source: the OCR engine and each page's confidence, low pages flagged. */
  ocr: Extraction['ocr'] | null;
  /** For formats read by more than one program: the one that read this source (`word-extractor 1.0.4`). */
  reader: string | null;
}

export interface StoredDocument extends DocumentSummary {
  text: string;
  meta: DocumentMeta;
  sections: Section[];
  provenance: Provenance[];
}

export interface NearDuplicate {
  docId: string;
  /** The earlier archived document it near-duplicates. */
  of: string;
  similarity: number;
}

export interface SaveResult {
  /** Documents this source added that the archive did not have. */
  added: string[];
  /** New documents that near-duplicate archived ones. */
  nearDuplicates: NearDuplicate[];
  /** Every document id the source holds. */
  documents: string[];
}

function now(): string {
  return new Date().toISOString();
}

const FINDING_SET_SQL = 'INSERT OR REPLACE INTO finding_sets (doc_id, count, findings) VALUES (?, ?, ?)';
const SECTION_SET_SQL = 'INSERT OR REPLACE INTO section_sets (doc_id, sections) VALUES (?, ?)';

/** How long opening an archive waits for another process moving its rows into sets (see moveRows). */
const MOVE_WAIT_MS = 300_000;

export class Archive {
  readonly db: Database.Database;

  constructor(readonly dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(archiveFile(dataDir));
    this.db.pragma('journal_mode = WAL');
    // Several local processes (CLI, workers, server) may write: wait for the lock instead of failing.
    this.db.pragma('busy_timeout = 10000');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA);
    // An archive made before a column was added to the schema gains it here.
    addMissingColumns(this.db, SCHEMA);
    this.db.exec(LIST_INDEX);
    // Search-mode tokens per clause were stored until the index was found to segment its units itself
    // and never read them: an archive that still has the table loses it (its pages are reused).
    if (this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'clause_tokens'").get()) this.db.exec('DROP TABLE clause_tokens');
    // Findings and sections kept a row each before: moved into their documents' sets once.
    this.moveRows<FindingRow>('findings', 'id, doc_id, clause_path, type, kind, modality, start, end, body', (docId, rows, text) =>
      this.writeAnalysis(docId, { findings: rows.map((r) => findingFromRow(r, text)) }));
    this.moveRows<SectionRow>('sections', '*', (docId, rows, text) => this.writeSections(docId, rows.map((r) => sectionFromRow(r, text)), text));
  }

  close(): void {
    this.db.close();
  }

  private readonly statements = new Map<string, Database.Statement>();

  /** A prepared statement per SQL text, made once: saving a source runs the same few dozen for every document. */
  private stmt(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * Opens a write transaction that the writes after it join until {@link endGroup}, each source's
   * in a savepoint of its own (saveSource, recordFailure): one commit, and one fsync, for many
   * sources, each still stored whole or not at all. Nothing when one is open.
   */
  openGroup(): void {
    if (!this.db.inTransaction) this.db.exec('BEGIN IMMEDIATE');
  }

  /** Commits the group's transaction (or rolls it back); a commit that fails leaves nothing of it. */
  endGroup(commit: boolean): void {
    try {
      if (commit && this.db.inTransaction) this.db.exec('COMMIT');
    } finally {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
    }
  }

  source(sha: string): SourceRow | null {
    const row = this.stmt('SELECT * FROM sources WHERE sha256 = ?').get(sha) as Record<string, unknown> | undefined;
    return row ? sourceRowOf(row) : null;
  }

  /** Remembers that these bytes were also found at this path. */
  saveSourcePath(src: SourceMeta): void {
    this.notePath(src);
  }

  /** Ids of the documents a source holds, in source order. */
  documentsOf(sha: string): string[] {
    return (this.stmt('SELECT doc_id FROM provenance WHERE source_sha = ? ORDER BY ordinal').all(sha) as { doc_id: string }[])
      .map((r) => r.doc_id);
  }

  private notePath(src: SourceMeta): void {
    this.stmt('INSERT OR IGNORE INTO source_paths (sha256, path) VALUES (?, ?)').run(src.sha256, src.path);
  }

  /**
   * Stores a processed source and its documents in one transaction; running it twice changes
   * nothing. `batch`: the queue batch storing it, kept so that batch can count it again later;
   * `packed`: its documents' stored values, when the content step made them (see packed-document.ts);
   * with them, the documents may come without their sections and findings.
   */
  saveSource(src: SourceMeta, processed: ProcessedSource, batch?: string | null, packed?: readonly PackedDocument[]): SaveResult;
  saveSource(src: SourceMeta, processed: PackedSource, batch: string | null, packed: readonly PackedDocument[]): SaveResult;
  saveSource(src: SourceMeta, processed: ProcessedSource | PackedSource, batch: string | null = null, packed?: readonly PackedDocument[]): SaveResult {
    const { extraction, documents } = processed;
    // Near-duplicate candidates already archived are verified before the write lock is taken, so
    // another writer is not held up by it; inside, only candidates filed meanwhile are left to check.
    const verified = documents.map((doc) => (this.hasDocument(doc.id) ? new Map<string, number>() : this.similarities(doc, new Map())));
    const tx = this.db.transaction((): SaveResult => {
      this.stmt(`
        INSERT INTO sources (sha256, name, path, size, format, media_type, encoding, pages, ocr, reader, status, error_code, error_message, error_stage, attempts, updated_at, batch)
        VALUES (@sha256, @name, @path, @size, @format, @mediaType, @encoding, @pages, @ocr, @reader, 'ok', NULL, NULL, NULL, 1, @now, @batch)
        ON CONFLICT(sha256) DO UPDATE SET format = excluded.format, media_type = excluded.media_type, encoding = excluded.encoding,
          pages = excluded.pages, ocr = excluded.ocr, reader = excluded.reader, status = 'ok', error_code = NULL, error_message = NULL, error_stage = NULL,
          attempts = sources.attempts + 1, updated_at = excluded.updated_at, batch = excluded.batch`,
      ).run({ ...src, batch, name: baseName(src.path), format: extraction.format, mediaType: extraction.mediaType,
        encoding: extraction.encoding, pages: extraction.pages, ocr: extraction.ocr ? JSON.stringify(extraction.ocr) : null, reader: extraction.reader ?? null, now: now() });
      this.notePath(src);
      // Marked in this transaction, so no commit leaves documents the index may never hear of.
      this.stmt('INSERT OR IGNORE INTO index_pending (sha256) VALUES (?)').run(src.sha256);
      this.stmt('DELETE FROM provenance WHERE source_sha = ?').run(src.sha256);
      const added: string[] = [];
      const nearDuplicates: NearDuplicate[] = [];
      documents.forEach((doc, ordinal) => {
        const isNew = this.insertDocument(doc, packed?.[ordinal]);
        if (isNew) {
          added.push(doc.id);
          nearDuplicates.push(...this.markNearDuplicates(doc, verified[ordinal]!));
        }
        this.stmt(`INSERT OR REPLACE INTO provenance (doc_id, source_sha, ordinal, piece, page_from, page_to, changes, added)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(doc.id, src.sha256, ordinal, doc.piece, doc.pageRange?.[0] ?? null,
          doc.pageRange?.[1] ?? null, JSON.stringify(doc.changes), isNew ? 1 : 0);
      });
      return { added, nearDuplicates, documents: documents.map((d) => d.id) };
    });
    return tx.immediate();
  }

  /**
   * What storing a source did, read back from the archive when `batch` is the batch that stored
   * it (null otherwise): the documents it added, with their near-duplicates, and all it holds.
   */
  savedBy(sha: string, batch: string): SaveResult | null {
    const stored = this.stmt("SELECT 1 FROM sources WHERE sha256 = ? AND status = 'ok' AND batch = ?").get(sha, batch);
    if (!stored) return null;
    const added = this.stmt('SELECT doc_id FROM provenance WHERE source_sha = ? AND added = 1 ORDER BY ordinal').pluck().all(sha) as string[];
    const nearDuplicates = added.flatMap((docId) =>
      (this.stmt('SELECT of_id AS "of", similarity FROM near_duplicates WHERE doc_id = ?').all(docId) as { of: string; similarity: number }[])
        .map((n) => ({ docId, ...n })));
    return { added, nearDuplicates, documents: this.documentsOf(sha) };
  }

  /** Sources stored whose documents the search engine has not confirmed, oldest first. */
  unindexedSources(): string[] {
    return this.stmt('SELECT sha256 FROM index_pending ORDER BY rowid').pluck().all() as string[];
  }

  /** Marks every stored source as not yet indexed: the index was found empty (a new engine, or a search file of an older schema). */
  markAllUnindexed(): void {
    this.stmt("INSERT OR IGNORE INTO index_pending (sha256) SELECT sha256 FROM sources WHERE status = 'ok'").run();
  }

  /** Clears a source's pending mark once the engine holds its documents. */
  markIndexed(sha: string): void {
    this.stmt('DELETE FROM index_pending WHERE sha256 = ?').run(sha);
  }

  /** Clears the pending marks of many sources in one transaction. */
  markIndexedAll(shas: readonly string[]): void {
    if (shas.length === 0) return;
    this.db.transaction(() => {
      for (const sha of shas) this.markIndexed(sha);
    }).immediate();
  }

  /**
   * Inserts a document with its sections and findings unless its text is already archived; `packed`:
   * their stored values made ahead (see packed-document.ts), else made here.
   */
  private insertDocument(doc: AnalyzedDocument | PackedAnalyzedDocument, packed?: PackedDocument): boolean {
    const m = doc.meta;
    const info = this.stmt(`INSERT OR IGNORE INTO documents
      (id, title, subtitle, type, issuer, level, region, date, year, piece, text, length, truncated, rules,
       collection, volume, author, narrator, period_from, period_to, doc_number, history, created_at)
      VALUES (@id, @title, @subtitle, @type, @issuer, @level, @region, @date, @year, @piece, @text, @length, @truncated, @rules,
       @collection, @volume, @author, @narrator, @periodFrom, @periodTo, @docNumber, @history, @now)`)
      .run({ id: doc.id, title: m.title, subtitle: m.subtitle ?? null, type: m.type, issuer: m.issuer, level: m.level, region: m.region, date: m.date,
        year: m.year, piece: doc.piece, text: packed?.text ?? packText(doc.text), length: doc.text.length, truncated: doc.truncated ? 1 : 0,
        rules: JSON.stringify(m.rules), collection: m.collection ?? null, volume: m.volume ?? null, author: m.author ?? null,
        narrator: m.narrator ?? null, periodFrom: m.period?.from ?? null, periodTo: m.period?.to ?? null,
        docNumber: m.docNumber ?? null, history: m.history?.length ? JSON.stringify(m.history) : null, now: now() });
    if (info.changes === 0) return false;
    if (packed) {
      if (packed.sections) this.stmt(SECTION_SET_SQL).run(doc.id, packed.sections);
      if (packed.findings) this.stmt(FINDING_SET_SQL).run(doc.id, packed.findingCount, packed.findings);
    } else if ('analysis' in doc) {
      this.writeSections(doc.id, doc.sections, doc.text);
      this.writeAnalysis(doc.id, doc.analysis);
    } else {
      throw new Error(`Document ${doc.id} came without its sections and findings, packed or not.`);
    }
    const entity = this.stmt(`INSERT OR REPLACE INTO entities (doc_id, ord, kind, text, start, end, normalized, rule)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    doc.entities.forEach((e, i) => entity.run(doc.id, i, e.kind, e.text, e.start, e.end, e.normalized ?? null, e.rule));
    return true;
  }

  private writeAnalysis(docId: string, analysis: Analysis): void {
    if (analysis.findings.length === 0) return;
    this.stmt(FINDING_SET_SQL).run(docId, analysis.findings.length, packFindings(analysis.findings));
  }

  /**
   * Puts a new analysis of an archived document in place of the stored one (its findings), in one
   * transaction; returns how many findings it had before.
   */
  replaceAnalysis(docId: string, analysis: Analysis): number {
    return this.db.transaction(() => {
      const before = (this.stmt('SELECT count FROM finding_sets WHERE doc_id = ?').pluck().get(docId) as number | undefined) ?? 0;
      this.stmt('DELETE FROM finding_sets WHERE doc_id = ?').run(docId);
      this.writeAnalysis(docId, analysis);
      return before;
    }).immediate();
  }

  private writeSections(docId: string, sections: readonly Section[], text: string): void {
    if (sections.length > 0) this.stmt(SECTION_SET_SQL).run(docId, packSections(sections, text));
  }

  /**
   * Moves the rows of a per-row table of archives made before (`findings`, `sections`) into each
   * document's set, in their order, and drops the table (its pages are reused), in one IMMEDIATE
   * transaction that looks again first, so two processes opening the archive at once move them once.
   * The move takes seconds on a large archive (~10 s CPU for 300,000 findings and 250,000
   * sections): a process opening the archive meanwhile waits for it up to MOVE_WAIT_MS, not the
   * usual busy timeout, then finds the table gone.
   */
  private moveRows<Row>(table: string, columns: string, write: (docId: string, rows: Row[], text: string) => void): void {
    const exists = () => this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
    if (!exists()) return;
    const timeout = this.db.pragma('busy_timeout', { simple: true }) as number;
    this.db.pragma(`busy_timeout = ${Math.max(timeout, MOVE_WAIT_MS)}`);
    try {
      this.db.transaction(() => {
        if (!exists()) return;
        const docs = this.db.prepare(`SELECT DISTINCT doc_id FROM ${table}`).pluck().all() as string[];
        const rows = this.db.prepare(`SELECT ${columns} FROM ${table} WHERE doc_id = ? ORDER BY ord`);
        const text = this.db.prepare('SELECT text FROM documents WHERE id = ?').pluck();
        for (const docId of docs) write(docId, rows.all(docId) as Row[], storedText(text.get(docId)));
        this.db.exec(`DROP TABLE ${table}`);
      }).immediate();
    } finally {
      this.db.pragma(`busy_timeout = ${timeout}`);
    }
  }

  /**
   * The ids of `docs` this archive holds with that text length, in chunks (as the search file's
   * ArchiveTexts asks), seen from this connection: with the documents of its open group.
   */
  textsHeld(docs: readonly { id: string; length: number }[]): Set<string> {
    return heldTexts(this.stmt(HELD_TEXTS_SQL), docs);
  }

  private hasDocument(id: string): boolean {
    return this.stmt('SELECT 1 FROM documents WHERE id = ?').get(id) !== undefined;
  }

  /** Archived documents sharing an LSH bucket with this one. */
  private candidatesOf(doc: PackedAnalyzedDocument): Set<string> {
    const candidates = new Set<string>();
    const lookup = this.stmt('SELECT doc_id FROM dup_bands WHERE band = ? AND key = ?').pluck();
    doc.dupBands.forEach((key, band) => {
      for (const id of lookup.all(band, key) as string[]) if (id !== doc.id) candidates.add(id);
    });
    return candidates;
  }

  private readonly shingles = new ShingleCache();

  /** Exact similarity to each candidate now archived; those in `known` are not worked out again. */
  private similarities(doc: PackedAnalyzedDocument, known: ReadonlyMap<string, number>): Map<string, number> {
    const text = this.stmt('SELECT text FROM documents WHERE id = ?').pluck();
    const own = this.shingles.get(doc.id, () => doc.shingles ?? shingleSet(doc.text));
    const out = new Map<string, number>();
    for (const id of this.candidatesOf(doc)) {
      out.set(id, known.get(id) ?? defaultSimilarity(own, this.shingles.get(id, () => shingleSet(storedText(text.get(id))))));
    }
    return out;
  }

  /** Files a new document's bucket keys and records the archived documents it near-duplicates. */
  private markNearDuplicates(doc: PackedAnalyzedDocument, verified: ReadonlyMap<string, number>): NearDuplicate[] {
    const similarities = this.similarities(doc, verified);
    const file = this.stmt('INSERT OR IGNORE INTO dup_bands (band, key, doc_id) VALUES (?, ?, ?)');
    doc.dupBands.forEach((key, band) => file.run(band, key, doc.id));
    const record = this.stmt('INSERT OR REPLACE INTO near_duplicates (doc_id, of_id, similarity) VALUES (?, ?, ?)');
    const found: NearDuplicate[] = [];
    for (const [id, similarity] of similarities) {
      if (similarity < DEFAULT_THRESHOLD) continue;
      record.run(doc.id, id, similarity);
      found.push({ docId: doc.id, of: id, similarity });
    }
    return found;
  }

  /** Persons, places, organisations and dates read from a document, in text order. */
  entities(docId: string): Entity[] {
    return (this.stmt('SELECT kind, text, start, end, normalized, rule FROM entities WHERE doc_id = ? ORDER BY ord').all(docId) as (Entity & { normalized: string | null })[])
      .map(({ normalized, ...e }) => (normalized === null ? e : { ...e, normalized }));
  }

  /** Archived documents this one near-duplicates, or that near-duplicate it. */
  nearDuplicatesOf(id: string): { id: string; similarity: number }[] {
    return this.stmt(`SELECT of_id AS id, similarity FROM near_duplicates WHERE doc_id = ?
      UNION SELECT doc_id AS id, similarity FROM near_duplicates WHERE of_id = ? ORDER BY similarity DESC`).all(id, id) as { id: string; similarity: number }[];
  }

  /** Findings, in document order, optionally narrowed by document, type, kind and modality. */
  findings(filter: { docId?: string } & FindingFilter = {}): Finding[] {
    const sets = (filter.docId === undefined
      ? this.stmt('SELECT doc_id, findings FROM finding_sets ORDER BY doc_id').iterate()
      : this.stmt('SELECT doc_id, findings FROM finding_sets WHERE doc_id = ?').iterate(filter.docId)) as IterableIterator<{ doc_id: string; findings: Buffer }>;
    const text = this.stmt('SELECT text FROM documents WHERE id = ?').pluck();
    const out: Finding[] = [];
    // One document's text is held at a time.
    for (const { doc_id: docId, findings } of sets) for (const f of unpackFindings(findings, docId, () => storedText(text.get(docId)), filter)) out.push(f);
    return out;
  }

  /**
   * Records a failed source with its reason; its earlier documents, if any, stay as they were.
   * `attempts` is how many tries this failure took (a queue retries transient faults before giving up).
   */
  recordFailure(src: SourceMeta, failure: FailureInfo, attempts = 1): void {
    this.db.transaction(() => {
      this.stmt(`
        INSERT INTO sources (sha256, name, path, size, status, error_code, error_message, error_stage, attempts, updated_at)
        VALUES (@sha256, @name, @path, @size, 'failed', @code, @message, @stage, @attempts, @now)
        ON CONFLICT(sha256) DO UPDATE SET status = 'failed', error_code = excluded.error_code, path = excluded.path,
          error_message = excluded.error_message, error_stage = excluded.error_stage,
          attempts = sources.attempts + excluded.attempts, updated_at = excluded.updated_at`,
      ).run({ ...src, name: baseName(src.path), ...failure, attempts, now: now() });
      this.notePath(src);
    }).immediate();
  }

  /**
   * Forgets a failed source whose file now holds other bytes (fixed and re-queued under its new hash).
   * Sources that still back documents are kept.
   */
  forgetFailure(sha: string): boolean {
    return this.db.transaction(() => {
      const row = this.stmt("SELECT 1 FROM sources WHERE sha256 = ? AND status = 'failed' AND NOT EXISTS (SELECT 1 FROM provenance WHERE source_sha = ?)").get(sha, sha);
      if (!row) return false;
      this.stmt('DELETE FROM source_paths WHERE sha256 = ?').run(sha);
      this.stmt('DELETE FROM index_pending WHERE sha256 = ?').run(sha);
      this.stmt('DELETE FROM sources WHERE sha256 = ?').run(sha);
      return true;
    }).immediate();
  }

  /**
   * Every failed file: one row per path the failed bytes were found at (an empty `a.txt` and an
   * empty `b.doc` are one source, and both files must show in `status`).
   */
  failures(): SourceRow[] {
    return (this.stmt(`
      SELECT s.*, coalesce(p.path, s.path) AS path FROM sources s LEFT JOIN source_paths p ON p.sha256 = s.sha256
      WHERE s.status = 'failed' ORDER BY s.updated_at, path`).all() as Record<string, unknown>[])
      .map(sourceRowOf);
  }

  /** Summaries (no text) of the documents that pass the filter, oldest first; a page of them when asked. */
  listDocuments(filter: DocumentFilter = {}, page?: { limit: number; offset: number }): DocumentSummary[] {
    return listDocuments(this.db, filter, page);
  }

  countDocuments(filter: DocumentFilter = {}): number {
    return countDocuments(this.db, filter);
  }

  /** Every document id, in batches within the budget, read page by page (see listing.ts). */
  documentBatches(budget: BatchBudget): Generator<string[]> {
    return documentBatches(this.db, budget);
  }

  /** Sets a document's level as a person decided it (`--level` given again for a file already archived). */
  setLevel(id: string, level: Level, why: string): void {
    const row = this.stmt('SELECT rules FROM documents WHERE id = ?').get(id) as { rules: string } | undefined;
    if (!row) return;
    const rules = { ...(JSON.parse(row.rules) as MetaRules), level: why };
    this.stmt('UPDATE documents SET level = ?, rules = ? WHERE id = ?').run(level, JSON.stringify(rules), id);
  }

  /** A document's title, or null when there is no such document. */
  titleOf(id: string): string | null {
    return (this.stmt('SELECT title FROM documents WHERE id = ?').pluck().get(id) as string | undefined) ?? null;
  }

  getDocument(id: string): StoredDocument | null {
    const row = this.stmt('SELECT * FROM documents WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    if (!row) return null;
    const summary = summaryOf(row);
    const text = unpackText(row.text as Buffer | string);
    const packed = this.stmt('SELECT sections FROM section_sets WHERE doc_id = ?').pluck().get(id) as Buffer | undefined;
    const sections = packed ? unpackSections(packed, text) : [];
    const provenance = (this.stmt(`SELECT p.*, s.path AS src_path, s.format, s.encoding, s.ocr, s.reader FROM provenance p
      JOIN sources s ON s.sha256 = p.source_sha WHERE p.doc_id = ? ORDER BY s.path`).all(id) as Record<string, unknown>[])
      .map((p): Provenance => ({ sourceSha: p.source_sha as string, path: p.src_path as string, piece: p.piece as string | null,
        format: p.format as Format | null, encoding: p.encoding as string | null,
        pageRange: p.page_from == null ? null : [p.page_from as number, p.page_to as number],
        changes: JSON.parse(p.changes as string) as ChangeCounts,
        ocr: p.ocr == null ? null : (JSON.parse(p.ocr as string) as Extraction['ocr']), reader: (p.reader as string | null) ?? null }));
    const meta: DocumentMeta = { title: summary.title, subtitle: summary.subtitle, type: summary.type, issuer: summary.issuer,
      level: summary.level, region: summary.region, date: summary.date, year: summary.year, docNumber: summary.docNumber,
      history: summary.history, rules: JSON.parse(row.rules as string),
      collection: row.collection as string | null, volume: row.volume as string | null, author: row.author as string | null,
      narrator: row.narrator as string | null,
      period: row.period_from == null ? null : { from: row.period_from as number, to: row.period_to as number } };
    return { ...summary, text, meta, sections, provenance };
  }

  /** `unindexed`: stored sources whose documents are not searchable yet. */
  counts(): { sources: number; failed: number; documents: number; unindexed: number } {
    const one = (sql: string) => (this.stmt(sql).get() as { n: number }).n;
    return {
      sources: one("SELECT count(*) AS n FROM sources WHERE status = 'ok'"),
      failed: one("SELECT count(*) AS n FROM sources WHERE status = 'failed'"),
      documents: one('SELECT count(*) AS n FROM documents'),
      unindexed: one('SELECT count(*) AS n FROM index_pending'),
    };
  }
}

/** A text read by id: unpacked, or '' when the document is gone. */
function storedText(stored: unknown): string {
  return stored === undefined ? '' : unpackText(stored as Buffer | string);
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function sourceRowOf(row: Record<string, unknown>): SourceRow {
  return {
    sha256: row.sha256 as string,
    name: row.name as string,
    path: row.path as string,
    size: row.size as number,
    format: row.format as Format | null,
    mediaType: row.media_type as string | null,
    encoding: row.encoding as string | null,
    pages: row.pages as number | null,
    status: row.status as SourceStatus,
    errorCode: row.error_code as string | null,
    errorMessage: row.error_message as string | null,
    errorStage: row.error_stage as Stage | null,
    attempts: row.attempts as number,
    updatedAt: row.updated_at as string,
  };
}
