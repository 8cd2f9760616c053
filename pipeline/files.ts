/**
 * Expands the paths a user gave into files, recursively and in a stable order, without reading them.
 * Nothing met on the way ends the walk: a folder that cannot be read (or vanishes meanwhile) is a
 * failure of its own, anything that is not a file to read (a FIFO, the archive's own data folder)
 * is skipped with its reason, and symbolic links are followed, each folder walked once.
 * @module
 */
import type { Dirent, Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { PipelineError, type FailureInfo } from './errors.js';

/** One thing the walk met: a file to ingest, something skipped and why, or a folder it could not read. */
export type WalkEntry =
  | { kind: 'file'; path: string }
  | { kind: 'skipped'; path: string; reason: string }
  | { kind: 'failed'; path: string; failure: FailureInfo };

export interface WalkOptions {
  /**
   * The archive's data folder: never walked into, and of its files named one by one, the archive's
   * own (archive and index with their WAL, the content store) are not inputs. Files kept there for
   * ingesting (web uploads) still are. Any other folder holding an `archive.sqlite` is skipped too.
   * @defaultValue none
   */
  dataDir?: string;
}

/** The file that marks a folder as a wenshi data folder. */
const ARCHIVE_MARK = 'archive.sqlite';

/** The archive's own files at the top of a data folder: the archive and the index, with their journals. */
const OWN_FILE = /^(archive|search)\.sqlite(-wal|-shm|-journal)?$/;

/** Why a file or folder could not be read, as recorded on its source (stage `read`). */
export function readFailure(err: unknown, what: 'file' | 'folder'): FailureInfo {
  const code = (err as NodeJS.ErrnoException).code;
  const detail = err instanceof Error ? err.message : String(err);
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP') {
    return { code: 'NOT_FOUND', message: `the ${what} is gone or its link points nowhere (${detail})`, stage: 'read' };
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return { code: 'UNREADABLE', message: `the ${what} cannot be read: permission denied (${detail})`, stage: 'read' };
  }
  return { code: 'TRANSIENT', message: `the ${what} could not be read (${detail})`, stage: 'read' };
}

/** What a directory entry that is neither file nor folder is, for the reason it is skipped. */
function oddKind(info: { isFIFO(): boolean; isSocket(): boolean; isBlockDevice(): boolean; isCharacterDevice(): boolean }): string {
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  if (info.isBlockDevice() || info.isCharacterDevice()) return 'a device';
  return 'not a regular file';
}

function inside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder + sep);
}

/** Files under the given paths; hidden files and folders are skipped. A named path that does not exist is a usage error. */
export async function* walkFiles(paths: readonly string[], opts: WalkOptions = {}): AsyncGenerator<WalkEntry> {
  const data = opts.dataDir === undefined ? null : await realpath(opts.dataDir).catch(() => resolve(opts.dataDir!));
  const blobs = data && join(data, 'blobs');
  const ownFile = (real: string) => !!data && ((dirname(real) === data && OWN_FILE.test(basename(real))) || inside(real, blobs!));
  /** Real paths of the folders walked so far: a link back to one (a loop) is not followed again. */
  const walked = new Set<string>();

  async function* folder(path: string): AsyncGenerator<WalkEntry> {
    const real = await realpath(path).catch(() => path);
    if (real === data || (blobs && inside(real, blobs))) {
      yield { kind: 'skipped', path, reason: 'the archive’s own data folder' };
      return;
    }
    if (walked.has(real)) {
      yield { kind: 'skipped', path, reason: `a link to a folder already walked (${real})` };
      return;
    }
    walked.add(real);
    let entries;
    try {
      entries = await readdir(path, { withFileTypes: true });
    } catch (err) {
      yield { kind: 'failed', path, failure: readFailure(err, 'folder') };
      return;
    }
    if (entries.some((e) => e.name === ARCHIVE_MARK)) {
      yield { kind: 'skipped', path, reason: 'a wenshi data folder (it holds archive.sqlite)' };
      return;
    }
    for (const e of entries.filter((e) => !e.name.startsWith('.')).sort((a, b) => a.name.localeCompare(b.name))) {
      yield* entry(join(path, e.name), e);
    }
  }

  async function* entry(path: string, info: Stats | Dirent): AsyncGenerator<WalkEntry> {
    if (info.isSymbolicLink()) {
      // Followed: what the link points to decides, and a link to nothing is a failure of its own.
      let target;
      try {
        target = await stat(path);
      } catch (err) {
        yield { kind: 'failed', path, failure: readFailure(err, 'file') };
        return;
      }
      yield* entry(path, target);
    } else if (info.isDirectory()) yield* folder(path);
    else if (info.isFile()) {
      const real = await realpath(path).catch(() => path);
      if (ownFile(real)) yield { kind: 'skipped', path, reason: 'a file of the archive’s own data folder' };
      else yield { kind: 'file', path };
    } else yield { kind: 'skipped', path, reason: oddKind(info) };
  }

  for (const p of paths) {
    const full = resolve(p);
    const info = await stat(full).catch(() => null);
    if (!info) throw new PipelineError('NOT_FOUND', `no such file or folder: ${p}`, 'read');
    yield* entry(full, info);
  }
}
