/**
 * Search: the engine contract and its two engines, chosen by configuration (MEILI_URL set →
 * Meilisearch, otherwise SQLite FTS5 in the data folder).
 * @module
 */
import { MeiliEngine, type MeiliEngineOptions } from './meili/engine.js';
import { SqliteEngine, type SqliteEngineOptions } from './sqlite/engine.js';
import type { SearchEngine } from './types.js';

export type EngineOptions = SqliteEngineOptions | MeiliEngineOptions;

/** The engine the options describe. */
export function createEngine(options: EngineOptions): SearchEngine {
  return 'meiliUrl' in options ? new MeiliEngine(options) : new SqliteEngine(options);
}

/**
 * Engine options from the environment: `MEILI_URL` (+ `MEILI_API_KEY`) for Meilisearch, else SQLite;
 * either way for the archive in `WENSHI_DATA` (default `./data`), which names the Meilisearch index.
 */
export function engineOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): EngineOptions {
  const dataDir = env.WENSHI_DATA || './data';
  if (env.MEILI_URL) return { meiliUrl: env.MEILI_URL, dataDir, ...(env.MEILI_API_KEY ? { apiKey: env.MEILI_API_KEY } : {}) };
  return { dataDir };
}

export { MeiliEngine, SqliteEngine };
export type { MeiliEngineOptions, SqliteEngineOptions };
export { fold } from './fold.js';
export { parseQuery, type ParsedQuery } from './query.js';
export { escapeHtml } from './snippet.js';
export { clauseSpans, documentUnits, toIndexDocument } from './units.js';
export * from './types.js';
