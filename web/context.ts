/**
 * What every route shares: the archive, the search engine, the upload batches, the queue
 * in queue mode, and the server's options with their defaults.
 * @module
 */
import { join } from 'node:path';
import { DEFAULT_MAX_BYTES } from '../pipeline/flow.js';
import { createEngine, engineOptionsFromEnv, type SearchEngine } from '../pipeline/search/index.js';
import { Archive } from '../pipeline/store/archive.js';
import { BlobStore } from '../pipeline/store/blobs.js';
import { NearDuplicateGroups } from '../pipeline/store/dup-groups.js';
import { QueueClient, queueConfig, type QueueConfig } from '../workers/queue/index.js';
import { uploadsDir } from '../workers/retry.js';
import { BatchBook } from './batches.js';
import { allowedHosts, RateLimiter } from './exposure.js';
import { Gate } from './gate.js';
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
  /**
   * Host names requests may give besides this machine's own, when the server is exposed (not
   * loopback only). @defaultValue from `WENSHI_ALLOWED_HOSTS` (comma-separated)
   */
  allowedHosts?: readonly string[];
  /**
   * Searches a second per client, and how many at once, when the server is exposed; null: no limit.
   * @defaultValue `{ perSecond: 10, burst: 20 }` when exposed, else null
   */
  searchRate?: { perSecond: number; burst: number } | null;
  /**
   * Upload and retry batches run at once, for all clients together (the rest wait their turn).
   * @defaultValue 1
   */
  maxConcurrentBatches?: number;
  /** @defaultValue false */
  logger?: boolean;
}

export interface WebContext {
  dataDir: string;
  archive: Archive;
  /** The archive's near-duplicate groups, for collapsing search results. */
  dupGroups: NearDuplicateGroups;
  /** Original bytes of every source (the content store). */
  blobs: BlobStore;
  engine: SearchEngine;
  batches: BatchBook;
  queue: QueueClient | null;
  token: string | undefined;
  limits: UploadLimits;
  uploadsDir: string;
  /** Whether the server listens beyond loopback: reads then need the token, Host names are checked against `allowedHosts`. */
  exposed: boolean;
  allowedHosts: ReadonlySet<string>;
  searchLimiter: RateLimiter | null;
  /** The cap on ingest work shared by every upload and retry. */
  ingestGate: Gate;
}

/** Searches a second per client, and at once, on an exposed server unless told otherwise. */
const EXPOSED_SEARCH_RATE = { perSecond: 10, burst: 20 };

export function createContext(opts: WebOptions): WebContext {
  const maxBytes = opts.maxUploadBytes ?? DEFAULT_MAX_BYTES;
  const maxFiles = opts.maxUploadFiles ?? 20;
  for (const [name, v] of [['maxUploadBytes', maxBytes], ['maxUploadFiles', maxFiles]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a whole number ≥ 1, not ${v}`);
  }
  const config = opts.queue === undefined ? queueConfig() : opts.queue;
  const exposed = !(opts.loopbackOnly ?? true);
  // Defence in depth: `wenshi serve` refuses this already (checkBind).
  if (exposed && !opts.token) throw new Error('a server reachable beyond loopback needs a token (WENSHI_TOKEN)');
  const rate = opts.searchRate === undefined ? (exposed ? EXPOSED_SEARCH_RATE : null) : opts.searchRate;
  const archive = new Archive(opts.dataDir);
  return {
    dataDir: opts.dataDir,
    archive,
    dupGroups: new NearDuplicateGroups(archive.db),
    blobs: new BlobStore(join(opts.dataDir, 'blobs')),
    engine: opts.engine ?? createEngine(engineOptionsFromEnv({ ...process.env, WENSHI_DATA: opts.dataDir })),
    batches: new BatchBook(),
    queue: config ? new QueueClient(config) : null,
    token: opts.token || undefined,
    limits: { maxBytes, maxFiles },
    uploadsDir: uploadsDir(opts.dataDir),
    exposed,
    allowedHosts: allowedHosts(opts.allowedHosts ?? (process.env.WENSHI_ALLOWED_HOSTS ?? '').split(',')),
    searchLimiter: rate ? new RateLimiter(rate.perSecond, rate.burst) : null,
    ingestGate: new Gate(opts.maxConcurrentBatches ?? 1),
  };
}

export async function closeContext(ctx: WebContext): Promise<void> {
  await ctx.queue?.close();
  await ctx.engine.close();
  ctx.archive.close();
}
