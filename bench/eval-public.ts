/**
 * Metadata eval on the public corpus (`../shared/corpus/public/`, real documents as published):
 * accuracy per field (title, type, issuer, level, region, date, docNumber) against `expected.json`,
 * for the tuned part and the held-out part separately, and every miss.
 * Held-out misses are hidden unless `WENSHI_EVAL_SHOW_HELDOUT=1` (figures are always printed).
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classify } from '../pipeline/classify/index.js';
import { extract } from '../pipeline/extract/index.js';
import { normalize } from '../pipeline/normalize/index.js';
import { structure } from '../pipeline/structure/index.js';
import type { DocumentMeta, DocType } from '../pipeline/types.js';

export const PUBLIC_DIR = fileURLToPath(new URL('../../shared/corpus/public/', import.meta.url));

/** Files the issue holds out: scored every run, never read while writing rules. */
export const HELD_OUT = /^(pair1[012]-|gwr-1993-|gwr-2024-|govcn-r32-|govcn-r50-)/;

export const FIELDS = ['title', 'type', 'issuer', 'level', 'region', 'date', 'docNumber'] as const;
export type Field = (typeof FIELDS)[number];

export interface Expected extends Record<Field, string | null> {
  file: string;
}

/** SOURCES.md's type vocabulary; a finer type of ours outside it (`reply`) is scored as its `other`. */
const SOURCE_TYPES: ReadonlySet<DocType> = new Set(['law', 'regulation', 'opinion', 'notice', 'work_report', 'speech', 'wenshi', 'other']);

export function loadExpected(): Expected[] {
  return JSON.parse(readFileSync(join(PUBLIC_DIR, 'expected.json'), 'utf8')) as Expected[];
}

/** A public file through the stages up to classify: its first (for these files: only) document. */
export async function classifyFile(file: string): Promise<{ meta: DocumentMeta; documents: number }> {
  const path = join(PUBLIC_DIR, file);
  const drafts = structure(normalize(await extract({ path, bytes: readFileSync(path) })));
  const records = drafts.map((d) => classify(d, { sourceName: file }));
  return { meta: records[0]!.meta, documents: records.length };
}

function actual(meta: DocumentMeta, field: Field): string | null {
  if (field === 'type') return SOURCE_TYPES.has(meta.type) ? meta.type : 'other';
  return (meta[field] as string | null | undefined) ?? null;
}

export interface FieldScore {
  right: number;
  total: number;
  misses: string[];
}

export type Scores = Record<Field, FieldScore>;

export async function scorePublic(): Promise<{ tuned: Scores; heldOut: Scores; split: string[] }> {
  const empty = (): Scores => Object.fromEntries(FIELDS.map((f) => [f, { right: 0, total: 0, misses: [] }])) as unknown as Scores;
  const tuned = empty();
  const heldOut = empty();
  const split: string[] = [];
  for (const e of loadExpected()) {
    const { meta, documents } = await classifyFile(e.file);
    if (documents !== 1) split.push(`${e.file}: ${documents} documents`);
    const scores = HELD_OUT.test(e.file) ? heldOut : tuned;
    for (const field of FIELDS) {
      const got = actual(meta, field);
      const s = scores[field];
      s.total++;
      if (got === e[field]) s.right++;
      else s.misses.push(`${e.file}: ${JSON.stringify(got)} ≠ ${JSON.stringify(e[field])}  (${meta.rules[field] ?? '-'})`);
    }
  }
  return { tuned, heldOut, split };
}

const pct = (s: FieldScore): string => `${(s.right / s.total).toFixed(3)} (${s.right}/${s.total})`;

export async function run(): Promise<void> {
  if (!existsSync(PUBLIC_DIR)) {
    console.log(`public corpus not found at ${PUBLIC_DIR}; skipped`);
    return;
  }
  const { tuned, heldOut, split } = await scorePublic();
  console.log('field       tuned             held-out          (targets ≥ 0.95 / ≥ 0.90)');
  for (const f of FIELDS) console.log(`${f.padEnd(11)} ${pct(tuned[f]).padEnd(17)} ${pct(heldOut[f])}`);
  if (split.length) console.log(`\nsplit into more than one document:\n  ${split.join('\n  ')}`);
  // Held-out misses are text nobody tuning may read: shown only when asked for, to report.
  const hide = process.env.WENSHI_EVAL_SHOW_HELDOUT !== '1';
  for (const [name, scores] of [['tuned', tuned], ['held-out', heldOut]] as const) {
    if (name === 'held-out' && hide) continue;
    const misses = FIELDS.flatMap((f) => scores[f].misses.map((m) => `${f}: ${m}`));
    if (misses.length) console.log(`\nmisses, ${name}:\n  ${misses.join('\n  ')}`);
  }
}
