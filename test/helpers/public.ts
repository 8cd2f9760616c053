/**
 * The public development corpus (`../shared/corpus/public/`, real documents byte for byte). Tests
 * read only its tuned files: a held-out name is refused, so no rule is ever checked against one.
 * @module
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PUBLIC_DIR = fileURLToPath(new URL('../../../shared/corpus/public/', import.meta.url));

const HELD_OUT = /^(?:pair1[012]-|gwr-1993-national|gwr-2024-national|govcn-r32-|govcn-r50-)/;

/** The bytes of a tuned public file and its path. */
export function publicFile(name: string): { path: string; bytes: Buffer } {
  if (HELD_OUT.test(name)) throw new Error(`${name} is held out: score it, never test or tune on it`);
  const path = join(PUBLIC_DIR, name);
  return { path, bytes: readFileSync(path) };
}

/** Every tuned document of the public corpus (its TXT, Markdown and HTML files; no held-out one). */
export function tunedPublicFiles(): { name: string; path: string; bytes: Buffer }[] {
  return readdirSync(PUBLIC_DIR)
    .filter((name) => /\.(?:txt|md|html)$/.test(name) && name !== 'SOURCES.md' && !HELD_OUT.test(name))
    .sort()
    .map((name) => ({ name, ...publicFile(name) }));
}
