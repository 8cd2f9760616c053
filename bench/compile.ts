/**
 * Compile time for a 200-article volume (target ≤ 10 s) in each format, from generated memoir-like
 * articles (words of the 文史 fixtures, with names, places and dates) that include 10 planted copies
 * to drop. The baseline, measured in the same run, is a 20-article volume: the ratio shows how
 * compile time grows with the volume.
 * @module
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileVolume, planVolume, type OutputFormat } from '../pipeline/compile/index.js';
import { documentId } from '../pipeline/classify/index.js';
import { cut } from '../pipeline/segment/index.js';
import type { StoredDocument } from '../pipeline/store/archive.js';
import { uniform } from '../pipeline/prng.js';

const WENSHI = fileURLToPath(new URL('../corpus/wenshi/', import.meta.url));
const ARTICLES = 200;
const BASELINE = 20;
const COPIES = 10;
const NAMES = ['王振华', '陈子敬', '周秀英', '何明远', '孙庆余', '郑伯川', '黄孟舒', '林长庚', '钱国栋', '许静之'];
const PLACES = ['桐溪县', '青石镇', '白沙乡', '柳家湾', '龙潭口', '上海', '延安'];


function articles(n: number): StoredDocument[] {
  const rand = uniform(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const words = [...new Set(readdirSync(WENSHI).filter((f) => f.endsWith('.txt'))
    .flatMap((f) => cut(readFileSync(join(WENSHI, f), 'utf8'))).filter((w) => /^[\u4e00-\u9fff]+$/.test(w)))];
  const sentence = (): string => {
    const parts = Array.from({ length: 8 + Math.floor(rand() * 10) }, () => pick(words));
    parts.splice(Math.floor(rand() * parts.length), 0, rand() < 0.5 ? pick(NAMES) : pick(PLACES));
    if (rand() < 0.2) parts.unshift(`民国${pick(['十五', '二十', '二十六', '三十三'])}年，`);
    return `${parts.join('')}。`;
  };
  const docs: StoredDocument[] = [];
  for (let i = 0; i < n; i++) {
    const original = i >= n - COPIES ? docs[i - (n - COPIES)] : undefined;
    const title = original?.title ?? `${pick(PLACES)}${pick(words)}${pick(words)}回忆`;
    const paragraphs = original ? original.text.split('\n').slice(0, -1)
      : [title, `${pick(NAMES)} 口述　${pick(NAMES)} 整理`, ...Array.from({ length: 6 }, () => Array.from({ length: 4 }, sentence).join(''))];
    const text = paragraphs.join('\n');
    const year = 1930 + Math.floor(rand() * 60);
    docs.push({
      id: documentId(text), title, subtitle: null, type: 'wenshi', level: 'county', region: null, issuer: null, date: null, year,
      docNumber: null, history: [], piece: null, truncated: false, length: text.length, text, sections: [],
      meta: { title, type: 'wenshi', issuer: null, level: 'county', region: null, date: null, year, rules: {} },
      provenance: [{ sourceSha: documentId(title), path: `scans/volume-${i % 12}.pdf`, piece: null, format: 'pdf', encoding: null, pageRange: [i * 5 + 1, i * 5 + 5], changes: {}, ocr: null, reader: null }],
    });
  }
  return docs;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

async function timeCompile(docs: StoredDocument[], format: OutputFormat): Promise<number> {
  const t = performance.now();
  await compileVolume(docs, { title: '基准汇编', order: 'date', format });
  return performance.now() - t;
}

export async function run(): Promise<void> {
  const docs = articles(ARTICLES);
  const small = articles(BASELINE);
  const chars = docs.reduce((n, d) => n + d.text.length, 0);
  // Warm up the segmenter and its dictionary once, so neither run pays for loading them.
  await timeCompile(small.slice(0, 2), 'md');
  const t = performance.now();
  const plan = planVolume(docs, { title: '基准汇编', order: 'date', format: 'md' });
  console.log(`${ARTICLES} articles (${chars} characters, ${COPIES} planted copies): plan (duplicates + entities) ${seconds(performance.now() - t)}; ${plan.articles.length} articles kept, ${plan.dropped.length} dropped, ${plan.persons.length} persons and ${plan.places.length} places indexed`);
  for (const format of ['docx', 'md', 'html'] as const) {
    const full = await timeCompile(docs, format);
    const base = await timeCompile(small, format);
    console.log(`  ${format.padEnd(4)}: ${seconds(full)} for ${ARTICLES} articles (target ≤ 10 s); baseline ${BASELINE} articles ${seconds(base)}; ratio ${(full / base).toFixed(1)}× for ${ARTICLES / BASELINE}× the articles`);
  }
}
