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
  let out = '';
  for (const ch of s) {
    const cw = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
    if (w + cw > width) break;
    out += ch;
    w += cw;
  }
  return out + ' '.repeat(width - w);
}

/** A whole-number option (`--limit 20`); absent stays undefined. */
export function parsePositiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a whole number ≥ 1`);
  return n;
}
