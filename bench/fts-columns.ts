/**
 * What each FTS5 column of the search file costs (issue 18): the archive of a kept scale data
 * folder (`WENSHI_SCALE_DATA=<dir> npm run bench -- scale` leaves one) segmented once, then written
 * into variants of the units table, each in a scratch file, its postings (`_data`) and unit sizes
 * (`_docsize`) measured with dbstat, per byte of the documents' text (UTF-8). `VARIANTS=a,b` runs
 * only the variants whose names contain one of them.
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { REINDEX_BUDGET, storedIndexDocuments } from '../pipeline/indexing.js';
import { FTS_COLUMNS, unitId, UNIT_KIND, type FtsColumn } from '../pipeline/search/sqlite/schema.js';
import { prepareDoc, unitColumns, type PreparedDoc } from '../pipeline/search/sqlite/write.js';
import { Archive } from '../pipeline/store/archive.js';

interface Variant {
  name: string;
  columns: readonly FtsColumn[];
  options?: string;
  /** The columns a unit's text fills (the others are empty), or null to leave it out; all by default. */
  fill?: (p: PreparedDoc, i: number) => readonly FtsColumn[] | null;
}

const isFinding = (p: PreparedDoc, i: number) => p.units[i]!.unit.kind === 'finding';
const BODY: readonly FtsColumn[] = ['bb', 'h', 'b'];

const BEFORE = ['t', 'h', 'b', 'bt', 'bb'] as const;

/**
 * The table as it is, each column left out, the order before schema 8 (`t` first), and the
 * reductions that change what matches or how it ranks (title once per document, findings out or
 * in a table of their own, bigrams without positions), for what they would take off.
 */
const VARIANTS: Variant[] = [
  { name: `now (${FTS_COLUMNS.join(' ')})`, columns: FTS_COLUMNS },
  ...FTS_COLUMNS.map((c) => ({ name: `without ${c}`, columns: FTS_COLUMNS.filter((x) => x !== c) })),
  { name: `t first (${BEFORE.join(' ')})`, columns: BEFORE },
  { name: 'title on the first unit only', columns: FTS_COLUMNS, fill: (_, i) => (i === 0 ? FTS_COLUMNS : BODY) },
  { name: 'clauses only', columns: FTS_COLUMNS, fill: (p, i) => (isFinding(p, i) ? null : FTS_COLUMNS) },
  { name: 'findings only', columns: FTS_COLUMNS, fill: (p, i) => (isFinding(p, i) ? FTS_COLUMNS : null) },
  { name: 'findings only, bb', columns: FTS_COLUMNS, fill: (p, i) => (isFinding(p, i) ? ['bb'] : null) },
  { name: 'title on the first unit only, findings bb', columns: FTS_COLUMNS, fill: (p, i) => (i === 0 ? FTS_COLUMNS : isFinding(p, i) ? ['bb'] : BODY) },
  { name: 'findings without title bigrams', columns: FTS_COLUMNS, fill: (p, i) => (isFinding(p, i) ? ['bb'] : FTS_COLUMNS) },
  { name: 'bt bb, detail=column', columns: ['bb', 'bt'], options: ", detail = 'column'" },
  { name: 'bt bb, detail=none', columns: ['bb', 'bt'], options: ", detail = 'none'" },
  { name: 't h b only', columns: ['t', 'h', 'b'] },
];


function size(db: Database.Database, name: string): number {
  return (db.prepare('SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name = ?').pluck().get(name) as number);
}

export async function run(): Promise<void> {
  const data = process.env.WENSHI_SCALE_DATA;
  if (!data) throw new Error('WENSHI_SCALE_DATA: a data folder the scale bench kept');
  const archive = new Archive(data);
  const prepared: PreparedDoc[] = [];
  let bytes = 0;
  for (const batch of archive.documentBatches(REINDEX_BUDGET)) {
    for (const doc of storedIndexDocuments(archive, batch)) {
      bytes += Buffer.byteLength(doc.text);
      prepared.push(prepareDoc(doc));
    }
  }
  archive.close();
  const units = prepared.reduce((n, p) => n + p.units.length, 0);
  console.log(`${prepared.length} documents, ${units} units, ${(bytes / 1e6).toFixed(1)} MB of text (UTF-8)`);
  const only = process.env.VARIANTS?.split(',');
  for (const v of VARIANTS) {
    if (only && !only.some((o) => v.name.includes(o))) continue;
    const dir = mkdtempSync(join(tmpdir(), 'wenshi-fts-columns-'));
    const db = new Database(join(dir, 'x.sqlite'));
    try {
      db.exec(`CREATE VIRTUAL TABLE f USING fts5(${v.columns.join(', ')}, content = '', contentless_delete = 1, tokenize = 'ascii'${v.options ?? ''})`);
      const insert = db.prepare(`INSERT INTO f (rowid, ${v.columns.join(', ')}) VALUES (?, ${v.columns.map(() => '?').join(', ')})`);
      const t0 = process.cpuUsage();
      db.transaction(() => {
        prepared.forEach((p, n) => p.units.forEach((u, i) => {
          const filled = v.fill ? v.fill(p, i) : FTS_COLUMNS;
          if (filled === null) return;
          const text = unitColumns(p, p.units[i]!);
          insert.run(unitId(n + 1, u.unit.ord, UNIT_KIND[u.unit.kind]), ...v.columns.map((c) => (filled.includes(c) ? text[c] : '')));
        }));
      })();
      db.exec("INSERT INTO f (f) VALUES ('optimize')");
      const cpu = process.cpuUsage(t0);
      const [d, s] = [size(db, 'f_data'), size(db, 'f_docsize')];
      console.log(`${v.name.padEnd(28)} postings ${(d / bytes).toFixed(3)}×  docsize ${(s / bytes).toFixed(3)}×  (${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU)`);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
