/**
 * Reading entries of a ZIP whose limits have been checked (zip-limits.ts): each entry is inflated
 * on demand, capped at the size its directory declares, so an archive that lies about a size
 * fails instead of growing. Used by formats we unpack ourselves (OFD).
 * @module
 */
import { inflateRawSync } from 'node:zlib';
import { packedData, zipDirectory, type ZipDirectoryEntry } from './zip-directory.js';

const STORED = 0;
const DEFLATED = 8;

export interface ZipEntries {
  /** Entry names as the archive spells them, without a leading slash. */
  names: readonly string[];
  /** True when some entry is encrypted (general-purpose flag bit 0 of its local header). */
  encrypted: boolean;
  /** The entry's bytes, or null when there is no such entry; throws when its data is damaged. */
  read(name: string): Buffer | null;
}

/** The archive's entries, or null when it has no readable central directory (cut off or damaged). */
export function zipEntries(bytes: Buffer): ZipEntries | null {
  const directory = zipDirectory(bytes);
  if (!directory) return null;
  const byName = new Map([...directory.entries()].map((e) => [e.name.replace(/^\/+/, ''), e]));
  const encrypted = [...byName.values()].some((e) => e.localOffset + 8 <= bytes.length && (bytes.readUInt16LE(e.localOffset + 6) & 1) === 1);
  return {
    names: [...byName.keys()],
    encrypted,
    read(name) {
      const entry = byName.get(name.replace(/^\/+/, ''));
      return entry ? inflateEntry(bytes, entry) : null;
    },
  };
}

/**
 * One entry's bytes, inflated no further than its directory declares (zlib then stops with a
 * RangeError, ERR_BUFFER_TOO_LARGE); throws when its data is cut off or packed another way.
 */
export function inflateEntry(bytes: Buffer, entry: ZipDirectoryEntry): Buffer {
  const packed = packedData(bytes, entry);
  if (!packed || packed.length < entry.compressedSize) throw new Error(`the data of ${entry.name} is cut off`);
  if (entry.method === STORED) return packed;
  if (entry.method !== DEFLATED) throw new Error(`${entry.name} is packed with method ${entry.method}, which is not ZIP's deflate`);
  return inflateRawSync(packed, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
}
