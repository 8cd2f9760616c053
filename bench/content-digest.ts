/**
 * What a content thread does per source, on a fraction of the real scale corpus
 * (`WENSHI_SCALE_FRACTION`, default 0.1, the same records as the scale bench): each file extracted
 * (untimed), then the content stages one by one — normalize, structure, classify, analyze, packing
 * the archive's values and making the index columns, as `runContent` does — with the CPU seconds of
 * each and a SHA-256 of each stage's outputs over the whole corpus. A change to those stages that
 * must keep their outputs byte for byte shows the same digests, and its cost in the same lines.
 *
 * Last, `fts5`: the index columns inserted alone into a bare search file's FTS5 table, committed in
 * groups as an ingest commits them (no archive, no document rows, no top lists). With the content
 * stages it is the work no embedded ingest can skip, so the round's last line is the most any
 * ingest of this code could reach on two cores with nothing else to do (issue 18 asks 4 MB/s).
 *
 * `WENSHI_DIGEST_ROUNDS=N` takes the corpus N times in the same process (the first round pays the
 * thread's one-time loads, printed apart as the first source's CPU); `WENSHI_DIGEST_DETAIL=1` also
 * times analyze's parts (findings, entities, near-duplicate keys) in a pass of their own, and counts
 * the characters each stage gives jieba.
 * @module
 */
