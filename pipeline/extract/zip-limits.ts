/**
 * Guards against ZIP bombs for every ZIP-based format (DOCX, OFD, and .zip archives of files): a
 * small file whose entries inflate to hundreds of megabytes would exhaust the heap of the library
 * that opens it. Before any library inflates anything, the central directory's entry count,
 * unpacked sizes and packing ratios are checked against limits; then each entry is inflated as a
 * stream that is only counted, never kept, and stopped as soon as it outgrows what the directory
 * declared, which catches an archive that lies about its sizes. A file over a limit fails alone
 * with TOO_LARGE naming the limit, recorded on its source like any bad input.
 * @module
 */
import { createInflateRaw } from 'node:zlib';
import { PipelineError } from '../errors.js';
import { humanBytes } from './sizes.js';
import { packedData, zipDirectory, type ZipDirectory, type ZipDirectoryEntry } from './zip-directory.js';

export interface ZipLimits {
  /**
   * Most entries an archive may hold (a DOCX has a few dozen).
   * @defaultValue 10,000
   */
  maxEntries: number;
  /**
   * Largest unpacked size of one entry. A DOCX's text is in one entry (word/document.xml), and
   * mammoth holds about ten times its size while converting it: 32 MiB of XML is a book of some
   * thousand pages, and stays within a few hundred MB.
   * @defaultValue 32 MiB
   */
  maxEntryBytes: number;
  /**
   * Largest unpacked size of all entries together (images count too).
   * @defaultValue 128 MiB
   */
  maxTotalBytes: number;
  /**
   * Largest unpacked:packed ratio of an entry that unpacks to more than {@link RATIO_FLOOR}.
   * Word XML packs 5–50 times; bombs pack hundreds to thousands of times.
   * @defaultValue 100
   */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: Readonly<ZipLimits> = {
  maxEntries: 10_000,
  maxEntryBytes: 32 * 1024 * 1024,
  maxTotalBytes: 128 * 1024 * 1024,
  maxRatio: 100,
};

/** Entries smaller than this unpacked are harmless whatever their ratio (an empty part packs to almost nothing). */
export const RATIO_FLOOR = 1024 * 1024;

const DEFLATED = 8;

export function tooLarge(message: string): PipelineError {
  return new PipelineError('TOO_LARGE', message, 'extract');
}

export function resolveLimits(limits: Partial<ZipLimits>): ZipLimits {
  const resolved = { ...DEFAULT_ZIP_LIMITS, ...limits };
  for (const [name, value] of Object.entries(resolved)) {
    if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`zip.${name} must be a positive number, got ${value}`);
  }
  return resolved;
}

/** The most one entry may unpack to, and the option that sets it (named in the error). */
export interface EntryCap {
  bytes: number;
  option: string;
}

/**
 * Why one entry may not be inflated, from its directory record: it unpacks to more than `cap`
 * (by default zip.maxEntryBytes), or packs like a bomb. Null when it may.
 */
export function entryOverLimit(e: ZipDirectoryEntry, limits: ZipLimits, cap: EntryCap = { bytes: limits.maxEntryBytes, option: 'zip.maxEntryBytes' }): string | null {
  if (e.uncompressedSize > cap.bytes) {
    return `the ZIP entry ${e.name} unpacks to ${humanBytes(e.uncompressedSize)}, over the ${humanBytes(cap.bytes)} limit per entry (${cap.option})`;
  }
  const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
  if (e.uncompressedSize > RATIO_FLOOR && ratio > limits.maxRatio) {
    return `the ZIP entry ${e.name} unpacks to ${Math.round(ratio)} times its packed size, over the limit of ${limits.maxRatio} (zip.maxRatio): a ZIP bomb`;
  }
  return null;
}

/**
 * The limits of the archive as a whole, from its directory: the entry count (from the end record,
 * before any entry is read) and the unpacked total of the entries `admit` lets in (it may throw to
 * refuse the archive for one entry). Throws TOO_LARGE; returns every entry.
 */
