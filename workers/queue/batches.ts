/**
 * Batches in Redis: what one `wenshi ingest` queued, when it started, and each file's outcome as
 * the store stage settles it, so any process (the following CLI, `wenshi status`) can show progress.
 *
 * Keys (all under the configured prefix, so they share its Cluster hash slot):
 * `batches` (zset by start time), `batch:<id>` (counts), `batch:<id>:files` (path → outcome JSON,
 * "" while pending), `batch:<id>:log` (paths in the order they settled, the followers' feed),
 * `batch:<id>:ocr` (path → the OCR pages a worker has read of that file's scan),
 * `waiters:<source key>` (the batch and path of every file waiting for those bytes) and
 * `outcome:<source key>` (the latest outcome of that source, for followers whose waiter was missed).
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { ChainableCommander, Redis } from 'ioredis';
import type { OcrProgress } from '../../pipeline/extract/ocr.js';
import type { FileOutcome } from '../../pipeline/ingest.js';
import { atPath, type SourceOutcome } from './jobs.js';

export interface BatchInfo {
  id: string;
  data: string;
  total: number;
  settled: number;
  stored: number;
  unchanged: number;
  failed: number;
  documents: number;
  startedAt: number;
  finishedAt: number | null;
}

/** OCR pages a worker has read of one file, with its own clock's times (ms) of the first report and of this one. */
export interface OcrReport extends OcrProgress {
  startedAt: number;
  at: number;
}

/** Where an outcome came from: the file whose job produced it. */
export interface Waiter {
  batch: string;
  path: string;
}

/** Batch records outlive the work by a week (refreshed on every settled file), then Redis drops them. */
const TTL_SECONDS = 7 * 24 * 3600;
/** Batches listed for "latest batch". */
const KEEP_BATCHES = 100;

/** Settles one pending file atomically, once: a store stage that runs twice cannot count twice. */
const SETTLE = `
local cur = redis.call('HGET', KEYS[2], ARGV[1])
if cur ~= '' then return 0 end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('RPUSH', KEYS[3], ARGV[1])
local settled = redis.call('HINCRBY', KEYS[1], 'settled', 1)
redis.call('HINCRBY', KEYS[1], ARGV[3], 1)
redis.call('HINCRBY', KEYS[1], 'documents', tonumber(ARGV[4]))
if settled >= tonumber(redis.call('HGET', KEYS[1], 'total') or '0') then
  redis.call('HSET', KEYS[1], 'finishedAt', ARGV[5])
end
for i = 1, 3 do redis.call('EXPIRE', KEYS[i], ARGV[6]) end
return 1`;

export class Batches {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(...parts: string[]): string {
    return [this.prefix, ...parts].join(':');
  }

