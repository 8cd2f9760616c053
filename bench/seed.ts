/**
 * Documents as the real pipeline makes them, for evals, benches and tests that need analysed text.
 * @module
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { processSource } from '../pipeline/flow.js';
import type { AnalyzedDocument } from '../pipeline/types.js';

export const SEED_PATH = fileURLToPath(new URL('../corpus/seed/000_7bf2245de4f05e93.txt', import.meta.url));

/** Every document of a file, through extract → normalize → structure → classify → analyze. */
export async function documentsOf(path: string): Promise<AnalyzedDocument[]> {
  return (await processSource({ path, bytes: readFileSync(path) })).documents;
}

/** The seed page's eight documents. */
export function seedDocuments(): Promise<AnalyzedDocument[]> {
  return documentsOf(SEED_PATH);
}
