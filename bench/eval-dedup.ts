/**
 * Near-duplicate detection on the labelled set corpus/wenshi/dups (labels in dups.pairs.tsv): precision and recall
 * at the chosen settings, on the text as extracted (web chrome and scrape noise still in) and as the
 * archive holds it (after normalize); then the sweep the settings were chosen from.
 * @module
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { candidateProbability, DEFAULT_THRESHOLD, DUP_DEFAULTS, DupIndex, similarity, shingleSet, type DupOptions, type Measure } from '../pipeline/dedup/index.js';
import { extract } from '../pipeline/extract/index.js';
import { normalize } from '../pipeline/normalize/index.js';

export const DUPS_DIR = fileURLToPath(new URL('../corpus/wenshi/dups/', import.meta.url));
/** The labels sit beside the folder, so ingesting the folder ingests only the documents. */
export const PAIRS = fileURLToPath(new URL('../corpus/wenshi/dups.pairs.tsv', import.meta.url));

export interface LabelledSet {
  /** File name → text. */
  texts: Map<string, string>;
  /** `a\tb` (a < b in file order) → whether the two are the same piece. */
  labels: Map<string, boolean>;
}

export type View = 'extracted' | 'normalized';

const pairKey = (a: string, b: string): string => (a < b ? `${a}\t${b}` : `${b}\t${a}`);

/** The fixture's texts, as extracted or as normalized, with its labels; fails when a pair is unlabelled. */
export async function loadLabelledSet(view: View): Promise<LabelledSet> {
  const texts = new Map<string, string>();
  for (const name of readdirSync(DUPS_DIR).filter((f) => /\.(txt|html)$/.test(f)).sort()) {
    const path = join(DUPS_DIR, name);
    const extraction = await extract({ path, bytes: readFileSync(path) });
    const paragraphs = view === 'normalized' ? normalize(extraction).paragraphs : extraction.blocks;
    texts.set(name, paragraphs.map((p) => p.text).join('\n'));
  }
  const labels = new Map<string, boolean>();
  for (const line of readFileSync(PAIRS, 'utf8').split('\n')) {
    const [a, b, same] = line.split('\t');
    if (!a || a.startsWith('#') || a === 'a' || !b) continue;
    labels.set(pairKey(a, b), same === '1');
  }
  const names = [...texts.keys()];
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      if (!labels.has(pairKey(names[i]!, names[j]!))) throw new Error(`dups.pairs.tsv has no label for ${names[i]} / ${names[j]}`);
    }
  }
  return { texts, labels };
}

export interface Score {
  precision: number;
  recall: number;
  truePairs: number;
  found: number;
  correct: number;
  /** Labelled pairs the index missed, and pairs it reported that are not the same piece. */
  missed: string[];
  wrong: string[];
}

/** Precision and recall of the index's pairs at a threshold against the labels. */
export function score(set: LabelledSet, threshold: number, options: DupOptions = {}): Score {
  const index = new DupIndex(options);
  for (const [name, text] of set.texts) index.add(name, text);
  const found = new Set(index.pairs(threshold).map((p) => pairKey(p.a, p.b)));
  const truth = [...set.labels].filter(([, same]) => same).map(([k]) => k);
  const correct = truth.filter((k) => found.has(k)).length;
  return {
    precision: found.size ? correct / found.size : 1,
    recall: truth.length ? correct / truth.length : 1,
    truePairs: truth.length,
    found: found.size,
    correct,
    missed: truth.filter((k) => !found.has(k)),
    wrong: [...found].filter((k) => !set.labels.get(k)),
  };
}

/** The lowest similarity of a same-piece pair and the highest of a different-piece pair: the gap a threshold must fall in. */
export function separation(set: LabelledSet, shingle: number, measure: Measure): { lowestSame: number; highestDifferent: number } {
  const sets = new Map([...set.texts].map(([name, text]) => [name, shingleSet(text, shingle)]));
  let lowestSame = 1;
  let highestDifferent = 0;
  for (const [key, same] of set.labels) {
    const [a, b] = key.split('\t');
    const s = similarity(sets.get(a!)!, sets.get(b!)!, measure);
    if (same) lowestSame = Math.min(lowestSame, s);
    else highestDifferent = Math.max(highestDifferent, s);
  }
  return { lowestSame, highestDifferent };
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

export async function run(): Promise<void> {
  const { bands, rows } = DUP_DEFAULTS;
  const curve = [0.2, 0.3, 0.5, 0.7].map((j) => `J=${j}: ${pct(candidateProbability(j, bands, rows))}`).join(', ');
  console.log(`LSH ${bands} bands × ${rows} rows — chance a pair is even compared: ${curve}`);
  for (const view of ['extracted', 'normalized'] as const) {
    const set = await loadLabelledSet(view);
    const s = score(set, DEFAULT_THRESHOLD);
    console.log(`${view}: ${set.texts.size} files, ${set.labels.size} labelled pairs (${s.truePairs} same piece)`);
    console.log(`  at the defaults (5-char shingles, overlap, threshold ${DEFAULT_THRESHOLD}): precision ${pct(s.precision)}, recall ${pct(s.recall)} (${s.correct}/${s.found} found pairs correct)`);
    for (const k of s.missed) console.log(`  missed: ${k.replace('\t', ' ~ ')}`);
    for (const k of s.wrong) console.log(`  wrong:  ${k.replace('\t', ' ~ ')}`);
    console.log('  sweep — lowest same-piece similarity vs highest different-piece similarity:');
    for (const measure of ['jaccard', 'overlap'] as const) {
      for (const shingle of [3, 4, 5, 6, 8]) {
        const { lowestSame, highestDifferent } = separation(set, shingle, measure);
        const gap = lowestSame - highestDifferent;
        console.log(`    ${measure.padEnd(7)} n=${shingle}: same ≥ ${lowestSame.toFixed(3)}, different ≤ ${highestDifferent.toFixed(3)}, gap ${gap >= 0 ? '+' : ''}${gap.toFixed(3)}`);
      }
    }
  }
}