export function checkArchiveLimits(directory: ZipDirectory, limits: ZipLimits, admit: (e: ZipDirectoryEntry) => boolean): ZipDirectoryEntry[] {
  if (directory.declaredCount > limits.maxEntries) {
    throw tooLarge(`the ZIP archive holds ${directory.declaredCount} entries, over the limit of ${limits.maxEntries} (zip.maxEntries)`);
  }
  const entries: ZipDirectoryEntry[] = [];
  let total = 0;
  for (const e of directory.entries()) {
    if (admit(e)) total += e.uncompressedSize;
    if (total > limits.maxTotalBytes) {
      throw tooLarge(`the ZIP archive unpacks to more than ${humanBytes(limits.maxTotalBytes)} in all, over the limit (zip.maxTotalBytes)`);
    }
    entries.push(e);
  }
  return entries;
}

/**
 * The most one entry may unpack to: zip.maxEntryBytes, or half the memory budget where that is less
 * (an entry's inflated bytes and the text decoded from them are held at once).
 */
function entryCap(limits: ZipLimits, memoryMb: number | undefined): EntryCap {
  const half = memoryMb === undefined ? Infinity : (memoryMb * 1024 * 1024) / 2;
  return half < limits.maxEntryBytes
    ? { bytes: half, option: `half the ${memoryMb} MiB memory budget (extractMemoryMb): its bytes and its text are held at once` }
    : { bytes: limits.maxEntryBytes, option: 'zip.maxEntryBytes' };
}

/** The directory's own claims, checked entry by entry; returns its entries. */
function checkDirectory(bytes: Buffer, limits: ZipLimits, memoryMb: number | undefined): ZipDirectoryEntry[] {
  const directory = zipDirectory(bytes);
  // No directory to read: the format's library fails on it as a damaged file, inflating nothing.
  if (!directory) return [];
  return checkArchiveLimits(directory, limits, (e) => {
    const problem = entryOverLimit(e, limits, entryCap(limits, memoryMb));
    if (problem) throw tooLarge(problem);
    return true;
  });
}

/**
 * How many bytes packed data inflates to, counting up to `cap` and stopping there: chunks are
 * counted and dropped, so memory stays at one chunk. Damaged data counts as what it gave before
 * the damage (the format's library reports the damage).
 */
function inflatedSize(packed: Buffer, cap: number): Promise<number> {
  return new Promise((resolve) => {
    const inflate = createInflateRaw();
    let size = 0;
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > cap) {
        inflate.destroy();
        resolve(size);
      }
    });
    inflate.on('end', () => resolve(size));
    inflate.on('error', () => resolve(size));
    inflate.end(packed);
  });
}

/**
 * Throws TOO_LARGE when a ZIP archive is over a limit (or an entry over half the memory budget the
 * extraction runs under) or inflates to more than it declares. `checkEntries`, a format's own check
 * of the directory's records (a DOCX's XML against the budget, docx-budget.ts), runs after the
 * limits and before anything is inflated.
 * Call before handing the bytes to a library that inflates them.
 */
export async function checkZipLimits(
  bytes: Buffer,
  limits: Partial<ZipLimits> = {},
  memoryMb?: number,
  checkEntries?: (entries: readonly ZipDirectoryEntry[]) => void,
): Promise<void> {
  const entries = checkDirectory(bytes, resolveLimits(limits), memoryMb);
  checkEntries?.(entries);
  for (const e of entries) {
    if (e.method !== DEFLATED) continue;
    const packed = packedData(bytes, e);
    if (!packed) continue;
    const size = await inflatedSize(packed, e.uncompressedSize);
    if (size > e.uncompressedSize) {
      throw tooLarge(`the ZIP entry ${e.name} inflates to more than the ${humanBytes(e.uncompressedSize)} its directory declares: a ZIP bomb`);
    }
  }
}
