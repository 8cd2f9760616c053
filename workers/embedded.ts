/**
 * Embedded runner: ingests files in this process with bounded concurrency, streaming the file list
 * so memory stays flat however large the batch. The stages after extraction run on content threads
 * (one per core, see content-pool.ts); this thread reads, extracts (through its sandbox), and is
 * the one writer, grouping the writes of many sources into one commit (see write-group.ts).
 * @module
 */
import { join } from 'node:path';
import { walkFiles } from '../pipeline/files.js';
import { catchUpIndex } from '../pipeline/indexing.js';
import { relieveMemory } from '../pipeline/memory.js';
import { ingestFile, recordUnreadable, type FileOutcome, type IngestContext } from '../pipeline/ingest.js';
import type { ProcessOptions } from '../pipeline/flow.js';
import type { Archive } from '../pipeline/store/archive.js';
import type { SearchEngine } from '../pipeline/search/types.js';
import { BlobStore } from '../pipeline/store/blobs.js';
import { ContentPool, contentThreads } from '../pipeline/content-pool.js';
import { SqliteEngine } from '../pipeline/search/sqlite/engine.js';
import { WriteGroup } from '../pipeline/write-group.js';
import { NOTHING_CAUGHT_UP, summarize, type IngestSummary, type Skipped } from './summary.js';

export interface EmbeddedOptions extends ProcessOptions {
  /**
   * Files processed at once (PDF/DOCX extraction awaits I/O and native code).
   * @defaultValue 4
   */
  concurrency?: number;
  /** Called after each file, in completion order. */
  onFile?: (outcome: FileOutcome) => void;
  /** The search engine stored documents are indexed into. */
  engine?: SearchEngine;
  /** Told as OCR reads each page of a file's scan (pages done and to read). */
  onOcrProgress?: IngestContext['onOcrProgress'];
}

export async function ingestEmbedded(paths: readonly string[], archive: Archive, opts: EmbeddedOptions = {}): Promise<IngestSummary> {
  const { concurrency = 4, onFile, engine, onOcrProgress, ...options } = opts;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError('concurrency must be a whole number ≥ 1');
  // Sources an earlier run stored but did not get indexed are made searchable first.
  const catchUp = engine ? await catchUpIndex(archive, engine) : NOTHING_CAUGHT_UP;
  const outcomes: FileOutcome[] = [];
  const report = (outcome: FileOutcome) => {
    outcomes.push(outcome);
    onFile?.(outcome);
  };
  // Writes are grouped for SQLite (or no engine); another engine takes each source's documents as it comes.
  const group = !engine || engine instanceof SqliteEngine ? new WriteGroup(archive, engine ?? null, report) : null;
  const threads = contentThreads(concurrency);
  const pool = threads > 0 ? new ContentPool(threads) : null;
  const ctx: IngestContext = {
    archive, blobs: new BlobStore(join(archive.dataDir, 'blobs')), options,
    ...(engine ? { engine } : {}), ...(onOcrProgress ? { onOcrProgress } : {}), ...(pool ? { content: pool.run } : {}), ...(group ? { group } : {}),
  };
  const skipped: Skipped[] = [];
  const entries = walkFiles(paths, { dataDir: archive.dataDir });
  // Each lane pulls the next entry from the shared generator, so at most `concurrency` files are in memory.
  const lane = async () => {
    for (let next = await entries.next(); !next.done; next = await entries.next()) {
      const entry = next.value;
      if (entry.kind === 'skipped') {
        skipped.push(entry);
        continue;
      }
      const done = entry.kind === 'file' ? await ingestFile(entry.path, ctx) : [recordUnreadable(archive, entry.path, entry.failure)];
      relieveMemory();
      for (const outcome of done) {
        if (group) group.settle(outcome);
        else report(outcome);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, lane));
  } finally {
    group?.commit();
    await pool?.close();
  }
  return summarize(outcomes, { catchUp, skipped });
}