  /** A new batch id: sortable by time, unique across machines. */
  static newId(): string {
    return `b${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
  }

  /** Records a batch with every file pending; called again with the same id it rebuilds one Redis lost. */
  async create(id: string, data: string, paths: readonly string[], startedAt: number): Promise<void> {
    const batch = this.key('batch', id);
    const files = this.key('batch', id, 'files');
    await this.redis.del(batch, files, this.key('batch', id, 'log'));
    for (let i = 0; i < paths.length; i += 1000) {
      await this.redis.hset(files, Object.fromEntries(paths.slice(i, i + 1000).map((p) => [p, ''])));
    }
    await this.redis
      .multi()
      .hset(batch, { id, data, total: paths.length, settled: 0, stored: 0, unchanged: 0, failed: 0, documents: 0, startedAt })
      .expire(batch, TTL_SECONDS)
      .expire(files, TTL_SECONDS)
      .zadd(this.key('batches'), startedAt, id)
      .zremrangebyrank(this.key('batches'), 0, -KEEP_BATCHES - 1)
      .exec();
  }

  /** Puts `paths` in the place of the pending file `path` (an archive unpacked into its members). */
  async replaceFile(id: string, path: string, paths: readonly string[]): Promise<void> {
    const files = this.key('batch', id, 'files');
    const tx = this.redis.multi().hdel(files, path);
    if (paths.length > 0) tx.hset(files, Object.fromEntries(paths.map((p) => [p, ''])));
    await tx.hincrby(this.key('batch', id), 'total', paths.length - 1).exec();
  }

  async exists(id: string): Promise<boolean> {
    return (await this.redis.exists(this.key('batch', id))) === 1;
  }

  async info(id: string): Promise<BatchInfo | null> {
    const h = await this.redis.hgetall(this.key('batch', id));
    if (!h.id) return null;
    const n = (k: string) => Number(h[k] ?? 0);
    return {
      id: h.id, data: h.data ?? '', total: n('total'), settled: n('settled'), stored: n('stored'), unchanged: n('unchanged'),
      failed: n('failed'), documents: n('documents'), startedAt: n('startedAt'), finishedAt: h.finishedAt ? n('finishedAt') : null,
    };
  }

  /** The most recently started batch that Redis still knows. */
  async latest(): Promise<BatchInfo | null> {
    const [id] = await this.redis.zrevrange(this.key('batches'), 0, 0);
    return id ? this.info(id) : null;
  }

  /** Marks a file as waiting for the outcome of a source (registered before its job is queued). */
  async addWaiter(sourceKey: string, waiter: Waiter): Promise<void> {
    const key = this.key('waiters', sourceKey);
    await this.redis.multi().sadd(key, JSON.stringify(waiter)).expire(key, TTL_SECONDS).exec();
  }

  async waiters(sourceKey: string): Promise<Waiter[]> {
    return (await this.redis.smembers(this.key('waiters', sourceKey))).map((m) => JSON.parse(m) as Waiter);
  }

  /** Keys and arguments of the settle script for one file of one batch. */
  private settleArgs(batch: string, outcome: FileOutcome): (string | number)[] {
    const added = outcome.status === 'stored' ? outcome.added.length : 0;
    return [this.key('batch', batch), this.key('batch', batch, 'files'), this.key('batch', batch, 'log'),
      outcome.path, JSON.stringify(outcome), outcome.status, added, Date.now(), TTL_SECONDS];
  }

  /** Settles one file of one batch; false when it was already settled (or the batch is gone). */
  async settle(batch: string, outcome: FileOutcome): Promise<boolean> {
    return (await this.redis.eval(SETTLE, 3, ...this.settleArgs(batch, outcome))) === 1;
  }

  /**
   * Settles every file waiting for a source, in one round trip. The file whose job did the work gets
   * the outcome; any other file with the same bytes counts as unchanged, since it added nothing new.
   */
  async settleSource(sourceKey: string, outcome: SourceOutcome, origin: Waiter, waiters: readonly Waiter[]): Promise<void> {
    const isOrigin = (w: Waiter) => w.batch === origin.batch && w.path === origin.path;
    const tx = this.redis.multi().set(this.key('outcome', sourceKey), JSON.stringify({ outcome, origin }), 'EX', TTL_SECONDS);
    for (const w of waiters.some(isOrigin) ? waiters : [origin, ...waiters]) {
      const file = atPath(isOrigin(w) ? outcome : asDuplicate(outcome), w.path);
      this.settleOn(tx, sourceKey, w, file);
    }
    await tx.exec();
  }

  /** Settles one waiting file with its source's outcome (nothing when it is settled already) and stops it waiting. */
  async settleWaiter(sourceKey: string, waiter: Waiter, outcome: FileOutcome): Promise<void> {
    await this.settleOn(this.redis.multi(), sourceKey, waiter, outcome).exec();
  }

  /** Adds to `tx` the settling of one waiting file with `file` and its removal from the source's waiters. */
  private settleOn(tx: ChainableCommander, sourceKey: string, waiter: Waiter, file: FileOutcome): ChainableCommander {
    return tx.eval(SETTLE, 3, ...this.settleArgs(waiter.batch, file)).srem(this.key('waiters', sourceKey), JSON.stringify(waiter));
  }

  /** The latest outcome of a source, as the waiter `waiter` should count it. */
  async outcomeFor(sourceKey: string, waiter: Waiter): Promise<FileOutcome | null> {
    const raw = await this.redis.get(this.key('outcome', sourceKey));
    if (!raw) return null;
    const { outcome, origin } = JSON.parse(raw) as { outcome: SourceOutcome; origin: Waiter };
    const mine = origin.batch === waiter.batch && origin.path === waiter.path;
    return atPath(mine ? outcome : asDuplicate(outcome), waiter.path);
  }

  /** Forgets a source's last outcome when it is queued afresh, so an old result cannot settle new work. */
  async clearOutcome(sourceKey: string): Promise<void> {
    await this.redis.del(this.key('outcome', sourceKey));
  }

  /** Records the OCR pages read of a file of the batch (written before the file settles, so a follower reading after its outcome sees the last). */
  async noteOcr(id: string, path: string, report: OcrReport): Promise<void> {
    const key = this.key('batch', id, 'ocr');
    await this.redis.multi().hset(key, path, JSON.stringify(report)).expire(key, TTL_SECONDS).exec();
  }

  /** The OCR pages read so far of each file of the batch that has a scan (path → report). */
  async ocrReports(id: string): Promise<Map<string, OcrReport>> {
    const all = await this.redis.hgetall(this.key('batch', id, 'ocr'));
    return new Map(Object.entries(all).map(([path, json]) => [path, JSON.parse(json) as OcrReport]));
  }

  /** Outcomes settled since position `from` of the batch's feed, and the position to read from next. */
  async feed(id: string, from: number): Promise<{ outcomes: FileOutcome[]; next: number }> {
    const paths = await this.redis.lrange(this.key('batch', id, 'log'), from, from + 999);
    if (paths.length === 0) return { outcomes: [], next: from };
    const values = await this.redis.hmget(this.key('batch', id, 'files'), ...paths);
    const outcomes = values.filter((v): v is string => !!v).map((v) => JSON.parse(v) as FileOutcome);
    return { outcomes, next: from + paths.length };
  }
}

/** How a stored source counts for a second file holding the same bytes. */
function asDuplicate(outcome: SourceOutcome): SourceOutcome {
  return outcome.status === 'stored' ? { status: 'unchanged', sha256: outcome.sha256, documents: outcome.documents } : outcome;
}
