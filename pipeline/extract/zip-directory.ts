/**
 * Reading a ZIP's central directory (at the end of the file) without inflating anything: entry
 * names, compression method, packed and unpacked sizes as the archive declares them, and where each
 * entry's data starts. ZIP64 sizes and offsets are read from their extra field.
 * @module
 */

export interface ZipDirectoryEntry {
  /** Decoded as its archive wrote it: UTF-8, or GB18030 for a name from Chinese Windows (see {@link entryName}). */
  name: string;
  /** General-purpose flags: bit 0 encrypted, bit 11 UTF-8 name. */
  flags: number;
  /** 0 stored, 8 deflated. */
  method: number;
  /** CRC-32 of the unpacked data. */
  crc: number;
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
const UTF8_NAME = 0x0800;
/** Info-ZIP's Unicode Path extra field: the name in UTF-8 beside a name in the local code page. */
const UNICODE_PATH = 0x7075;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const gb18030 = new TextDecoder('gb18030');

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
  const zip64 = extraField(bytes, extraStart, extraEnd, 1);
  if (!zip64) return;
  let field = zip64[0];
  for (const key of ['uncompressedSize', 'compressedSize', 'localOffset'] as const) {
    if (entry[key] !== MAX32 || field + 8 > zip64[1]) continue;
    entry[key] = readU64(bytes, field);
    field += 8;
  }
}

/** The extra field `id` of an entry, as [start, end) of its data, or null when it has none. */
function extraField(bytes: Buffer, start: number, end: number, id: number): [number, number] | null {
  for (let at = start; at + 4 <= end; at += 4 + bytes.readUInt16LE(at + 2)) {
    if (bytes.readUInt16LE(at) === id) return [at + 4, Math.min(end, at + 4 + bytes.readUInt16LE(at + 2))];
  }
  return null;
}

/**
 * An entry's name. The ZIP spec says names are UTF-8 when flag bit 11 is set and CP437 otherwise,
 * but archivers write their system's code page without the flag: Info-ZIP on Linux writes UTF-8,
 * Windows' own zipper on a Chinese system writes GBK. So: the flag, or an Info-ZIP Unicode Path
 * field, means UTF-8; bytes that are valid UTF-8 are taken as such (GBK text hardly ever is);
 * anything else is read as GB18030, the superset of GBK.
 */
function entryName(bytes: Buffer, at: number, length: number, flags: number, extra: [number, number]): string {
  const raw = bytes.subarray(at, at + length);
  if (flags & UTF8_NAME || raw.every((b) => b < 0x80)) return raw.toString('utf8');
  const unicode = extraField(bytes, extra[0], extra[1], UNICODE_PATH);
  // Version 1, CRC-32 of the name it stands for, then the UTF-8 name.
  if (unicode && unicode[1] - unicode[0] > 5 && bytes[unicode[0]] === 1) return bytes.toString('utf8', unicode[0] + 5, unicode[1]);
  try {
    return strictUtf8.decode(raw);
  } catch {
    return gb18030.decode(raw);
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
        const flags = bytes.readUInt16LE(at + 8);
        const extraStart = at + 46 + nameLength;
        const extraEnd = Math.min(bytes.length, extraStart + extraLength);
        const entry: ZipDirectoryEntry = {
          name: entryName(bytes, at + 46, nameLength, flags, [extraStart, extraEnd]),
          flags,
          method: bytes.readUInt16LE(at + 10),
          crc: bytes.readUInt32LE(at + 16),
          compressedSize: bytes.readUInt32LE(at + 20),
          uncompressedSize: bytes.readUInt32LE(at + 24),
          localOffset: bytes.readUInt32LE(at + 42),
        };
        zip64Fields(bytes, extraStart, extraEnd, entry);
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
