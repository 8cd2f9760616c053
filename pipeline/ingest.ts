/**
 * Ingesting one file into the archive: size check, content hash, duplicate check before any work,
 * the content stages, one transaction to store — or the failure recorded on the source.
 * @module
 */
import { open } from 'node:fs/promises';
import { PipelineError, toFailure, type FailureInfo } from './errors.js';
import { DEFAULT_MAX_BYTES, processSource, type ProcessOptions } from './flow.js';
import { indexDocuments } from './indexing.js';
import type { SearchEngine } from './search/types.js';
import type { Archive, NearDuplicate, SourceMeta } from './store/archive.js';
import { BlobStore, sha256, sha256File } from './store/blobs.js';

export type FileOutcome =
  | { path: string; status: 'stored'; sha256: string; added: string[]; documents: string[]; nearDuplicates?: NearDuplicate[] }
  | { path: string; status: 'unchanged'; sha256: string; documents: string[] }
  | { path: string; status: 'failed'; sha256: string | null; failure: FailureInfo };

export interface IngestContext {
  archive: Archive;
  blobs: BlobStore;
  options: ProcessOptions;
  /** Where stored documents are indexed; without one, `wenshi reindex` catches up later. */
  engine?: SearchEngine;
}

/** Indexing after the archive holds the documents; an engine that fails is a transient fault. */
export async function indexStage(engine: SearchEngine | undefined, documents: Parameters<typeof indexDocuments>[1]): Promise<void> {
  if (!engine) return;
  try {
    await indexDocuments(engine, documents);
  } catch (err) {
    throw new PipelineError('TRANSIENT', `search index not updated: ${err instanceof Error ? err.message : String(err)}`, 'index', { cause: err });
  }
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

export async function ingestFile(path: string, ctx: IngestContext): Promise<FileOutcome> {
  const maxBytes = ctx.options.maxBytes ?? DEFAULT_MAX_BYTES;
  let meta: SourceMeta | null = null;
  try {
    const source = await readSource(path, maxBytes);
    meta = source.meta;
    const known = ctx.archive.source(meta.sha256);
    if (known?.status === 'ok') {
      ctx.archive.saveSourcePath(meta);
      return { path, status: 'unchanged', sha256: meta.sha256, documents: ctx.archive.documentsOf(meta.sha256) };
    }
    await ctx.blobs.put(source.bytes, meta.sha256);
    const processed = await processSource({ path, bytes: source.bytes }, ctx.options);
    const saved = ctx.archive.saveSource(meta, processed);
    await indexStage(ctx.engine, processed.documents);
    return { path, status: 'stored', sha256: meta.sha256, ...saved };
  } catch (err) {
    meta ??= (err as { meta?: SourceMeta }).meta ?? null;
    const failure = toFailure(err, 'read');
    if (meta) ctx.archive.recordFailure(meta, failure);
    return { path, status: 'failed', sha256: meta?.sha256 ?? null, failure };
  }
}
