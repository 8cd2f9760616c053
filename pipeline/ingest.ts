/**
 * Ingesting one file into the archive: size check, content hash, duplicate check before any work,
 * the content stages, one transaction to store — or the failure recorded on the source. A ZIP
 * archive of files is unpacked, and each member ingested so.
 * @module
 */
import { open } from 'node:fs/promises';
import { crashPoint } from './crash-point.js';
import { PipelineError, toFailure, type FailureInfo } from './errors.js';
import { readFailure } from './files.js';
import type { OcrProgress } from './extract/ocr.js';
import { inProcess, type ContentRunner } from './content-pool.js';
import { DEFAULT_MAX_BYTES, extractSource, type ProcessOptions } from './flow.js';
import { indexSource } from './indexing.js';
import type { SearchEngine } from './search/types.js';
import type { Archive, NearDuplicate, SourceMeta } from './store/archive.js';
import { BlobStore, sha256, sha256File } from './store/blobs.js';
import { isZipArchive, zipMembers } from './extract/zip-archive.js';
import type { WriteGroup } from './write-group.js';

/**
 * What became of one file. `indexError`: its source is stored, but the search engine failed to take
 * its documents; they stay marked in the archive and the next catch-up indexes them.
 */
export type FileOutcome =
  | { path: string; status: 'stored'; sha256: string; added: string[]; documents: string[]; nearDuplicates?: NearDuplicate[]; indexError?: FailureInfo }
  | { path: string; status: 'unchanged'; sha256: string; documents: string[]; indexError?: FailureInfo }
  | { path: string; status: 'failed'; sha256: string | null; failure: FailureInfo };

export type FailedOutcome = Extract<FileOutcome, { status: 'failed' }>;

export interface IngestContext {
  archive: Archive;
  blobs: BlobStore;
  options: ProcessOptions;
  /** Where stored documents are indexed; without one, `wenshi reindex` catches up later. */
  engine?: SearchEngine;
  /** Told as OCR reads each page of a file's scan. */
  onOcrProgress?: (path: string, progress: OcrProgress) => void;
  /** Where the stages after extraction run (content threads); on this thread without one. */
  content?: ContentRunner;
  /** Writes sources in groups (see write-group.ts); without one, each is stored and indexed at once. */
  group?: WriteGroup;
}

/** Reads a file unless it is over the size limit, which is recorded without reading it into memory. */
export async function readSource(path: string, maxBytes: number): Promise<{ meta: SourceMeta; bytes: Buffer }> {
  // One open for the size check and the read.
  const handle = await open(path, 'r');
  let bytes: Buffer;
  try {
    const info = await handle.stat();
    if (info.size > maxBytes) {
      const meta = { sha256: await sha256File(path), path, size: info.size };
      throw Object.assign(
        new PipelineError('TOO_LARGE', `file is ${info.size} bytes, over the ${maxBytes}-byte limit`, 'read'),
        { meta },
      );
    }
    bytes = await handle.readFile();
  } finally {
    await handle.close();
  }
  return { meta: { sha256: sha256(bytes), path, size: bytes.length }, bytes };
}

/**
 * Where a file or folder that could not be read at all is recorded: a source keyed by its path
 * (there are no bytes to hash), so `status` lists it and `retry` reads the path again.
 */
export function unreadableKey(path: string): string {
  return sha256(`unreadable:${path}`);
}

/** Records a file or folder that could not be read; its outcome for the summary. */
export function recordUnreadable(archive: Archive, path: string, failure: FailureInfo): FailedOutcome {
  archive.recordFailure({ sha256: unreadableKey(path), path, size: 0 }, failure);
  return { path, status: 'failed', sha256: null, failure };
}

/** Forgets that a path could not be read, now that it was. */
export function forgetUnreadable(archive: Archive, path: string): void {
  const key = unreadableKey(path);
  if (archive.source(key)) archive.forgetFailure(key);
}

/** Why reading a file failed: a file-system error in plain words, or the pipeline's own error. */
export function readError(err: unknown): FailureInfo {
  return err instanceof PipelineError || !(err as NodeJS.ErrnoException).code ? toFailure(err, 'read') : readFailure(err, 'file');
}

/**
 * Ingests the file at `path`: one outcome, or for a ZIP archive of files one per member (each a
 * source of its own, named `<archive>!/<member>`); an archive that cannot be unpacked at all is
 * one failure recorded on its own bytes.
 */
