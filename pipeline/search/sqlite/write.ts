/**
 * Writing to the SQLite search file: segmentation happens first, outside any transaction, then
 * each batch replaces its documents wholesale in one transaction (old units out, new in), so a
 * re-indexed document never leaves duplicates and a failed batch leaves nothing half-written.
 * @module
 */
import type Database from 'better-sqlite3';
import { fold } from '../fold.js';
import type { IndexDocument, Unit } from '../types.js';
import { documentUnits } from '../units.js';
import { MAX_KIND_BITS, MAX_UNITS_PER_DOC, UNIT_KIND, unitId, unitRange, type FtsColumn, type TableSet } from './schema.js';
import { bigramStream, SegmentedText, unitWordStreams, wordStream } from './streams.js';
import { dictionaryFor, packChunks, type ArchivedTexts } from './text-chunks.js';
import { packUnitRecords, unitRecords, type UnitRecords } from './unit-sets.js';

/** The ids of `docs` an archive holds with that text length (see ArchivedTexts). */
export type TextsHeld = (docs: readonly { id: string; length: number }[]) => Set<string>;

export interface PreparedUnit {
  unit: Unit;
  /** FTS5 columns: heading words, body words, body bigrams (title columns are per document). */
  h: string;
  b: string;
  bb: string;
}

/** A unit's FTS5 column values: a finding has no title words, as it has no heading or body words (see schema.ts). */
export function unitColumns(p: PreparedDoc, u: PreparedUnit): Record<FtsColumn, string> {
  return { t: u.unit.kind === 'clause' ? p.t : '', h: u.h, b: u.b, bt: p.bt, bb: u.bb };
}

export interface PreparedDoc {
  doc: IndexDocument;
  t: string;
  bt: string;
  units: PreparedUnit[];
}

/**
 * What segmentation reads of a document: its folded title and text and, per unit in
 * {@link documentUnits} order, its span of that text, its heading's span inside the unit (-1, -1:
 * no heading the unit's text contains) and its own folded text when it is not that span (a
 * finding's sentence may not be). Plain strings and numbers, all the segmentation thread is sent.
 */
export interface SegmentInput {
  title: string;
  text: string;
  units: [start: number, end: number, headingStart: number, headingEnd: number, own: string | null][];
  /** Units before this place are clauses; from it on, findings, which have no word columns (see schema.ts). */
  clauses: number;
}

/** A unit's folded text. */
function unitText(input: SegmentInput, i: number): string {
  const [start, end, , , own] = input.units[i]!;
  return own ?? input.text.slice(start, end);
}

/** A document's jieba word columns: title words, then each unit's heading and body words. */
export interface DocWords {
  t: string;
  units: [h: string, b: string][];
}

/** A document folded for indexing, on the writing thread: its units and their segmentation input. */
export interface FoldedDoc {
  doc: IndexDocument;
  units: Unit[];
  input: SegmentInput;
}

/** Cuts a document into its units and folds their text (and the title) for segmentation and bigrams. */
export function foldDoc(doc: IndexDocument): FoldedDoc {
  const units = documentUnits(doc);
  return {
    doc,
    units,
    input: {
      title: fold(doc.title),
      text: fold(doc.text),
      units: units.map((unit) => {
        // Only a heading the unit's own text contains: then every word column holds text of the unit (see match.ts).
        const at = unit.heading ? unit.text.indexOf(unit.heading) : -1;
        const own = unit.text === doc.text.slice(unit.start, unit.end) ? null : fold(unit.text);
        return [unit.start, unit.end, at, at >= 0 ? at + unit.heading.length : -1, own];
      }),
      // documentUnits gives the clauses first.
      clauses: units.filter((u) => u.kind === 'clause').length,
    },
  };
}

/**
 * The word columns of a folded document: the segmentation thread's part. The document's text is
 * segmented once and each clause's words read off it; a clause it cannot serve alike is segmented
 * alone. Findings have none (see schema.ts).
 */
export function docWords(input: SegmentInput): DocWords {
  const segmented = new SegmentedText(input.text);
  return {
    t: wordStream(input.title),
    units: input.units.map(([start, end, hStart, hEnd, own], i) => {
      if (i >= input.clauses) return ['', ''];
      const heading = hStart >= 0 ? { start: hStart, end: hEnd } : null;
      const words = (own === null ? segmented.spanStreams(start, end, heading) : null) ?? unitWordStreams(unitText(input, i), heading);
      return [words.heading, words.body];
    }),
  };
}

