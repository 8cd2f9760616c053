/**
 * Segmentation eval: word F1 of jieba with its default dictionary and with the domain lexicon
 * against the hand-segmented sentences in `corpus/gold/segmentation.txt`.
 * @module
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Jieba } from '@node-rs/jieba';
import { plainSegmenter, segmenter } from '../pipeline/segment/index.js';

const GOLD_PATH = fileURLToPath(new URL('../corpus/gold/segmentation.txt', import.meta.url));

/** Gold sentences as word lists. */
export function loadSegmentationGold(path = GOLD_PATH): string[][] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => line.split(/\s+/));
}

/** Words as `start:end` character spans, so equal words at different places stay apart. */
function spans(words: readonly string[]): Set<string> {
  const out = new Set<string>();
  let at = 0;
  for (const w of words) {
    out.add(`${at}:${at + w.length}`);
    at += w.length;
  }
  return out;
}

export interface SegmentationScore {
  precision: number;
  recall: number;
  f1: number;
  sentences: number;
  goldWords: number;
}

/** Word-level precision/recall/F1 of a segmenter on the gold sentences (whitespace tokens ignored). */
export function scoreSegmenter(jieba: Jieba, gold = loadSegmentationGold()): SegmentationScore {
  let tp = 0;
  let predicted = 0;
  let expected = 0;
  for (const words of gold) {
    const g = spans(words);
    const p = spans(jieba.cut(words.join(''), true).filter((w) => w.trim()));
    for (const s of p) if (g.has(s)) tp++;
    predicted += p.size;
    expected += g.size;
  }
  const precision = tp / predicted;
  const recall = tp / expected;
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall), sentences: gold.length, goldWords: expected };
}

export async function run(): Promise<void> {
  const gold = loadSegmentationGold();
  const plain = scoreSegmenter(plainSegmenter(), gold);
  const domain = scoreSegmenter(segmenter(), gold);
  const line = (label: string, s: SegmentationScore): string =>
    `  ${label.padEnd(26)} P ${s.precision.toFixed(3)}  R ${s.recall.toFixed(3)}  F1 ${s.f1.toFixed(3)}`;
  console.log(`segmentation eval (${plain.sentences} sentences, ${plain.goldWords} gold words; corpus/gold/segmentation.txt)`);
  console.log(line('jieba default dictionary', plain));
  console.log(line('jieba + domain lexicon', domain));
}
