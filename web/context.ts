/**
 * What every route shares: the archive, the search engine, the upload batches, the queue
 * in queue mode, and the server's options with their defaults.
 * @module
 */
import { join } from 'node:path';
import { DEFAULT_MAX_BYTES } from '../pipeline/flow.js';
import { createEngine, engineOptionsFromEnv, type SearchEngine } from '../pipeline/search/index.js';
import { Archive } from '../pipeline/store/archive.js';
import { QueueClient, queueConfig, type QueueConfig } from '../workers/queue/index.js';
import { BatchBook } from './batches.js';
import type { UploadLimits } from './uploads.js';

export interface WebOptions {
  /** The data folder (archive, blobs, search index, uploads). */
  dataDir: string;
  /** Bearer token for write endpoints (`WENSHI_TOKEN`); without one, writes are open to this machine only. */
  token?: string | undefined;
  /**
   * Whether the server listens on loopback only; then requests naming another host are refused.
   * @defaultValue true
   */
  loopbackOnly?: boolean;
  /**
   * Largest uploaded file, in bytes.
   * @defaultValue 50 MiB (the pipeline's own limit)
   */
  maxUploadBytes?: number;
  /**
   * Most files in one upload.
   * @defaultValue 20
   */
  maxUploadFiles?: number;
  /**
   * The search engine.
   * @defaultValue Meilisearch when `MEILI_URL` is set, else SQLite in the data folder
   */
  engine?: SearchEngine;
  /**
   * Queue settings; null runs uploads in this process.
   * @defaultValue from `REDIS_URL` (see workers/queue/config.ts)
   */
  queue?: QueueConfig | null;
  /** @defaultValue false */
  logger?: boolean;
}

export interface WebContext {
  dataDir: string;
  archive: Archive;
  engine: SearchEngine;
  batches: BatchBook;
  queue: QueueClient | null;
  token: string | undefined;
  limits: UploadLimits;
  uploadsDir: string;
}

export function createContext(opts: WebOptions): WebContext {
  const maxBytes = opts.maxUploadBytes ?? DEFAULT_MAX_BYTES;
  const maxFiles = opts.maxUploadFiles ?? 20;
  for (const [name, v] of [['maxUploadBytes', maxBytes], ['maxUploadFiles', maxFiles]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a whole number ≥ 1, not ${v}`);
  }
  const config = opts.queue === undefined ? queueConfig() : opts.queue;
  return {
    dataDir: opts.dataDir,
    archive: new Archive(opts.dataDir),
    engine: opts.engine ?? createEngine(engineOptionsFromEnv({ ...process.env, WENSHI_DATA: opts.dataDir })),
    batches: new BatchBook(),
    queue: config ? new QueueClient(config) : null,
    token: opts.token || undefined,
    limits: { maxBytes, maxFiles },
    uploadsDir: join(opts.dataDir, 'uploads'),
  };
}

export async function closeContext(ctx: WebContext): Promise<void> {
  await ctx.queue?.close();
  await ctx.engine.close();
  ctx.archive.close();
}