import { createHash, type Hash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { classify } from '../pipeline/classify/index.js';
import { indexColumns } from '../pipeline/content.js';
import { analyze } from '../pipeline/analyze/index.js';
import { bandKeys, shingleSet } from '../pipeline/dedup/index.js';
import { extractEntities } from '../pipeline/entities/index.js';
import { extract } from '../pipeline/extract/index.js';
import { analyzeDocument } from '../pipeline/flow.js';
import { normalize } from '../pipeline/normalize/index.js';
import { packDocument } from '../pipeline/store/packed-document.js';
import { charactersSegmented } from '../pipeline/segment/index.js';
import { CRISISMERGE, GROUP_HASHSIZE } from '../pipeline/search/sqlite/engine.js';
import { ensureSchema, tableSet, UNIT_KIND, unitId } from '../pipeline/search/sqlite/schema.js';
import type { WritableDoc } from '../pipeline/search/sqlite/write.js';
import { GROUP_LIMITS } from '../pipeline/write-group.js';
import { structure } from '../pipeline/structure/index.js';
import type { DocumentRecord, Extraction } from '../pipeline/types.js';
import { SCALE_CORPUS } from './eval-scale-titles.js';
import { fractionDocs, scaleFraction } from './scale.js';

const STAGES = ['normalize', 'structure', 'classify', 'analyze', 'pack', 'index', 'fts5'] as const;
type StageName = (typeof STAGES)[number];

/** JSON of any stage output: bytes as hex, maps and sets as their entries, keys in insertion order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, v: unknown) {
    const raw = this[key];
    if (ArrayBuffer.isView(raw)) return { $bytes: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('hex') };
    if (raw instanceof Map) return { $map: [...raw] };
    if (raw instanceof Set) return { $set: [...raw] };
    return v;
  });
}

/** CPU seconds of this process (every thread: a content thread segments on its own). */
function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/**
 * A bare search file's FTS5 table, written as a grouped ingest writes it: automerge off and FTS5's
 * crisis merge, room for a group's pending postings, a commit every GROUP_LIMITS.chars characters
 * of unit text (an ingest also commits every second, which at its speed is sooner).
 */
class Fts5Floor {
  readonly #dir = mkdtempSync(join(tmpdir(), 'wenshi-fts5-floor-'));
  readonly #db = new Database(join(this.#dir, 'search.sqlite'));
  readonly #insert: Database.Statement;
  #docs = 0;
  #chars = 0;

  constructor() {
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = NORMAL');
    ensureSchema(this.#db);
    const { fts } = tableSet(0);
    this.#db.exec(`INSERT INTO ${fts} (${fts}, rank) VALUES ('automerge', 0);
      INSERT INTO ${fts} (${fts}, rank) VALUES ('crisismerge', ${CRISISMERGE});
      INSERT INTO ${fts} (${fts}, rank) VALUES ('hashsize', ${GROUP_HASHSIZE});`);
    this.#insert = this.#db.prepare(`INSERT INTO ${fts} (rowid, t, h, b, bt, bb) VALUES (?, ?, ?, ?, ?, ?)`);
    this.#db.exec('BEGIN');
  }

  /** Inserts the documents' units; returns how many. */
  write(docs: readonly WritableDoc[]): number {
    let units = 0;
    for (const { columns, records, kindMasks, t, bt, unitChars } of docs) {
      const n = ++this.#docs;
      for (let ord = 0; ord < kindMasks.length; ord++, units++) {
        const clause = ord < records.findingsFrom;
        this.#insert.run(unitId(n, ord, clause ? UNIT_KIND.clause : UNIT_KIND.finding), clause ? t : '', columns[3 * ord], columns[3 * ord + 1], bt, columns[3 * ord + 2]);
      }
      this.#chars += unitChars;
      if (this.#chars >= GROUP_LIMITS.chars) this.commit();
    }
    return units;
  }

  commit(): void {
    this.#db.exec('COMMIT; BEGIN');
    this.#chars = 0;
  }

  close(): void {
    this.#db.close();
    rmSync(this.#dir, { recursive: true, force: true });
  }
}

interface Source {
  file: string;
  extraction: Extraction;
}

class Round {
  readonly cpu = new Map<StageName, number>(STAGES.map((s) => [s, 0]));
  readonly hashes = new Map<StageName, Hash>(STAGES.map((s) => [s, createHash('sha256')]));
  /** Characters each stage gave jieba. */
  readonly segmented = new Map<StageName, number>(STAGES.map((s) => [s, 0]));
  firstSource = 0;
  failed = 0;
  readonly floor = new Fts5Floor();

  /** Runs one stage, adding its CPU time and its output to the stage's figures. */
  stage<T>(name: StageName, run: () => T): T {
    const c0 = cpuSeconds();
    const s0 = charactersSegmented();
    const out = run();
    this.cpu.set(name, this.cpu.get(name)! + cpuSeconds() - c0);
    this.segmented.set(name, this.segmented.get(name)! + charactersSegmented() - s0);
    this.hashes.get(name)!.update(canonical(out) + '\n');
    return out;
  }

  /** The content stages of one source in `processExtraction`'s and `runContent`'s order. */
  source({ file, extraction }: Source): DocumentRecord[] {
    try {
      const normalized = this.stage('normalize', () => normalize(extraction));
      const drafts = this.stage('structure', () => structure(normalized));
      if (drafts.length === 0 || drafts.every((d) => !d.text.trim())) throw new Error('no text');
      const records = this.stage('classify', () => drafts.map((d) => classify(d, { sourceName: file })));
      const documents = this.stage('analyze', () => records.map(analyzeDocument));
      this.stage('pack', () => documents.map(packDocument));
      const columns = this.stage('index', () => {
        try {
          return indexColumns(documents);
        } catch {
          return null;
        }
      });
      if (columns) this.stage('fts5', () => this.floor.write(columns));
      return records;
    } catch (err) {
      this.failed++;
      for (const h of this.hashes.values()) h.update(`failed ${file}: ${err instanceof Error ? err.message : String(err)}\n`);
      return [];
    }
  }
}

/** analyze's parts on the classified records, timed apart (a pass of their own, not in the stage figures). */
function detail(records: readonly DocumentRecord[]): void {
  const parts: [string, (d: DocumentRecord) => unknown][] = [
    ['findings (analyze())', (d) => analyze(d)],
    ['entities (文史资料 only)', (d) => (d.meta.type === 'wenshi' ? extractEntities(d.text) : [])],
    ['shingles + bands', (d) => bandKeys(shingleSet(d.text))],
  ];
  for (const [name, fn] of parts) {
    const c0 = cpuSeconds();
    for (const d of records) fn(d);
    console.log(`  of analyze: ${name.padEnd(24)} ${(cpuSeconds() - c0).toFixed(3)} s`);
  }
}

export async function run(): Promise<void> {
  if (!existsSync(SCALE_CORPUS)) {
    console.log(`scale corpus not found at ${SCALE_CORPUS}; skipped`);
    return;
  }
  const fraction = scaleFraction();
  const rounds = Number(process.env.WENSHI_DIGEST_ROUNDS ?? '1');
  const docs = await fractionDocs(fraction);
  const sources: Source[] = [];
  for (const d of docs) sources.push({ file: d.file, extraction: await extract({ path: d.file, bytes: Buffer.from(d.text) }) });
  const mb = docs.reduce((n, d) => n + Buffer.byteLength(d.text), 0) / 1e6;
  console.log(`content stages of ${sources.length} sources, ${mb.toFixed(2)} MB (fraction ${fraction}), ${rounds} round(s)`);
  for (let r = 0; r < rounds; r++) {
    const round = new Round();
    const records: DocumentRecord[] = [];
    sources.forEach((s, i) => {
      const c0 = cpuSeconds();
      records.push(...round.source(s));
      if (i === 0) round.firstSource = cpuSeconds() - c0;
    });
    round.stage('fts5', () => round.floor.commit());
    round.floor.close();
    const total = [...round.cpu.values()].reduce((a, b) => a + b, 0);
    console.log(`round ${r + 1}: ${total.toFixed(3)} CPU s, ${(total / mb).toFixed(3)} s per MB; first source ${round.firstSource.toFixed(3)} s; ${round.failed} failed`);
    for (const s of STAGES) console.log(`  ${s.padEnd(10)} ${round.cpu.get(s)!.toFixed(3)} s  sha256 ${round.hashes.get(s)!.digest('hex')}`);
    console.log(`  at most ${(mb / (total / 2)).toFixed(2)} MB/s for an ingest on two cores kept busy with these stages and nothing else (the archive, the top lists, the threads' hand-overs and V8's collector not counted)`);
    if (process.env.WENSHI_DIGEST_DETAIL === '1') {
      const chars = records.reduce((n, d) => n + d.text.length, 0);
      const cut = STAGES.filter((s) => round.segmented.get(s)! > 0).map((s) => `${s} ${round.segmented.get(s)}`);
      console.log(`  characters segmented (of ${chars} in the documents): ${cut.join(', ')}`);
      detail(records);
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
