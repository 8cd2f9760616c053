/**
 * The producer side of `wenshi ingest` in queue mode: each file's size checked before reading, its
 * bytes hashed and put in the content-addressed store, the archive asked whether they are already
 * there, and the rest queued by hash as one batch. A ZIP archive of files is unpacked here, each
 * member put in the store and queued as a file of the batch.
 * @module
 */
import { join } from 'node:path';
import { toFailure, type FailureInfo } from '../../pipeline/errors.js';
import { walkFiles } from '../../pipeline/files.js';
import { DEFAULT_MAX_BYTES, setOptions, type ProcessOptions } from '../../pipeline/flow.js';
import { isZipArchive } from '../../pipeline/extract/zip-archive.js';
import { forgetUnreadable, readError, readSource, recordFailed, recordUnreadable, unpackArchive, type FileOutcome } from '../../pipeline/ingest.js';
import type { Archive, SourceMeta } from '../../pipeline/store/archive.js';
import { BlobStore } from '../../pipeline/store/blobs.js';
import type { Skipped } from '../summary.js';
import { Batches } from './batches.js';
import type { QueueClient } from './client.js';
import { sourceKey, type ExtractJob, type SourceRef, type StoreJob } from './jobs.js';

/** The job that will settle a file, kept so it can be queued again if Redis loses it. */
export type PlannedJob = { stage: 'extract'; data: ExtractJob } | { stage: 'store'; data: StoreJob };

export interface BatchEntry {
  path: string;
  job: PlannedJob | null;
  outcome: FileOutcome | null;
}

/** What the enqueuing process knows about its batch; enough to rebuild it in an empty Redis. */
export class BatchRun {
  readonly entries = new Map<string, BatchEntry>();
  /** What the walk passed over, and why. */
  readonly skipped: Skipped[] = [];

  constructor(
    readonly id: string,
    /** The archive of the batch's data folder, where a file settled from Redis has its path noted. */
    readonly archive: Archive,
    readonly startedAt: number,
  ) {}

  get data(): string {
    return this.archive.dataDir;
  }

  get settled(): number {
    let n = 0;
    for (const e of this.entries.values()) if (e.outcome) n += 1;
    return n;
  }

  pending(): BatchEntry[] {
    return [...this.entries.values()].filter((e) => !e.outcome);
  }

  outcomes(): FileOutcome[] {
    return [...this.entries.values()].flatMap((e) => (e.outcome ? [e.outcome] : []));
  }
}

export interface EnqueueOptions extends Pick<ProcessOptions, 'maxBytes' | 'level' | 'ocr'> {
  /**
   * Files read, hashed and queued at once (mostly waiting on disk and Redis round trips).
   * @defaultValue 16
   */
  concurrency?: number;
  /** Called as each file is queued or settled on the spot. */
  onFile?: (entry: BatchEntry) => void;
}

/**
 * Registers the file as waiting for its source's outcome, then queues the work (once per source).
 * Work already under way may have read its waiters for the last time before this one was added; it
 * wrote the source's outcome before that read, so the outcome is found here and the file settled from it.
 */
export async function startEntry(client: QueueClient, run: BatchRun, entry: BatchEntry): Promise<void> {
  const job = entry.job;
  if (!job) return;
  const waiter = { batch: run.id, path: entry.path };
  await client.batches.addWaiter(sourceKey(job.data), waiter);
  const started = job.stage === 'extract' ? await client.submit('extract', job.data) : await client.submit('store', job.data);
  if (started === 'queued') return;
  const known = await client.batches.outcomeFor(sourceKey(job.data), waiter);
  if (known) await settleFromRedis(client, run, job.data, known);
}

/**
 * Settles a file of the batch with the outcome its source's work left in Redis, its path noted in the
 * archive as the worker notes the paths it settles (so `wenshi status` lists a failure under it too).
 */
export async function settleFromRedis(client: QueueClient, run: BatchRun, ref: SourceRef, outcome: FileOutcome): Promise<void> {
  run.archive.saveSourcePath({ sha256: ref.sha256, path: outcome.path, size: ref.size });
  await client.batches.settleWaiter(sourceKey(ref), { batch: run.id, path: outcome.path }, outcome);
}

