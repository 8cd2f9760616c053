/**
 * ZIP archives of files (a folder an office zipped and sent): not a format but a container, so
 * each member is ingested as a source of its own, named `<archive path>!/<name inside>`. The
 * archive's limits (entry count, unpacked total) are checked from its central directory before
 * anything is inflated, as for every ZIP-based format (zip-limits.ts). A member is one file, so it
 * may unpack to `maxBytes` like a file on disk; one that packs like a bomb, is encrypted, damaged,
 * or is itself a ZIP archive (one level is unpacked, no more) fails alone while the others go on.
 * Members are inflated one at a time, each no further than its directory declares.
 * @module
 */
import { crc32 } from 'node:zlib';
import { PipelineError, type ErrorCode, type FailureInfo } from '../errors.js';
import { EXTRACTORS, extensionOf } from './registry.js';
import { sniff } from './sniff.js';
import { zipDirectory, type ZipDirectoryEntry } from './zip-directory.js';
import { inflateEntry } from './zip-entries.js';
import { checkArchiveLimits, entryOverLimit, resolveLimits, type EntryCap, type ZipLimits } from './zip-limits.js';

/** A member's bytes, or why it could not be unpacked. */
export type ZipMember = { path: string; bytes: Buffer } | { path: string; failure: FailureInfo };

export interface UnpackOptions {
  /** Largest unpacked size of one member (the batch's file limit). */
  maxBytes: number;
  /** The archive's own limits over their defaults. */
  zip?: Partial<ZipLimits>;
}

/** Between an archive's path and a member's name, as in `公文.zip!/2019/意见.docx` (as Java names a jar's entries). */
const MEMBER_MARK = '!/';

export function memberPath(archive: string, name: string): string {
  return `${archive}${MEMBER_MARK}${name}`;
}

/** The archive a member's path names, or null when the path is not a member's. */
export function archiveOf(path: string): string | null {
  const at = path.indexOf(MEMBER_MARK);
  return at > 0 ? path.slice(0, at) : null;
}

/**
 * True when the bytes are a plain ZIP archive to unpack: not a DOCX or OFD (nor a workbook or
 * another ZIP-based format), and not named as a format we read, which makes it that file, damaged.
 */
export function isZipArchive(bytes: Buffer, path: string): boolean {
  if (sniff(bytes).kind !== 'archive') return false;
  const ext = extensionOf(path);
  return !EXTRACTORS.some((e) => e.extensions.includes(ext));
}

/** A folder entry, or a hidden file or folder (`.DS_Store`, macOS's `__MACOSX/` forks), skipped as the walk skips hidden files. */
function isHiddenOrFolder(e: ZipDirectoryEntry): boolean {
  return e.name.endsWith('/') || e.name.split('/').some((part) => part.startsWith('.') || part === '__MACOSX');
}

function failed(path: string, code: ErrorCode, message: string): ZipMember {
  return { path, failure: { code, message, stage: 'extract' } };
}

/** One member inflated and checked, or its failure. */
function unpack(bytes: Buffer, e: ZipDirectoryEntry, path: string, limits: ZipLimits, cap: EntryCap): ZipMember {
  if (e.flags & 1) return failed(path, 'ENCRYPTED', `the ZIP entry ${e.name} is encrypted (password-protected); it cannot be read without its password`);
  const over = entryOverLimit(e, limits, cap);
  if (over) return failed(path, 'TOO_LARGE', over);
  let data: Buffer;
  try {
    data = inflateEntry(bytes, e);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      return failed(path, 'TOO_LARGE', `the ZIP entry ${e.name} inflates to more than the ${e.uncompressedSize} bytes its directory declares: a ZIP bomb`);
    }
    return failed(path, 'CORRUPT_FILE', `the ZIP entry ${e.name} is damaged (${err instanceof Error ? err.message : String(err)})`);
  }
  if (data.length !== e.uncompressedSize || crc32(data) !== e.crc) {
    return failed(path, 'CORRUPT_FILE', `the ZIP entry ${e.name} is damaged: it does not unpack to the size and checksum its directory records`);
  }
  if (isZipArchive(data, e.name)) {
    return failed(path, 'UNSUPPORTED_FORMAT', `the ZIP entry ${e.name} is itself a ZIP archive, which is not unpacked (one level only): unpack it and ingest its files`);
  }
  return { path, bytes: data };
}

/**
 * The members of the ZIP archive at `path`, inflated one by one as they are iterated. Throws a
 * PipelineError for the archive as a whole: cut off (CORRUPT_FILE), over the entry count or the
 * unpacked total (TOO_LARGE), or holding no file (EMPTY_FILE).
 */
export function zipMembers(bytes: Buffer, path: string, opts: UnpackOptions): Iterable<ZipMember> {
  const directory = zipDirectory(bytes);
  if (!directory) {
    throw new PipelineError('CORRUPT_FILE', 'the ZIP archive is cut off: the directory at its end is missing (truncated download or copy?)', 'extract');
  }
  const limits = resolveLimits(opts.zip ?? {});
  // A member over its own limit fails alone, so only the members that will be inflated count towards the total.
  const cap: EntryCap = { bytes: opts.maxBytes, option: 'maxBytes' };
  const files = checkArchiveLimits(directory, limits, (e) => !isHiddenOrFolder(e) && !entryOverLimit(e, limits, cap))
    .filter((e) => !isHiddenOrFolder(e));
  if (files.length === 0) throw new PipelineError('EMPTY_FILE', 'the ZIP archive holds no files', 'extract');
  return (function* () {
    for (const e of files) yield unpack(bytes, e, memberPath(path, e.name), limits, cap);
  })();
}
