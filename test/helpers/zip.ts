/**
 * Builds ZIP files (DOCX, archives of files, and their bombs) in memory with Node's zlib, so no huge fixture is
 * committed: entries are deflated, and a test may make the central directory lie about sizes.
 * @module
 */
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { zipEntries } from '../../pipeline/extract/zip-entries.js';

/** An entry's data already deflated, with its real unpacked size and checksum. */
export interface Deflated {
  packed: Buffer;
  size: number;
  crc: number;
}

export interface ZipEntry {
  name: string;
  data: Buffer | string | Deflated;
  /** What the headers claim the entry inflates to, instead of its real size (a lying bomb). */
  claimedSize?: number;
  /** Written in GB18030 without the UTF-8 flag, as Windows' zipper on a Chinese system writes names. */
  gbkName?: boolean;
  /** Flagged as encrypted (bit 0), as a password-protected entry is. */
  encrypted?: boolean;
}

function deflated(data: Buffer | string | Deflated): Deflated {
  if (!Buffer.isBuffer(data) && typeof data !== 'string') return data;
  const raw = Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8');
  return { packed: deflateRawSync(raw, { level: 9 }), size: raw.length, crc: crc32(raw) };
}

/**
 * `head`, then `chunk` repeated `times`, then `tail`, deflated as a stream: hundreds of megabytes
 * unpacked are never held in memory, only their packed form.
 */
export async function deflateRepeated(head: string, chunk: string, times: number, tail: string): Promise<Deflated> {
  const stream = createDeflateRaw({ level: 9, chunkSize: 64 * 1024 });
  const out: Buffer[] = [];
  stream.on('data', (b: Buffer) => out.push(b));
  const done = new Promise<void>((resolve, reject) => stream.on('end', resolve).on('error', reject));
  const perBlock = Math.max(1, Math.floor(65536 / Buffer.byteLength(chunk)));
  const block = Buffer.from(chunk.repeat(perBlock), 'utf8');
  let crc = 0;
  let size = 0;
  const write = async (b: Buffer) => {
    crc = crc32(b, crc);
    size += b.length;
    if (!stream.write(b)) await new Promise((resolve) => stream.once('drain', resolve));
  };
  await write(Buffer.from(head, 'utf8'));
  for (let left = times; left > 0; left -= perBlock) await write(left >= perBlock ? block : Buffer.from(chunk.repeat(left), 'utf8'));
  await write(Buffer.from(tail, 'utf8'));
  stream.end();
  await done;
  return { packed: Buffer.concat(out), size, crc };
}

/** `length` zero bytes with little-endian fields written in: [offset, value, width in bytes]. */
function header(length: number, fields: readonly [number, number, 2 | 4][]): Buffer {
  const b = Buffer.alloc(length);
  for (const [at, value, width] of fields) {
    if (width === 2) b.writeUInt16LE(value, at);
    else b.writeUInt32LE(value, at);
  }
  return b;
}

/** A ZIP archive of the entries, each deflated, with local headers and a central directory. */
export function buildZip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const { packed, size: realSize, crc } = deflated(e.data);
    const name = e.gbkName ? iconv.encode(e.name, 'gb18030') : Buffer.from(e.name, 'utf8');
    const size = e.claimedSize ?? realSize;
    // Version 2.0, UTF-8 names (bit 11) unless GBK, encrypted (bit 0) if asked, deflate (8).
    const flags = (e.gbkName ? 0 : 0x0800) | (e.encrypted ? 1 : 0);
    const local = header(30, [[0, 0x04034b50, 4], [4, 20, 2], [6, flags, 2], [8, 8, 2], [14, crc, 4], [18, packed.length, 4],
      [22, size, 4], [26, name.length, 2]]);
    const entry = header(46, [[0, 0x02014b50, 4], [4, 20, 2], [6, 20, 2], [8, flags, 2], [10, 8, 2], [16, crc, 4],
      [20, packed.length, 4], [24, size, 4], [28, name.length, 2], [42, offset, 4]]);
    locals.push(local, name, packed);
    central.push(entry, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = header(22, [[0, 0x06054b50, 4], [8, entries.length, 2], [10, entries.length, 2], [12, directory.length, 4], [16, offset, 4]]);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;

const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

/** word/document.xml around its body. */
export const DOCUMENT_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>';
export const DOCUMENT_TAIL = '</w:body></w:document>';

/** One paragraph of word/document.xml. */
export function paragraph(text: string): string {
  return `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;
}

/** A minimal DOCX whose document.xml is `xml` (claimed to be `claimedSize` bytes, if given). */
export function buildDocx(xml: string | Buffer | Deflated, claimedSize?: number): Buffer {
  return buildZip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: '_rels/.rels', data: RELS },
    { name: 'word/document.xml', data: xml, ...(claimedSize !== undefined ? { claimedSize } : {}) },
  ]);
}

/**
 * A real DOCX (made by Word or LibreOffice) lengthened to about `xmlBytes` of word/document.xml: its
 * body (or `body`, XML of paragraphs) repeated before its section properties, its other parts kept.
 * Streamed, so only the packed document is held.
 */
export async function lengthenDocx(docx: Buffer, xmlBytes: number, body?: string): Promise<Buffer> {
  const parts = zipEntries(docx);
  const xml = parts?.read('word/document.xml')?.toString('utf8');
  const open = xml?.indexOf('<w:body>') ?? -1;
  const close = xml?.lastIndexOf('<w:sectPr') ?? -1;
  if (!parts || !xml || open < 0 || close < open) throw new Error('not a DOCX with a body and section properties');
  const head = xml.slice(0, open + '<w:body>'.length);
  const tail = xml.slice(close);
  const chunk = body ?? xml.slice(head.length, close);
  // Whole copies of the body, then as many of its first paragraphs as come closest to the size.
  const room = xmlBytes - Buffer.byteLength(head) - Buffer.byteLength(tail);
  const times = Math.max(1, Math.floor(room / Buffer.byteLength(chunk)));
  const rest = Buffer.from(chunk, 'utf8').subarray(0, Math.max(0, room - times * Buffer.byteLength(chunk))).toString('utf8');
  const end = rest.lastIndexOf('</w:p>');
  const document = await deflateRepeated(head, chunk, times, (end < 0 ? '' : rest.slice(0, end + '</w:p>'.length)) + tail);
  return buildZip(parts.names.map((name) => ({ name, data: name === 'word/document.xml' ? document : parts.read(name)! })));
}
