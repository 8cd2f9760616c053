/**
 * A generated corpus for benchmarks: many small, distinct documents built from the seed's
 * paragraphs, written as files so a run reads them the way a user's batch would be read.
 * @module
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { uniform } from '../pipeline/prng.js';

export const SEED = fileURLToPath(new URL('../corpus/seed/000_7bf2245de4f05e93.txt', import.meta.url));

/** Seed paragraphs long enough to read as body text. */
export function seedParagraphs(): string[] {
  return readFileSync(SEED, 'utf8').split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p.length > 40 && !p.startsWith('篇'));
}


/** Writes `n` TXT documents of 4–10 seed paragraphs each under `dir`; returns total bytes. */
export function generateCorpus(dir: string, n: number, seed = 1): number {
  const paragraphs = seedParagraphs();
  const rand = uniform(seed);
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const body = Array.from({ length: 4 + Math.floor(rand() * 7) }, () => paragraphs[Math.floor(rand() * paragraphs.length)]!);
    const text = `关于第${i + 1}号事项的实施意见\n\n${body.map((p, k) => `${k + 1}.${p}`).join('\n\n')}\n`;
    const file = join(dir, `${String(Math.floor(i / 500)).padStart(3, '0')}`, `doc-${i}.txt`);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, text);
    bytes += Buffer.byteLength(text);
  }
  return bytes;
}
