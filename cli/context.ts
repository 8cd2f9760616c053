/**
 * What every command shares: where the data lives, and how to print for people or machines.
 * @module
 */
import { resolve } from 'node:path';
import type { SearchEngine } from '../pipeline/search/types.js';

/** Data folder from `--data`, else `WENSHI_DATA`, else `./data`. */
export function dataDir(flag: string | undefined): string {
  return resolve(flag ?? process.env.WENSHI_DATA ?? 'data');
}

/**
 * The search engine: Meilisearch when MEILI_URL is set, else SQLite FTS5 beside the archive.
 * Imported here, on demand and that engine alone, so commands that only read the archive load
 * neither. (The archive is opened by archive.ts, which `search` never imports.)
 */
export async function openEngine(flag: string | undefined): Promise<SearchEngine> {
  const { engineOptionsFromEnv, loadEngine } = await import('../pipeline/search/load.js');
  return loadEngine(engineOptionsFromEnv({ ...process.env, WENSHI_DATA: dataDir(flag) }));
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A usage mistake: printed without a stack trace, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Pads a cell to a display width, counting CJK characters as two columns. */
export function cell(s: string, width: number): string {
  let w = 0;
  let end = 0;
  // Measured by code point and cut once: a string built a character at a time was most of the
  // garbage `wenshi docs` made (five cells a document).
  while (end < s.length) {
    const code = s.codePointAt(end)!;
    const cw = isWide(code) ? 2 : 1;
    if (w + cw > width) break;
    w += cw;
    end += code > 0xffff ? 2 : 1;
  }
  return s.slice(0, end) + ' '.repeat(width - w);
}

/** Hangul Jamo, CJK, Hangul syllables, compatibility ideographs and forms, fullwidth forms. */
function isWide(code: number): boolean {
  return (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff)
    || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) || (code >= 0xffe0 && code <= 0xffe6);
}

/** A whole-number option (`--limit 20`); absent stays undefined. */
export function parsePositiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a whole number ≥ 1`);
  return n;
}
