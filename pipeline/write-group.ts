/**
 * Grouped writes for a run of many sources: each source is written as it comes, to the archive in
 * a savepoint of its open transaction and its documents into the index's open transaction, and
 * the group commits every GROUP_SOURCES sources, GROUP_CHARS characters or GROUP_MS milliseconds,
 * whichever comes first: the archive first, then the index, then the archive's note that the index
 * has them. An index write that fails rolls back the group's index transaction: its sources stay
 * marked, and the next run indexes them. A
 * crash before a commit loses the sources of the group, never part of one; one stored but not
 * indexed is caught up by the next run, as before. The outcomes of a group are settled once it is
 * committed, so none is reported stored, or indexed, before it is.
 * @module
 */
import { resolve } from 'node:path';
import { crashPoint } from './crash-point.js';
import { indexColumns, type ContentResult } from './content.js';
import type { FailureInfo } from './errors.js';
import { indexFailure } from './indexing.js';
import type { FileOutcome } from './ingest.js';
import { SqliteEngine } from './search/sqlite/engine.js';
import type { TextsHeld, WritableDoc } from './search/sqlite/write.js';
import type { Archive, SourceMeta } from './store/archive.js';

/**
 * A group's bounds: sources and characters of text bound the memory it holds (FTS5's pending
 * postings, the outcomes), time bounds how long other processes wait for the write locks.
 */
export interface GroupLimits {
  sources: number;
  chars: number;
  ms: number;
}

export const GROUP_LIMITS: GroupLimits = { sources: 100, chars: 1_000_000, ms: 1000 };

export class WriteGroup {
  #chars = 0;
  #timer: NodeJS.Timeout | null = null;
  /** Sources the archive's open transaction holds. */
  #stored: SourceMeta[] = [];
  /** Of those, the ones whose documents the index's open transaction holds. */
  #indexed: string[] = [];
  /** Why the index's transaction of this group was given up, once it was. */
  #indexLost: FailureInfo | null = null;
  /** Why the archive did not commit a source a group had taken, by its hash (until its outcome is settled). */
  readonly #lost = new Map<string, FailureInfo>();
  /** Why the index did not take a source's documents, by its hash (until its outcome is settled). */
  readonly #notIndexed = new Map<string, FailureInfo>();
  /** Outcomes waiting for the group that holds them to commit. */
  #waiting: FileOutcome[] = [];
  /**
   * What the archive's open transaction holds, for the index to keep no copy of those texts, when
   * the index reads its snippets from this archive: it commits before the index, and the index's
   * transaction is given up when it fails (see {@link commit}).
   */
  readonly #heldByArchive: TextsHeld | undefined;

  /** `engine`: SQLite (written in the group) or none (the sources stay marked for a later catch-up). */
  constructor(
    readonly archive: Archive,
    readonly engine: SqliteEngine | null,
    readonly onSettled: (outcome: FileOutcome) => void,
    readonly limits: GroupLimits = GROUP_LIMITS,
  ) {
    if (engine && resolve(engine.dataDir) === resolve(archive.dataDir)) this.#heldByArchive = (docs) => archive.textsHeld(docs);
  }

  /** Whether the content step should make the index columns (see content.ts). */
  get prepares(): boolean {
    return this.engine !== null;
  }

  /** Writes a processed source into the group; throws (its savepoint undone) when the archive refuses it. */
  store(meta: SourceMeta, result: ContentResult): FileOutcome {
    this.#open();
    const saved = this.archive.saveSource(meta, result.processed, null, result.packed);
    // Made here when the content thread could not (its documents then came whole): failing again, it fails the index stage, not the source.
    if (this.engine) this.#index(meta.sha256, () => (result.prepared === null ? indexColumns(result.processed.documents) : result.prepared));
    this.#stored.push(meta);
    for (const d of result.processed.documents) this.#chars += d.text.length;
    const outcome: FileOutcome = { path: meta.path, status: 'stored', sha256: meta.sha256, ...saved };
    if (this.#stored.length >= this.limits.sources || this.#chars >= this.limits.chars) queueMicrotask(() => this.commit());
    return outcome;
  }

  /** Reports an outcome once the group holding it has committed (at once when none is open). */
  settle(outcome: FileOutcome): void {
    this.#waiting.push(outcome);
    if (this.#timer === null) this.#flushWaiting();
  }

  /** Commits the open group (archive, then index, then the archive's index marks) and settles its outcomes. */
  commit(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const [stored, indexed] = [this.#stored, this.#indexed];
    [this.#stored, this.#indexed, this.#chars, this.#indexLost] = [[], [], 0, null];
    try {
      this.archive.endGroup(true);
    } catch (err) {
      // Nothing of the group is kept: its sources fail, and their documents leave the index too.
      this.engine?.endGroup(false);
      this.#recordLost(stored, err);
      this.#flushWaiting();
      return;
    }
    crashPoint('after-store');
    if (this.engine) this.#commitIndex(indexed);
    this.#flushWaiting();
  }

  /** Writes a source's documents into the group's index transaction; a failure gives the transaction up. */
  #index(sha: string, docs: () => readonly WritableDoc[]): void {
    if (!this.#indexLost) {
      try {
        this.engine!.writeGrouped(docs(), this.#heldByArchive);
        this.#indexed.push(sha);
        return;
      } catch (err) {
        this.#indexLost = indexFailure(err);
        this.engine!.endGroup(false);
        for (const done of this.#indexed.splice(0)) this.#notIndexed.set(done, this.#indexLost);
      }
    }
    this.#notIndexed.set(sha, this.#indexLost);
  }

  /** Commits the group's index transaction and clears the marks of the sources it holds. */
  #commitIndex(indexed: readonly string[]): void {
    try {
      this.engine!.endGroup(true);
    } catch (err) {
      for (const sha of indexed) this.#notIndexed.set(sha, indexFailure(err));
      return;
    }
    // Should this fail, the marks stay and a later catch-up indexes the sources again: harmless.
    try {
      this.archive.markIndexedAll(indexed);
    } catch {
      // Kept marked.
    }
  }

  /** Records as failed the sources of a group the archive could not commit. */
  #recordLost(stored: readonly SourceMeta[], err: unknown): void {
    const failure: FailureInfo = { code: 'TRANSIENT', message: `the archive could not commit: ${err instanceof Error ? err.message : String(err)}`, stage: 'store' };
    for (const meta of stored) {
      this.#lost.set(meta.sha256, failure);
      try {
        this.archive.recordFailure(meta, failure);
      } catch {
        // The archive refuses every write: the outcome still says why.
      }
    }
  }

  #open(): void {
    if (this.#timer !== null) return;
    this.archive.openGroup();
    // Unref'd: a run that ends commits its last group itself.
    this.#timer = setTimeout(() => this.commit(), this.limits.ms).unref();
  }

  #flushWaiting(): void {
    for (const o of this.#waiting.splice(0)) this.onSettled(this.#settled(o));
  }

  /** A stored source's outcome with what its group's commit did to it: lost, or stored but not indexed. */
  #settled(o: FileOutcome): FileOutcome {
    if (o.status !== 'stored') return o;
    // Taken once: the same bytes met again later in the run are another store, with its own outcome.
    const lost = this.#lost.get(o.sha256);
    const failure = this.#notIndexed.get(o.sha256);
    this.#lost.delete(o.sha256);
    this.#notIndexed.delete(o.sha256);
    if (lost) return { path: o.path, status: 'failed', sha256: o.sha256, failure: lost };
    return failure ? { ...o, indexError: failure } : o;
  }
}