/**
 * The document with all its column text: its words, as {@link docWords} gives them, and the
 * bigrams, made here. In a bulk load, folding and bigrams run on the writing thread: they cost a
 * fifth of what segmentation does, and leave the segmentation thread, the slower of the two,
 * only jieba's words.
 */
export function withWords({ doc, units, input }: FoldedDoc, words: DocWords): PreparedDoc {
  return {
    doc,
    t: words.t,
    bt: bigramStream(input.title),
    units: units.map((unit, i) => {
      const [h, b] = words.units[i]!;
      return { unit, h, b, bb: bigramStream(unitText(input, i)) };
    }),
  };
}

/** A folded document's column text, segmented on the calling thread. */
export function prepareFolded(folded: FoldedDoc): PreparedDoc {
  return withWords(folded, docWords(folded.input));
}

/** Folds and segments a document's units into FTS5 column text, on the calling thread. */
export function prepareDoc(doc: IndexDocument): PreparedDoc {
  return prepareFolded(foldDoc(doc));
}

/**
 * A prepared document as the writer takes it: its rows ready to insert, in flat arrays and typed
 * arrays rather than an object per unit. Made where the document is prepared (a content thread,
 * see content.ts), it crosses to the writing thread in a few values, where the object graph of a
 * {@link PreparedDoc} (its IndexDocument with sections and findings, a Unit with its strings per
 * unit) was cloned one object at a time and then walked there. Its `text`, in an ingest, is the
 * archive's copy (see content-wire.ts).
 */
export interface WritableDoc extends Omit<IndexDocument, 'sections' | 'findings'> {
  /** FTS5 title columns (a clause's; a finding has none). */
  t: string;
  bt: string;
  /** Each unit's FTS5 heading words, body words and body bigrams, 3 per unit in ord order. */
  columns: string[];
  /** Its units' records, their paths to be numbered (see unit-sets.ts). */
  records: UnitRecords;
  /** The finding kinds of its units, each once, in the order first met. */
  kinds: string[];
  /** Per unit: the kinds it holds, bit i for `kinds[i]`. */
  kindMasks: Float64Array;
  /** Characters of its units' text (what a bulk load counts). */
  unitChars: number;
}

/** A prepared document's rows, ready for the writer. */
export function writableDoc({ doc, t, bt, units }: PreparedDoc): WritableDoc {
  const { sections: _sections, findings: _findings, ...fields } = doc;
  const kinds: string[] = [];
  const kindMasks = new Float64Array(units.length);
  const columns: string[] = [];
  let unitChars = 0;
  units.forEach(({ unit, h, b, bb }, i) => {
    columns.push(h, b, bb);
    unitChars += unit.text.length;
    let mask = 0;
    for (const kind of unit.findingKind !== null ? [unit.findingKind] : unit.findingKinds) {
      let at = kinds.indexOf(kind);
      if (at < 0) at = kinds.push(kind) - 1;
      // At most MAX_KIND_BITS kinds can be told apart: the writer refuses more before it reads a mask.
      if (at < MAX_KIND_BITS && Math.floor(mask / 2 ** at) % 2 === 0) mask += 2 ** at;
    }
    kindMasks[i] = mask;
  });
  return {
    ...fields, t, bt, columns, records: unitRecords(units.map((u) => u.unit), doc.text), kinds, kindMasks, unitChars,
  };
}

/** Folds and segments a document into the rows the writer takes, on the calling thread. */
export function writableOf(doc: IndexDocument): WritableDoc {
  return writableDoc(prepareDoc(doc));
}

/**
 * Characters of unit text a bulk-load transaction takes before it commits: about 150,000 clauses,
 * whose pending postings (~200 MB) FTS5 holds in memory until then.
 */
export const BULK_CHUNK_CHARS = 16_000_000;