export async function ingestFile(path: string, ctx: IngestContext): Promise<FileOutcome[]> {
  let source;
  try {
    source = await readSource(path, ctx.options.maxBytes ?? DEFAULT_MAX_BYTES);
  } catch (err) {
    const meta = (err as { meta?: SourceMeta }).meta;
    return [meta ? recordFailed(ctx.archive, meta, toFailure(err, 'read')) : recordUnreadable(ctx.archive, path, readError(err))];
  }
  forgetUnreadable(ctx.archive, path);
  if (!isZipArchive(source.bytes, path)) return [await ingestBytes(source.meta, source.bytes, ctx)];
  const outcomes: FileOutcome[] = [];
  try {
    for (const member of unpackArchive(ctx.archive, source.meta, source.bytes, ctx.options)) {
      outcomes.push('failure' in member ? member : await ingestBytes(member.meta, member.bytes, ctx));
    }
  } catch (err) {
    outcomes.push(recordFailed(ctx.archive, source.meta, toFailure(err, 'extract')));
  }
  return outcomes;
}

/** A member of an archive ready to ingest, or its recorded failure. */
export type UnpackedMember = { meta: SourceMeta; bytes: Buffer } | FailedOutcome;

/**
 * The members of a ZIP archive, one at a time, for both runners. A member that cannot be unpacked
 * has no bytes to hash: its failure is recorded under its path, as an unreadable file's is. Throws
 * when the archive as a whole cannot be unpacked.
 */
export function* unpackArchive(archive: Archive, zip: SourceMeta, bytes: Buffer, options: ProcessOptions): Generator<UnpackedMember> {
  for (const member of zipMembers(bytes, zip.path, { maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES, ...(options.zip ? { zip: options.zip } : {}) })) {
    if ('failure' in member) {
      yield recordUnreadable(archive, member.path, member.failure);
      continue;
    }
    forgetUnreadable(archive, member.path);
    yield { meta: { sha256: sha256(member.bytes), path: member.path, size: member.bytes.length }, bytes: member.bytes };
  }
}

/** Records a source's failure on its bytes; its outcome for the summary. */
export function recordFailed(archive: Archive, meta: SourceMeta, failure: FailureInfo): FailedOutcome {
  archive.recordFailure(meta, failure);
  return { path: meta.path, status: 'failed', sha256: meta.sha256, failure };
}

/** Ingests one source's bytes: unchanged when archived already, else processed, stored and indexed, or its failure recorded. */
async function ingestBytes(meta: SourceMeta, bytes: Buffer, ctx: IngestContext): Promise<FileOutcome> {
  const { path } = meta;
  try {
    const known = ctx.archive.source(meta.sha256);
    if (known?.status === 'ok') {
      ctx.archive.saveSourcePath(meta);
      return { path, status: 'unchanged', sha256: meta.sha256, documents: ctx.archive.documentsOf(meta.sha256) };
    }
    // The original is packed on libuv's pool while the file is extracted and processed; it is in the
    // store before anything of the source is recorded, and its failure comes first, as it would alone.
    const kept = ctx.blobs.put(bytes, meta.sha256);
    kept.catch(() => undefined);
    let result;
    try {
      const tell = ctx.onOcrProgress;
      const extraction = await extractSource({ path, bytes }, tell ? { ...ctx.options, onOcrPage: (p) => tell(path, p) } : ctx.options);
      const { level } = ctx.options;
      result = await (ctx.content ?? inProcess)({ path, extraction, ...(level ? { level } : {}), prepareIndex: ctx.group?.prepares ?? false });
    } catch (err) {
      await kept;
      throw err;
    }
    await kept;
    if (ctx.group) return ctx.group.store(meta, result);
    // Asked for no index rows, the source came whole.
    if (result.prepared !== null) throw new Error('the content stages made index rows no group asked for');
    const { processed, packed } = result;
    const saved = ctx.archive.saveSource(meta, processed, null, packed);
    crashPoint('after-store');
    // Past this point the source is stored: an index failure is reported, never recorded as its failure.
    const indexError = await indexSource(ctx.engine, ctx.archive, meta.sha256, processed.documents);
    return { path, status: 'stored', sha256: meta.sha256, ...saved, ...(indexError ? { indexError } : {}) };
  } catch (err) {
    return recordFailed(ctx.archive, meta, toFailure(err, 'read'));
  }
}
