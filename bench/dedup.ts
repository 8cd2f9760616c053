/**
 * Near-duplicate detection over 10,000 generated documents (target ≤ 30 s): 9,500 originals made of
 * words from the seed and the 文史 fixtures, and 500 copies of some of them with web chrome, scrape
 * noise, word edits and truncation. Prints the time to index and to cluster, the precision and
 * recall on the planted copies, and the ratio to exact all-pairs comparison measured in the same run.
 * @module
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_THRESHOLD, DupIndex, shingleSet, similarity } from '../pipeline/dedup/index.js';
import { cut } from '../pipeline/segment/index.js';
import { uniform } from '../pipeline/prng.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DOCS = 10_000;
const COPIES = 500;
const BASELINE_DOCS = 1_000;


function vocabulary(): string[] {
  const dir = join(ROOT, 'corpus', 'wenshi');
  const files = [join(ROOT, 'corpus', 'seed', '000_7bf2245de4f05e93.txt'), ...readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => join(dir, f))];
  const words = new Set<string>();
  for (const f of files) for (const w of cut(readFileSync(f, 'utf8'))) if (/^[\u4e00-\u9fff]+$/.test(w)) words.add(w);
  return [...words];
}

interface Corpus {
  docs: { id: string; text: string }[];
  /** Id of the original each planted copy was made from. */
  copyOf: Map<string, string>;
}

function generate(): Corpus {
  const rand = uniform(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const words = vocabulary();
  const sentence = (): string => Array.from({ length: 6 + Math.floor(rand() * 14) }, () => pick(words)).join('') + pick(['。', '，', '；']);
  const docs: Corpus['docs'] = [];
  for (let i = 0; i < DOCS - COPIES; i++) {
    let text = '';
    const length = 800 + rand() * 1200;
    while (text.length < length) text += sentence();
    docs.push({ id: `d${i}`, text });
  }
  const copyOf = new Map<string, string>();
  const chrome = ['欢迎来到范文网!时间:2022-10-07 来源:网络 下面是小编为大家整理的文章,供大家参考。', '相关文章: 政协工作总结 文史资料征集 工作报告范文 版权所有'];
  for (let i = 0; i < COPIES; i++) {
    const source = docs[Math.floor(rand() * (DOCS - COPIES))]!;
    let text = source.text;
    // Each copy gets one to three kinds of damage, as template sites and scrapers do.
    if (rand() < 0.5) text = chrome[0] + text + chrome[1];
    if (rand() < 0.5) text = text.replace(/(.{20,30}?)/g, (m) => `${m} ${pick(['质', '邴', 'ブ', '③', '\ue444'])} `);
    if (rand() < 0.5) text = text.split('，').map((s) => (rand() < 0.05 ? sentence() : s)).join('，');
    if (rand() < 0.3) text = `${text.slice(0, Math.floor(text.length * (0.6 + rand() * 0.35)))}…`;
    const id = `c${i}`;
    docs.push({ id, text });
    copyOf.set(id, copyOf.get(source.id) ?? source.id);
  }
  return { docs, copyOf };
}

/** Same-piece pairs: each copy with its original and with every other copy of it. */
function truePairs(corpus: Corpus): Set<string> {
  const families = new Map<string, string[]>();
  for (const [copy, original] of corpus.copyOf) families.set(original, [...(families.get(original) ?? [original]), copy]);
  const out = new Set<string>();
  for (const members of families.values()) {
    for (let i = 0; i < members.length; i++) for (let j = i + 1; j < members.length; j++) out.add([members[i], members[j]].sort().join(' '));
  }
  return out;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

export async function run(): Promise<void> {
  const t0 = performance.now();
  const corpus = generate();
  console.log(`generated ${corpus.docs.length} documents (${COPIES} planted copies) in ${seconds(performance.now() - t0)}`);

  const t1 = performance.now();
  const index = new DupIndex();
  for (const d of corpus.docs) index.add(d.id, d.text);
  const indexed = performance.now() - t1;
  const t2 = performance.now();
  const pairs = index.pairs(DEFAULT_THRESHOLD);
  const clusters = index.clusters(DEFAULT_THRESHOLD);
  const clustered = performance.now() - t2;
  console.log(`index ${corpus.docs.length} documents: ${seconds(indexed)}; pairs + clusters at ${DEFAULT_THRESHOLD}: ${seconds(clustered)}; total ${seconds(indexed + clustered)} (target ≤ 30 s)`);

  const truth = truePairs(corpus);
  const found = new Set(pairs.map((p) => [p.a, p.b].sort().join(' ')));
  const correct = [...found].filter((k) => truth.has(k)).length;
  console.log(`planted same-piece pairs: ${truth.size}; found ${found.size}; precision ${(100 * correct / Math.max(1, found.size)).toFixed(1)}%, recall ${(100 * correct / truth.size).toFixed(1)}%; ${clusters.length} clusters`);

  // Baseline: exact comparison of every pair, on a tenth of the documents, scaled by n² to the full set.
  const sample = corpus.docs.slice(0, BASELINE_DOCS);
  const t3 = performance.now();
  const sets = sample.map((d) => shingleSet(d.text));
  for (let i = 0; i < sets.length; i++) for (let j = i + 1; j < sets.length; j++) similarity(sets[i]!, sets[j]!, 'overlap');
  const brute = performance.now() - t3;
  const scaled = brute * (DOCS / BASELINE_DOCS) ** 2;
  console.log(`baseline exact all-pairs over ${BASELINE_DOCS} documents: ${seconds(brute)} → about ${seconds(scaled)} for ${DOCS}; MinHash+LSH is ${(scaled / (indexed + clustered)).toFixed(1)}× faster`);
}
