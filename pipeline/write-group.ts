/**
 * Grouped writes for a run of many sources: each source is written to the archive as it comes, in
 * a savepoint of its open transaction, and the group commits every GROUP_SOURCES sources,
 * GROUP_CHARS characters or GROUP_MS milliseconds, whichever comes first: the archive first, then
 * the documents of the whole group in one index transaction, then the archive's note that the
 * index has them. A
 * crash before a commit loses the sources of the group, never part of one; one stored but not
 * indexed is caught up by the next run, as before. The outcomes of a group are settled once it is
 * committed, so none is reported stored, or indexed, before it is.
 * @module
 */
import { crashPoint } from './crash-point.js';
import type { ContentResult } from './content.js';
import type { FailureInfo } from './errors.js';
import { indexFailure, indexFindings } from './indexing.js';
import type { FileOutcome } from './ingest.js';
import { SqliteEngine } from './search/sqlite/engine.js';
import { prepareDoc, type PreparedDoc } from './search/sqlite/write.js';
import { toIndexDocument } from './search/units.js';
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
  #sources = 0;
  #chars = 0;
  #timer: NodeJS.Timeout | null = null;
  /** Sources the archive's open transaction holds. */
  #stored: SourceMeta[] = [];
  /** Their documents' index columns, written to the index when the group commits. */
  #toIndex: PreparedDoc[] = [];
  /** Why the archive did not commit a source a group had taken, by its hash. */
  readonly #lost = new Map<string, FailureInfo>();
  /** Why the index did not take a source's documents, by its hash (kept until its outcome is settled). */
  readonly #notIndexed = new Map<string, FailureInfo>();
  /** Outcomes waiting for the group that holds them to commit. */
  #waiting: FileOutcome[] = [];

  /** `engine`: SQLite (written in the group) or none (the sources stay marked for a later catch-up). */
  constructor(
    readonly archive: Archive,
    readonly engine: SqliteEngine | null,
    readonly onSettled: (outcome: FileOutcome) => void,
    readonly limits: GroupLimits = GROUP_LIMITS,
  ) {}

  /** Whether the content step should make the index columns (see content.ts). */
  get prepares(): boolean {
    return this.engine !== null;
  }

  /** Writes a processed source into the group; throws (its savepoint undone) when the archive refuses it. */
  store(meta: SourceMeta, { processed, prepared }: ContentResult): FileOutcome {
    this.#open();
    const saved = this.archive.saveSource(meta, processed);
    if (this.engine) {
      try {
        this.#toIndex.push(...(prepared ?? processed.documents.map((d) => prepareDoc(toIndexDocument(d, indexFindings(d.id, d.sections, d.analysis.findings, d.entities))))));
      } catch (err) {
        this.#notIndexed.set(meta.sha256, indexFailure(err));
      }
    }
    this.#stored.push(meta);
    this.#sources += 1;
    for (const d of processed.documents) this.#chars += d.text.length;
    const outcome: FileOutcome = { path: meta.path, status: 'stored', sha256: meta.sha256, ...saved };
    if (this.#sources >= this.limits.sources || this.#chars >= this.limits.chars) queueMicrotask(() => this.commit());
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
    const [stored, toIndex] = [this.#stored, this.#toIndex];
    [this.#stored, this.#toIndex, this.#sources, this.#chars] = [[], [], 0, 0];
    try {
      this.archive.endGroup(true);
    } catch (err) {
      // Nothing of the group is kept: its sources fail, and their documents are not indexed.
      this.#recordLost(stored, err);
      this.#flushWaiting();
      return;
    }
    crashPoint('after-store');
    if (this.engine) this.#index(stored.map((m) => m.sha256).filter((sha) => !this.#notIndexed.has(sha)), toIndex);
    this.#flushWaiting();
  }

  /** Writes the group's documents to the index in one transaction and clears the marks of the sources it holds. */
  #index(indexed: readonly string[], docs: readonly PreparedDoc[]): void {
    try {
      this.engine!.writePrepared(docs);
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
    const lost = this.#lost.get(o.sha256);
    if (lost) return { path: o.path, status: 'failed', sha256: o.sha256, failure: lost };
    const failure = this.#notIndexed.get(o.sha256);
    return failure ? { ...o, indexError: failure } : o;
  }
}
