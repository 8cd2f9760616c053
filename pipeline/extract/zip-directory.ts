/**
 * Reading a ZIP's central directory (at the end of the file) without inflating anything: entry
 * names, compression method, packed and unpacked sizes as the archive declares them, and where each
 * entry's data starts. ZIP64 sizes and offsets are read from their extra field.
 * @module
 */

export interface ZipDirectoryEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  /** What the directory claims the entry inflates to; a crafted archive may lie (see zip-limits). */
  uncompressedSize: number;
  /** Offset of the entry's local header. */
  localOffset: number;
}

export interface ZipDirectory {
  /** The entry count the end record declares (read before any entry is). */
  declaredCount: number;
  /** Reads the entries one by one, stopping at the first header that is not one. */
  entries(): Generator<ZipDirectoryEntry>;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const MAX32 = 0xffffffff;
const MAX16 = 0xffff;

function readU64(bytes: Buffer, at: number): number {
  return Number(bytes.readBigUInt64LE(at));
}

/** The end-of-central-directory record: the last one, within the 64 KiB a comment may take. */
function findEnd(bytes: Buffer): number {
  const at = bytes.lastIndexOf('PK\x05\x06', bytes.length - 22, 'latin1');
  return at >= 0 && at >= bytes.length - 22 - MAX16 && bytes.readUInt32LE(at) === EOCD ? at : -1;
}

/** Count and start of the directory, from the ZIP64 end record when the classic one is saturated. */
function directoryBounds(bytes: Buffer, end: number): { count: number; offset: number } {
  const count = bytes.readUInt16LE(end + 10);
  const offset = bytes.readUInt32LE(end + 16);
  const locator = end - 20;
  if ((count === MAX16 || offset === MAX32) && locator >= 0 && bytes.readUInt32LE(locator) === ZIP64_LOCATOR) {
    const record = readU64(bytes, locator + 8);
    if (record + 56 <= bytes.length && bytes.readUInt32LE(record) === ZIP64_EOCD) {
      return { count: readU64(bytes, record + 32), offset: readU64(bytes, record + 48) };
    }
  }
  return { count, offset };
}

/** Sizes and offset saturated at 0xFFFFFFFF are in the ZIP64 extra field (id 1), in this order. */
function zip64Fields(bytes: Buffer, extraStart: number, extraEnd: number, entry: ZipDirectoryEntry): void {
  for (let at = extraStart; at + 4 <= extraEnd; at += 4 + bytes.readUInt16LE(at + 2)) {
    if (bytes.readUInt16LE(at) !== 1) continue;
    let field = at + 4;
    for (const key of ['uncompressedSize', 'compressedSize', 'localOffset'] as const) {
      if (entry[key] !== MAX32 || field + 8 > extraEnd) continue;
      entry[key] = readU64(bytes, field);
      field += 8;
    }
    return;
  }
}

/** The central directory, or null when there is none to read (a cut-off or damaged file). */
export function zipDirectory(bytes: Buffer): ZipDirectory | null {
  const end = findEnd(bytes);
  if (end < 0) return null;
  const { count, offset } = directoryBounds(bytes, end);
  return {
    declaredCount: count,
    *entries() {
      let at = offset;
      for (let i = 0; i < count && at + 46 <= bytes.length && bytes.readUInt32LE(at) === CENTRAL_HEADER; i++) {
        const nameLength = bytes.readUInt16LE(at + 28);
        const extraLength = bytes.readUInt16LE(at + 30);
        const entry: ZipDirectoryEntry = {
          name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
          method: bytes.readUInt16LE(at + 10),
          compressedSize: bytes.readUInt32LE(at + 20),
          uncompressedSize: bytes.readUInt32LE(at + 24),
          localOffset: bytes.readUInt32LE(at + 42),
        };
        const extraStart = at + 46 + nameLength;
        zip64Fields(bytes, extraStart, Math.min(bytes.length, extraStart + extraLength), entry);
        yield entry;
        at = extraStart + extraLength + bytes.readUInt16LE(at + 32);
      }
    },
  };
}

/** An entry's packed bytes (after its local header), or null when the header is not where the directory says. */
export function packedData(bytes: Buffer, entry: ZipDirectoryEntry): Buffer | null {
  const at = entry.localOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL_HEADER) return null;
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  return bytes.subarray(start, Math.min(bytes.length, start + entry.compressedSize));
}