export class SqliteWriter {
  readonly #db: Database.Database;
  readonly #t: TableSet;
  /** Characters written in the open bulk-load transaction; null outside a bulk load. */
  #bulkChars: number | null = null;
  readonly #bulkChunkChars: number;
  readonly #archived: ArchivedTexts | null;
  readonly #findDoc: Database.Statement<[string], { n: number }>;
  readonly #insertDoc: Database.Statement;
  readonly #updateDoc: Database.Statement;
  readonly #deleteFts: Database.Statement<[number, number]>;
  readonly #deleteKinds: Database.Statement<[number, number]>;
  readonly #deleteDoc: Database.Statement<[number]>;
  readonly #dropText: Database.Statement<[number]>;
  readonly #insertFts: Database.Statement;
  readonly #insertKind: Database.Statement;
  readonly #deleteExtras: Database.Statement<[number, number]>;
  readonly #insertExtra: Database.Statement;
  readonly #nameCode: Database.Statement<[string], number>;
  readonly #insertName: Database.Statement<[string]>;
  readonly #kindBit: Database.Statement<[string], number>;
  readonly #insertKindBit: Database.Statement<[string]>;
  /** Documents written with their own text by {@link writeOpen} since {@link settleTexts}. */
  #keptOpen: { n: number; id: string; length: number }[] = [];
  /** Numbers of names and bits of kinds, known in the open write transaction (see {@link #writeDocs}). */
  #names = new Map<string, number>();
  #bits = new Map<string, number>();
  /** True from a group's first {@link writeOpen} to its {@link settleTexts}: the numbers above hold for its next writes. */
  #numbersHeld = false;