async function settleHere(client: QueueClient, run: BatchRun, entry: BatchEntry, outcome: FileOutcome): Promise<void> {
  entry.outcome = outcome;
  await client.batches.settle(run.id, outcome);
}

/** A file's or an archive member's plan: settled at once (unchanged, unreadable) or a job to queue. */
interface Plan {
  path: string;
  plan: FileOutcome | PlannedJob;
}

/** Plans one source's bytes: unchanged when archived already, else put in the content store and an extract job. */
async function planBytes(archive: Archive, blobs: BlobStore, run: BatchRun, meta: SourceMeta, bytes: Buffer, opts: EnqueueOptions): Promise<Plan> {
  const { path } = meta;
  if (archive.source(meta.sha256)?.status === 'ok') {
    archive.saveSourcePath(meta);
    return { path, plan: { path, status: 'unchanged', sha256: meta.sha256, documents: archive.documentsOf(meta.sha256) } };
  }
  await blobs.put(bytes, meta.sha256);
  return { path, plan: { stage: 'extract', data: { ...meta, data: run.data, batch: run.id, options: setOptions(opts) } } };
}

/** Plans one file: one plan, or one per member of a ZIP archive of files (each a source of its own). */
async function planFile(archive: Archive, blobs: BlobStore, run: BatchRun, path: string, opts: EnqueueOptions): Promise<Plan[]> {
  let source;
  try {
    source = await readSource(path, opts.maxBytes ?? DEFAULT_MAX_BYTES);
  } catch (err) {
    // Too large: hashed without reading, and the failure recorded on its source by the store stage.
    const meta = (err as { meta?: SourceMeta }).meta;
    if (!meta) return [{ path, plan: recordUnreadable(archive, path, readError(err)) }];
    return [{ path, plan: { stage: 'store', data: { ...meta, data: run.data, batch: run.id, failure: toFailure(err, 'read'), attempts: 1 } } }];
  }
  forgetUnreadable(archive, path);
  if (!isZipArchive(source.bytes, path)) return [await planBytes(archive, blobs, run, source.meta, source.bytes, opts)];
  const plans: Plan[] = [];
  try {
    for (const member of unpackArchive(archive, source.meta, source.bytes, opts)) {
      plans.push('failure' in member ? { path: member.path, plan: member } : await planBytes(archive, blobs, run, member.meta, member.bytes, opts));
    }
  } catch (err) {
    plans.push({ path, plan: recordFailed(archive, source.meta, toFailure(err, 'extract')) });
  }
  return plans;
}

/** Queues every file under `paths` as one batch and returns what is needed to follow it. */
export async function enqueueBatch(client: QueueClient, archive: Archive, paths: readonly string[], opts: EnqueueOptions = {}): Promise<BatchRun> {
  const { concurrency = 16 } = opts;
  const run = new BatchRun(Batches.newId(), archive, Date.now());
  // A file named twice (a folder and a file inside it) is one file of the batch; a folder that
  // could not be read is one failed entry of it.
  const unreadable = new Map<string, FailureInfo>();
  const seen = new Set<string>();
  for await (const e of walkFiles(paths, { dataDir: archive.dataDir })) {
    if (e.kind === 'skipped') run.skipped.push(e);
    else {
      seen.add(e.path);
      if (e.kind === 'failed') unreadable.set(e.path, e.failure);
    }
  }
  const files = [...seen];
  await client.batches.create(run.id, run.data, files, run.startedAt);
  const blobs = new BlobStore(join(archive.dataDir, 'blobs'));
  let next = 0;
  const lane = async () => {
    while (next < files.length) {
      const path = files[next++]!;
      const failure = unreadable.get(path);
      const plans = failure ? [{ path, plan: recordUnreadable(archive, path, failure) }] : await planFile(archive, blobs, run, path, opts);
      // An archive's members take its place in the batch.
      if (plans.length !== 1 || plans[0]!.path !== path) await client.batches.replaceFile(run.id, path, plans.map((p) => p.path));
      for (const { path: source, plan } of plans) {
        const entry: BatchEntry = { path: source, job: null, outcome: null };
        run.entries.set(source, entry);
        if ('stage' in plan) {
          entry.job = plan;
          await startEntry(client, run, entry);
        } else await settleHere(client, run, entry, plan);
        opts.onFile?.(entry);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return run;
}
