/**
 * Analyze throughput next to raw segmentation on the same text in the same run: `analyze()`
 * (findings) against `@node-rs/jieba` `cut` (the segmenter analyze uses, and
 * its default dictionary), and `nodejs-jieba` as a dev-only comparison. The contenders take turns
 * round by round, so a busy machine slows them alike; ratios are medians over rounds, never pass/fail.
 * Each round starts with the next contender: whoever runs right after another segmenter finds the
 * caches cold, and a fixed order gave that seat to analyze every round.
 * @module
 */
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { analyze } from '../pipeline/analyze/index.js';
import { plainSegmenter, segmenter } from '../pipeline/segment/index.js';
import type { DocumentRecord } from '../pipeline/types.js';
import { PUBLIC_CORPUS, publicDocuments } from './eval-findings.js';
import { seedDocuments } from './seed.js';

interface NodejsJieba {
  load?: () => void;
  cut: (text: string, strict?: boolean) => string[];
}

function loadNodejsJieba(): NodejsJieba | null {
  try {
    const jieba = createRequire(import.meta.url)('nodejs-jieba') as NodejsJieba;
    jieba.load?.();
    return jieba;
  } catch {
    return null;
  }
}

interface Contender {
  label: string;
  pass: (docs: readonly DocumentRecord[]) => void;
  /** Milliseconds of each timed round. */
  rounds: number[];
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

function timeOnce(c: Contender, docs: readonly DocumentRecord[]): number {
  const started = performance.now();
  c.pass(docs);
  return performance.now() - started;
}

/** Every document of the public corpus (laws, notices, work reports), as an ingest would store them. */
async function publicCorpus(): Promise<DocumentRecord[]> {
  if (!existsSync(PUBLIC_CORPUS)) return [];
  const names = readdirSync(PUBLIC_CORPUS).filter((f) => /\.(?:md|txt|html)$/.test(f) && f !== 'SOURCES.md');
  return publicDocuments(names.map((f) => ({ doc: f.replace(/\.[a-z]+$/, ''), type: 'requirement' as const, text: '' })));
}

export async function run(): Promise<void> {
  await measure('seed documents', await seedDocuments());
  const docs = await publicCorpus();
  if (docs.length) await measure('public-corpus documents', docs);
  else console.log(`analyze bench — public corpus: skipped, none at ${PUBLIC_CORPUS}`);
}

async function measure(what: string, docs: readonly DocumentRecord[]): Promise<void> {
  const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d.text, 'utf8'), 0);
  const findings = docs.reduce((n, d) => n + analyze(d).findings.length, 0);
  const nodejsJieba = loadNodejsJieba();
  const contenders: Contender[] = [
    { label: 'analyze() (findings)', pass: (ds) => ds.forEach((d) => analyze(d)), rounds: [] },
    { label: '@node-rs/jieba cut, default dict + lexicon', pass: (ds) => ds.forEach((d) => segmenter().cut(d.text, true)), rounds: [] },
    { label: '@node-rs/jieba cut, default dict', pass: (ds) => ds.forEach((d) => plainSegmenter().cut(d.text, true)), rounds: [] },
  ];
  if (nodejsJieba) {
    contenders.push({ label: 'nodejs-jieba cut, default dict (dev only)', pass: (ds) => ds.forEach((d) => nodejsJieba.cut(d.text, true)), rounds: [] });
  }
  // Warm-up, then rounds in turn until every contender has had about two seconds.
  for (const warm = performance.now(); performance.now() - warm < 1000; ) for (const c of contenders) c.pass(docs);
  const started = performance.now();
  for (let round = 0; performance.now() - started < 2000 * contenders.length; round++) {
    for (let k = 0; k < contenders.length; k++) {
      const c = contenders[(round + k) % contenders.length]!;
      c.rounds.push(timeOnce(c, docs));
    }
  }
  const [analyzeC, rawCut] = contenders;
  if (!analyzeC || !rawCut) return;
  const rate = (c: Contender): number => bytes / 1e6 / (median(c.rounds) / 1000);
  // Ratio per round (same moment, same load), then the median.
  const ratio = (c: Contender): number => median(c.rounds.map((ms, i) => (rawCut.rounds[i] ?? NaN) / ms));
  console.log(
    `analyze bench (${docs.length} ${what}, ${(bytes / 1024).toFixed(0)} KB, ${findings} findings per pass, ` +
      `${analyzeC.rounds.length} rounds)`,
  );
  for (const c of contenders) {
    console.log(`  ${c.label.padEnd(44)} ${rate(c).toFixed(2).padStart(7)} MB/s   ×${ratio(c).toFixed(2)} of raw cut`);
  }
  if (!nodejsJieba) console.log('  nodejs-jieba: not installed, comparison skipped');
  console.log(`  analyze / raw cut = ${ratio(analyzeC).toFixed(2)} (target ≥ 0.5)`);
}
