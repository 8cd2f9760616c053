/**
 * Which engine the environment names, and that engine alone loaded: a SQLite search (the CLI's)
 * need not load the Meilisearch client, nor a Meilisearch one SQLite's index code.
 * @module
 */
import type { MeiliEngineOptions } from './meili/engine.js';
import type { SqliteEngineOptions } from './sqlite/engine.js';
import type { SearchEngine } from './types.js';

export type EngineOptions = SqliteEngineOptions | MeiliEngineOptions;

/**
 * Engine options from the environment: `MEILI_URL` (+ `MEILI_API_KEY`) for Meilisearch, else SQLite;
 * either way for the archive in `WENSHI_DATA` (default `./data`), which names the Meilisearch index.
 */
export function engineOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): EngineOptions {
  const dataDir = env.WENSHI_DATA || './data';
  if (env.MEILI_URL) return { meiliUrl: env.MEILI_URL, dataDir, ...(env.MEILI_API_KEY ? { apiKey: env.MEILI_API_KEY } : {}) };
  return { dataDir };
}

/** The engine the options describe (as `createEngine` of index.ts), importing only its own module. */
export async function loadEngine(options: EngineOptions): Promise<SearchEngine> {
  if ('meiliUrl' in options) return new (await import('./meili/engine.js')).MeiliEngine(options);
  return new (await import('./sqlite/engine.js')).SqliteEngine(options);
}
