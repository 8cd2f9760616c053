/**
 * The person and place index of a compiled volume against the hand-labelled names of
 * corpus/gold/entities-public*.json: precision and recall over (document, name) pairs, tuned and
 * held-out files side by side. Each file goes through the pipeline as an ingest would take it and
 * its names come from the same function `wenshi compile` indexes with.
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { indexNames } from '../pipeline/entities/index.js';
import { processSource } from '../pipeline/flow.js';
import { PUBLIC_CORPUS } from './eval-findings.js';

export const ENTITIES_GOLD = fileURLToPath(new URL('../corpus/gold/entities-public.json', import.meta.url));
export const ENTITIES_HELDOUT_GOLD = fileURLToPath(new URL('../corpus/gold/entities-public-heldout.json', import.meta.url));
const SEED = fileURLToPath(new URL('../corpus/seed/', import.meta.url));

type Kind = 'persons' | 'places';
const KINDS: readonly Kind[] = ['persons', 'places'];

interface GoldDoc {
  /** `public/<file>` (the public corpus) or `seed/<file>` (corpus/seed). */
  file: string;
  persons: string[];
  places: string[];
}

export interface KindScore {
  gold: number;
  /** Labels whose name the stored text no longer holds (page furniture the normalizer dropped): not scored. */
  unreachable: number;
  found: number;
  correct: number;
  /** `file: name` pairs, for the tuned split only. */
  wrong: string[];
  missed: string[];
}

function pathOf(file: string): string {
  const [where, name] = file.split('/') as [string, string];
  return where === 'seed' ? join(SEED, name) : join(PUBLIC_CORPUS, name);
}

/** The names the index gives a file: the union over the documents the pipeline makes of it. */
/** The names the index gives a file (the union over the documents the pipeline makes of it), and the text it read. */
export async function namesOf(file: string): Promise<{ names: Record<Kind, Set<string>>; text: string }> {
  const path = pathOf(file);
  const { documents } = await processSource({ path, bytes: readFileSync(path) });
  const names: Record<Kind, Set<string>> = { persons: new Set(), places: new Set() };
  for (const d of documents) {
    const found = indexNames(d.text);
    for (const k of KINDS) for (const n of found[k]) names[k].add(n);
  }
  return { names, text: documents.map((d) => d.text).join('\n') };
}

export async function scoreGold(goldPath: string): Promise<Record<Kind, KindScore>> {
  const { docs } = JSON.parse(readFileSync(goldPath, 'utf8')) as { docs: GoldDoc[] };
  const score = (): KindScore => ({ gold: 0, unreachable: 0, found: 0, correct: 0, wrong: [], missed: [] });
  const out: Record<Kind, KindScore> = { persons: score(), places: score() };
  for (const doc of docs) {
    const { names: found, text } = await namesOf(doc.file);
    for (const k of KINDS) {
      const gold = new Set(doc[k].filter((n) => text.includes(n)));
      const s = out[k];
      s.unreachable += doc[k].length - gold.size;
      s.gold += gold.size;
      s.found += found[k].size;
      for (const n of found[k]) if (gold.has(n)) s.correct++; else s.wrong.push(`${basename(doc.file)}: ${n}`);
      for (const n of gold) if (!found[k].has(n)) s.missed.push(`${basename(doc.file)}: ${n}`);
    }
  }
  return out;
}

const fmt = (x: number): string => x.toFixed(3);
export const precision = (s: KindScore): number => (s.found ? s.correct / s.found : 1);
export const recall = (s: KindScore): number => (s.gold ? s.correct / s.gold : 1);

export async function run(): Promise<void> {
  if (!existsSync(PUBLIC_CORPUS)) {
    console.log(`entities eval: skipped, no public corpus at ${PUBLIC_CORPUS} (set WENSHI_PUBLIC_CORPUS)`);
    return;
  }
  const tuned = await scoreGold(ENTITIES_GOLD);
  const heldout = await scoreGold(ENTITIES_HELDOUT_GOLD);
  console.log('person and place index (corpus/gold/entities-public*.json; 1954, 1957, 1978, seed tuned; 1964, 1975 held out)');
  console.log('          | tuned: P      R      (found/gold)   | held out: P      R      (found/gold)');
  for (const k of KINDS) {
    const [t, h] = [tuned[k], heldout[k]];
    console.log(`  ${k.padEnd(7)} |        ${fmt(precision(t))}  ${fmt(recall(t))}  (${t.found}/${t.gold})`.padEnd(50)
      + ` |           ${fmt(precision(h))}  ${fmt(recall(h))}  (${h.found}/${h.gold})`);
  }
  const dropped = KINDS.map((k) => tuned[k].unreachable + heldout[k].unreachable).reduce((a, b) => a + b);
  if (dropped) console.log(`  (${dropped} labels not scored: their name is only in page furniture the pipeline drops)`);
  // Held-out names are never printed: whoever tunes the rules must not see held-out text.
  if (process.env.WENSHI_EVAL_VERBOSE === '1') {
    for (const k of KINDS) {
      console.log(`  tuned ${k} not in the gold: ${tuned[k].wrong.join('，') || '—'}`);
      console.log(`  tuned ${k} missed: ${tuned[k].missed.join('，') || '—'}`);
    }
  }
}
