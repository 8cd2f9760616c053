/**
 * Search: the engine contract and its two engines, chosen by configuration (MEILI_URL set →
 * Meilisearch, otherwise SQLite FTS5 in the data folder).
 * @module
 */
import { MeiliEngine, type MeiliEngineOptions } from './meili/engine.js';
import { SqliteEngine, type SqliteEngineOptions } from './sqlite/engine.js';
import type { EngineOptions } from './load.js';
import type { SearchEngine } from './types.js';

/** The engine the options describe. */
export function createEngine(options: EngineOptions): SearchEngine {
  return 'meiliUrl' in options ? new MeiliEngine(options) : new SqliteEngine(options);
}

export { MeiliEngine, SqliteEngine };
export { engineOptionsFromEnv, loadEngine, type EngineOptions } from './load.js';
export type { MeiliEngineOptions, SqliteEngineOptions };
export { fold } from './fold.js';
export { parseQuery, type ParsedQuery } from './query.js';
export { escapeHtml } from './snippet.js';
export { clauseSpans, documentUnits, toIndexDocument } from './units.js';
export * from './types.js';