  /** Writes into the tables of one generation (see schema.ts); texts `archived` holds are not kept. */
  constructor(db: Database.Database, t: TableSet, bulkChunkChars = BULK_CHUNK_CHARS, archived: ArchivedTexts | null = null) {
    this.#db = db;
    this.#t = t;
    this.#bulkChunkChars = bulkChunkChars;
    this.#archived = archived;
    this.#findDoc = db.prepare(`SELECT n FROM ${t.docs} WHERE id = ?`);
    this.#insertDoc = db.prepare(`INSERT INTO ${t.docs} (id, title, type, level, region, issuer, year, date, doc_number, clauses, findings, units, text, text_ends)
      VALUES (@id, @title, @type, @level, @region, @issuer, @year, @date, @docNumber, @clauses, @findings, @units, @text, @textEnds)`);
    this.#updateDoc = db.prepare(`UPDATE ${t.docs} SET title = @title, type = @type, level = @level, region = @region,
      issuer = @issuer, year = @year, date = @date, doc_number = @docNumber, clauses = @clauses, findings = @findings,
      units = @units, text = @text, text_ends = @textEnds WHERE n = @n`);
    this.#deleteFts = db.prepare(`DELETE FROM ${t.fts} WHERE rowid BETWEEN ? AND ?`);
    this.#deleteKinds = db.prepare(`DELETE FROM ${t.unitKinds} WHERE unit BETWEEN ? AND ?`);
    this.#deleteDoc = db.prepare(`DELETE FROM ${t.docs} WHERE n = ?`);
    this.#dropText = db.prepare(`UPDATE ${t.docs} SET text = NULL, text_ends = NULL WHERE n = ?`);
    this.#insertFts = db.prepare(`INSERT INTO ${t.fts} (rowid, t, h, b, bt, bb) VALUES (?, ?, ?, ?, ?, ?)`);
    this.#insertKind = db.prepare(`INSERT INTO ${t.unitKinds} (unit, kinds) VALUES (?, ?)`);
    this.#deleteExtras = db.prepare(`DELETE FROM ${t.unitExtras} WHERE unit BETWEEN ? AND ?`);
    this.#insertExtra = db.prepare(`INSERT INTO ${t.unitExtras} (unit, text, finding_id) VALUES (?, ?, ?)`);
    this.#nameCode = db.prepare<[string], number>(`SELECT code FROM ${t.names} WHERE name = ?`).pluck();
    this.#insertName = db.prepare(`INSERT INTO ${t.names} (name) VALUES (?)`);
    this.#kindBit = db.prepare<[string], number>(`SELECT bit FROM ${t.kindBits} WHERE name = ?`).pluck();
    this.#insertKindBit = db.prepare(`INSERT INTO ${t.kindBits} (bit, name) SELECT count(*), ? FROM ${t.kindBits}`);
  }

  #removeUnits(n: number): void {
    const range = unitRange(n);
    this.#deleteFts.run(...range);
    this.#deleteKinds.run(...range);
    this.#deleteExtras.run(...range);
  }

  /** A name's number in the generation (see schema.ts), given one when it is new; in the write transaction. */
  #code(name: string): number {
    let code = this.#names.get(name);
    if (code === undefined) {
      code = this.#nameCode.get(name) ?? Number(this.#insertName.run(name).lastInsertRowid);
      this.#names.set(name, code);
    }
    return code;
  }

  /** A finding kind's bit in the generation, given one when it is new; in the write transaction. */
  #bit(kind: string): number {
    let bit = this.#bits.get(kind);
    if (bit === undefined) {
      bit = this.#kindBit.get(kind) ?? Number(this.#insertKindBit.run(kind).lastInsertRowid);
      if (bit >= MAX_KIND_BITS) throw new Error(`Finding kind "${kind}" is one more than the ${MAX_KIND_BITS} kinds the search index can tell apart.`);
      this.#bits.set(kind, bit);
    }
    return bit;
  }

  /**
   * Replaces the documents (matched by id) in one transaction. IMMEDIATE takes the write lock up
   * front, so two writers wait on the busy timeout instead of failing with SQLITE_BUSY mid-upgrade.
   * In a bulk load, the transaction is the load's (see {@link beginBulk}).
   */
  write(prepared: readonly WritableDoc[]): void {
    // Its own transaction (or a savepoint of one) may roll back the names it numbers: a group's writes after it read them again.
    this.#numbersHeld = false;
    if (this.#bulkChars === null) {
      this.#db.transaction(() => this.#writeDocs(prepared)).immediate();
      return;
    }
    if (!this.#db.inTransaction) this.#db.exec('BEGIN IMMEDIATE');
    try {
      this.#writeDocs(prepared);
    } catch (err) {
      // Without a savepoint per batch, the batches before it in this transaction go too; the load fails.
      this.#rollbackOpen();
      this.#bulkChars = 0;
      throw err;
    }
    for (const p of prepared) this.#bulkChars += p.unitChars;
    if (this.#bulkChars >= this.#bulkChunkChars) {
      this.#db.exec('COMMIT');
      this.#bulkChars = 0;
    }
  }

  /**
   * Writes the documents in the caller's open transaction, which a failure leaves to roll back.
   * `committedFirst`: which of them the archive will hold once this transaction commits, when the
   * caller commits the archive's transaction first and gives this one up when that fails (a group,
   * see write-group.ts): their texts are not packed and written only to be dropped by
   * {@link settleTexts} (~0.3 CPU s of deflate in a 10 % scale ingest, and the rows' overflow pages).
   */
  writeOpen(prepared: readonly WritableDoc[], committedFirst?: TextsHeld): void {
    this.#writeDocs(prepared, this.#keptOpen, committedFirst, this.#numbersHeld);
    this.#numbersHeld = true;
  }

  /**
   * Before the caller commits its open transaction (`commit`), drops the texts written by
   * {@link writeOpen} that the archive holds by now: a group of sources is written to the archive
   * and the index in two open transactions, and the archive's, committed first, is seen only then.
   */
  settleTexts(commit: boolean): void {
    const kept = this.#keptOpen;
    this.#keptOpen = [];
    this.#numbersHeld = false;
    if (!commit || !this.#archived || kept.length === 0) return;
    const held = this.#archived.holds(kept);
    for (const { n, id } of kept) if (held.has(id)) this.#dropText.run(n);
  }

  /**
   * From here to {@link endBulk}, writes share one transaction, committed every BULK_CHUNK_CHARS
   * characters of unit text (by default). FTS5 writes its pending postings out as a new segment at
   * every commit and every savepoint: one transaction makes one segment, where a transaction per
   * batch made one per batch, all to be merged again at the end (100k clauses: the final merge,
   * 1.1 s, is gone).
   */
  beginBulk(): void {
    this.#bulkChars = 0;
  }

  /** True between {@link beginBulk} and {@link endBulk}. */
  get inBulk(): boolean {
    return this.#bulkChars !== null;
  }

  /** Commits what the bulk load's open transaction holds, or rolls it back when the load failed. */
  endBulk(commit: boolean): void {
    this.#bulkChars = null;
    try {
      if (commit && this.#db.inTransaction) this.#db.exec('COMMIT');
    } finally {
      // Not committed, or a COMMIT that failed (busy, full disk) and left it open: nothing of it is kept.
      this.#rollbackOpen();
    }
  }

  /** Rolls back the open transaction, if SQLite has not already (it does itself on some errors). */
  #rollbackOpen(): void {
    if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
  }

  /**
   * Writes the documents in the open transaction, the texts the archive does not hold packed with
   * the generation's dictionary.
   */
  #writeDocs(prepared: readonly WritableDoc[], ownTexts?: { n: number; id: string; length: number }[], committedFirst?: TextsHeld, numbersHeld = false): void {
    const archived = this.#archivedOf(prepared.map((p) => ({ id: p.id, length: p.text.length })), committedFirst);
    const kept = prepared.filter((p) => !archived.has(p.id));
    const dictionary = kept.length === 0 ? null : dictionaryFor(this.#db, this.#t, kept.map((p) => p.text));
    // Names another connection numbered, or a rolled-back transaction did not keep, are read again;
    // a group's writes, one transaction holding the write lock, keep those its earlier writes read.
    if (!numbersHeld) {
      this.#names = new Map();
      this.#bits = new Map();
    }
    for (const p of prepared) {
      const own = !archived.has(p.id);
      const n = this.#writeDoc(p, own ? packChunks(p.text, dictionary) : { text: null, textEnds: null });
      if (own) ownTexts?.push({ n, id: p.id, length: p.text.length });
    }
  }

  /** Which of the documents the archive holds (or will, `committedFirst`); none without an archive to read snippets from. */
  #archivedOf(docs: readonly { id: string; length: number }[], committedFirst?: TextsHeld): Set<string> {
    if (!this.#archived) return new Set();
    const held = committedFirst?.(docs) ?? new Set<string>();
    for (const id of this.#archived.holds(docs.filter((d) => !held.has(d.id)))) held.add(id);
    return held;
  }

  /** Writes one document; returns its number. */
  #writeDoc(p: WritableDoc, text: { text: Buffer | null; textEnds: Buffer | null }): number {
    const { records, columns, kindMasks } = p;
    const count = kindMasks.length;
    if (count > MAX_UNITS_PER_DOC) {
      throw new Error(`Document ${p.id} has ${count} clauses and findings; the search index holds at most ${MAX_UNITS_PER_DOC} per document.`);
    }
    const clauses = records.findingsFrom;
    // Paths numbered first, then kinds, each in the order first met: the order a unit-by-unit pass gave them numbers in.
    const units = packUnitRecords(records, records.paths.map((path) => this.#code(path)));
    const bits = p.kinds.map((kind) => this.#bit(kind));
    const row = {
      id: p.id, title: p.title, type: p.type, level: p.level,
      region: p.region, issuer: p.issuer, year: p.year, date: p.date, docNumber: p.docNumber,
      clauses, findings: count - clauses, units, ...text,
    };
    const existing = this.#findDoc.get(p.id);
    let n: number;
    if (existing) {
      n = existing.n;
      this.#removeUnits(n);
      this.#updateDoc.run({ ...row, n });
    } else {
      n = Number(this.#insertDoc.run(row).lastInsertRowid);
    }
    for (let ord = 0; ord < count; ord++) {
      const clause = ord < clauses;
      const id = unitId(n, ord, clause ? UNIT_KIND.clause : UNIT_KIND.finding);
      this.#insertFts.run(id, clause ? p.t : '', columns[3 * ord], columns[3 * ord + 1], p.bt, columns[3 * ord + 2]);
      const local = kindMasks[ord]!;
      if (local === 0) continue;
      let mask = 0;
      for (let i = 0; i < bits.length; i++) if (Math.floor(local / 2 ** i) % 2 === 1) mask += 2 ** bits[i]!;
      this.#insertKind.run(id, mask);
    }
    for (const e of records.extras) this.#insertExtra.run(unitId(n, e.ord, e.ord < clauses ? UNIT_KIND.clause : UNIT_KIND.finding), e.text, e.findingId);
    return n;
  }

  /** Removes the documents; unknown ids are ignored. */
  delete(ids: readonly string[]): void {
    this.#db.transaction(() => {
      for (const id of ids) {
        const existing = this.#findDoc.get(id);
        if (!existing) continue;
        this.#removeUnits(existing.n);
        this.#deleteDoc.run(existing.n);
      }
    }).immediate();
  }
}
