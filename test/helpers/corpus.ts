/**
 * Generated corpora for queue tests and benchmarks: small distinct TXT documents assembled from the
 * seed page's paragraphs, so every file is real-looking input with its own hash.
 * @module
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEED } from './cli.js';

const NUMERALS = ['一', '二', '三', '四', '五'];

/** Seed paragraphs long enough to be body text (no chrome, no headings). */
function seedParagraphs(): string[] {
  return readFileSync(SEED, 'utf8')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ''))
    .filter((p) => p.length >= 60 && /[\u4e00-\u9fa5]{20}/.test(p) && !/范文网|下一页|相关文章/.test(p));
}

/** The text of generated document `i`: a notice with numbered sections, distinct from every other. */
export function generatedDocument(i: number, paragraphs: readonly string[] = seedParagraphs()): string {
  const pick = (k: number) => paragraphs[(i * 7 + k * 13) % paragraphs.length]!;
  const sections = NUMERALS.slice(0, 3 + (i % 3)).map((n, k) => `${n}、第${k + 1}项工作要求\n\n${pick(k)}\n\n每年至少召开${(i % 4) + 1}次专题协商会，编号${i}-${k}。`);
  return `关于做好第${i}号协商工作的通知\n\n各专门委员会、各界别：\n\n${sections.join('\n\n')}\n\n区政协办公室\n2021年${(i % 12) + 1}月${(i % 28) + 1}日\n`;
}

/** Writes `count` distinct documents into `dir`; returns their paths and total size in bytes. */
export function writeCorpus(dir: string, count: number): { paths: string[]; bytes: number } {
  mkdirSync(dir, { recursive: true });
  const paragraphs = seedParagraphs();
  const paths: string[] = [];
  let bytes = 0;
  for (let i = 0; i < count; i += 1) {
    const path = join(dir, `doc-${String(i).padStart(5, '0')}.txt`);
    const text = generatedDocument(i, paragraphs);
    writeFileSync(path, text);
    bytes += Buffer.byteLength(text);
    paths.push(path);
  }
  return { paths, bytes };
}
