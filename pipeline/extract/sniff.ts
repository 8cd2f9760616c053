/**
 * Content sniffing: what a file is, judged by its bytes (magic numbers, a ZIP's directory, markup,
 * text statistics), plus the one table that ranks how specific each kind of evidence is.
 * @module
 */
import { zipDirectory } from './zip-directory.js';

/**
 * What the bytes turned out to be. `binary` means "nothing recognisable", not a known format;
 * `archive` is a plain ZIP of files (unpacked by the ingest, see zip-archive.ts), `zip` one in a
 * ZIP-based format we do not read (a workbook, a deck, an OpenDocument file).
 */
export type ContentKind =
  | 'pdf' | 'docx' | 'ofd' | 'ole2' | 'rtf' | 'zip' | 'archive' | 'html' | 'markdown' | 'text' | 'image' | 'known' | 'binary' | 'empty';

export interface Sniffed {
  kind: ContentKind;
  /** A person-readable name of what was detected, used in error messages ("PNG image"). */
  label: string;
  /** The media type, for kinds whose signature tells it (page images). */
  mediaType?: string;
}

/**
 * How specific each kind of evidence is; the only place match scores come from. A signature
 * (magic bytes) beats markup found in text, which beats "decodes as text"; a file extension
 * counts only when the content itself is unrecognisable, so the error can name the format the
 * file claimed to be.
 */
export const SPECIFICITY = {
  signature: 100,
  markup: 50,
  text: 10,
  extension: 1,
} as const;

export type Evidence = keyof typeof SPECIFICITY;

/** The evidence each accepted content kind amounts to. */
const EVIDENCE: Partial<Record<ContentKind, Evidence>> = {
  pdf: 'signature',
  docx: 'signature',
  ofd: 'signature',
  ole2: 'signature',
  rtf: 'signature',
  image: 'signature',
  html: 'markup',
  markdown: 'markup',
  text: 'text',
};

/**
 * Builds an extractor's `match`: full score when the content is one of `kinds`, the extension
 * score when the content is unrecognisable but the name claims one of `extensions`, else -1.
 */
export function matcher(kinds: readonly ContentKind[], extensions: readonly string[]) {
  return (head: Buffer, ext: string): number => {
    const { kind } = sniff(head);
    const evidence = EVIDENCE[kind];
    if (evidence && kinds.includes(kind)) return SPECIFICITY[evidence];
    if (kind === 'binary' && extensions.includes(ext)) return SPECIFICITY.extension;
    return -1;
  };
}

/**
 * Leading bytes of formats we recognise; `at` is the byte offset of the signature. Two-letter
 * signatures (BMP `BM`, EXE `MZ`) are left out: plain text can start with them.
 */
const SIGNATURES: readonly { bytes: string; at?: number; kind: ContentKind; label: string; mediaType?: string }[] = [
  { bytes: 'PK\x03\x04', kind: 'zip', label: 'ZIP archive' },
  { bytes: 'PK\x05\x06', kind: 'zip', label: 'ZIP archive' },
  { bytes: '\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1', kind: 'ole2', label: 'legacy Office document (.doc/.wps/.xls/.ppt, OLE2)' },
  // Page images, read by OCR.
  { bytes: '\x89PNG\r\n\x1A\n', kind: 'image', label: 'PNG image', mediaType: 'image/png' },
  { bytes: '\xFF\xD8\xFF', kind: 'image', label: 'JPEG image', mediaType: 'image/jpeg' },
  { bytes: 'II*\x00', kind: 'image', label: 'TIFF image', mediaType: 'image/tiff' },
  { bytes: 'MM\x00*', kind: 'image', label: 'TIFF image', mediaType: 'image/tiff' },
  { bytes: 'GIF87a', kind: 'known', label: 'GIF image' },
  { bytes: 'GIF89a', kind: 'known', label: 'GIF image' },
  { bytes: 'WEBP', at: 8, kind: 'known', label: 'WebP image' },
  { bytes: '\x1F\x8B', kind: 'known', label: 'gzip archive' },
  { bytes: 'Rar!\x1A\x07', kind: 'known', label: 'RAR archive' },
  { bytes: '7z\xBC\xAF\x27\x1C', kind: 'known', label: '7-Zip archive' },
  { bytes: '{\\rtf', kind: 'rtf', label: 'RTF document' },
  { bytes: '\x7FELF', kind: 'known', label: 'executable program' },
];

/**
 * `%PDF-1.x` at the start, or after some junk within the first KiB (PDF 32000-1, annex H) as long
 * as it starts a line, so a text that merely mentions it is not taken for a PDF.
 */
const PDF_HEADER = /(?:^|[\r\n\0])%PDF-\d/;

/** Bytes of the head that content sniffing reads; enough for signatures, markup and statistics. */
const HEAD = 4096;

/**
 * Says what `bytes` hold. Looks at the first few KiB, and for a ZIP at its central directory
 * (at the end of the file) to tell a Word document from any other archive. Never copies.
 */
export function sniff(bytes: Buffer): Sniffed {
  let sniffed = sniffedBytes.get(bytes);
  if (!sniffed) {
    sniffed = sniffOnce(bytes);
    sniffedBytes.set(bytes, sniffed);
  }
  return sniffed;
}

/**
 * What each buffer was found to hold: choosing an extractor asks every extractor, and each sniffs
 * the same bytes (60 of 66 ms of picking the extractors of 359 scale-corpus files). Read bytes are
 * never changed in place.
 */
const sniffedBytes = new WeakMap<Buffer, Sniffed>();

function sniffOnce(bytes: Buffer): Sniffed {
  if (bytes.length === 0) return { kind: 'empty', label: 'empty file' };
  const head = bytes.subarray(0, HEAD);
  if (PDF_HEADER.test(head.toString('latin1', 0, 1024))) return { kind: 'pdf', label: 'PDF document' };
  const signature = SIGNATURES.find((s) => head.toString('latin1', s.at ?? 0, (s.at ?? 0) + s.bytes.length) === s.bytes);
  if (signature?.kind === 'zip') return sniffZip(bytes);
  if (signature) return { kind: signature.kind, label: signature.label, ...(signature.mediaType && { mediaType: signature.mediaType }) };
  const text = headText(head);
  if (text === null) return { kind: 'binary', label: 'binary data' };
  if (looksLikeHtml(text)) return { kind: 'html', label: 'HTML page' };
  if (/^\s*<\?xml\b/.test(text)) return { kind: 'known', label: 'XML document (not HTML)' };
  if (looksLikeMarkdown(text)) return { kind: 'markdown', label: 'Markdown text' };
  return { kind: 'text', label: 'plain text' };
}

/** Tells DOCX (and its OOXML/ODF cousins, which we do not read) from a plain ZIP archive. */
function sniffZip(bytes: Buffer): Sniffed {
  const names = zipEntryNames(bytes);
  const has = (prefix: string): boolean => names.some((n) => n.startsWith(prefix));
  if (has('[Content_Types].xml') && has('word/')) return { kind: 'docx', label: 'Word document (DOCX)' };
  // GB/T 33190 §7.2: the entry point of every OFD package is OFD.xml at its root.
  if (names.includes('OFD.xml')) return { kind: 'ofd', label: 'OFD document (GB/T 33190)' };
  if (has('xl/')) return { kind: 'zip', label: 'ZIP archive (an Excel workbook, not a Word document)' };
  if (has('ppt/')) return { kind: 'zip', label: 'ZIP archive (a PowerPoint deck, not a Word document)' };
  if (has('mimetype') && has('content.xml')) {
    return { kind: 'zip', label: 'ZIP archive (an OpenDocument file, not a Word document)' };
  }
  return { kind: 'archive', label: 'ZIP archive (not a Word document)' };
}

/**
 * Entry names from the ZIP central directory. When the directory is missing (a cut-off file)
 * the names of the local headers in the first 64 KiB stand in, so a damaged DOCX is still
 * recognised as one and reported as damaged rather than unsupported.
 */
function zipEntryNames(bytes: Buffer): string[] {
  const names = [...(zipDirectory(bytes)?.entries() ?? [])].map((e) => e.name);
  if (names.length > 0) return names;
  const head = bytes.subarray(0, 65536);
  for (let at = head.indexOf('PK\x03\x04'); at >= 0 && at + 30 <= head.length; at = head.indexOf('PK\x03\x04', at + 4)) {
    names.push(head.toString('utf8', at + 30, Math.min(head.length, at + 30 + head.readUInt16LE(at + 26))));
  }
  return names;
}

/** Byte-order marks, longest first. */
export const BOMS = [
  { bytes: Buffer.from([0xef, 0xbb, 0xbf]), encoding: 'UTF-8' },
  { bytes: Buffer.from([0xff, 0xfe]), encoding: 'UTF-16LE' },
  { bytes: Buffer.from([0xfe, 0xff]), encoding: 'UTF-16BE' },
] as const;

/** Share of control characters above which a head is binary rather than text. */
const MAX_CONTROL_SHARE = 0.01;

/**
 * The head as a string good enough to look for markup, or null when it is not text: NUL bytes
 * or more than 1 % control characters. UTF-16 is recognised by its BOM; other encodings are
 * read byte-wise, which keeps ASCII markup visible whatever the encoding.
 */
function headText(head: Buffer): string | null {
  const bom = BOMS.find((b) => head.subarray(0, b.bytes.length).equals(b.bytes));
  if (bom?.encoding === 'UTF-16LE') return head.subarray(2).toString('utf16le');
  if (bom?.encoding === 'UTF-16BE') {
    return Buffer.from(head.subarray(2, 2 + ((head.length - 2) & ~1))).swap16().toString('utf16le');
  }
  const body = head.subarray(bom?.bytes.length ?? 0);
  let controls = 0;
  for (const byte of body) {
    if (byte === 0) return null;
    if (isControl(byte)) controls++;
  }
  return controls > body.length * MAX_CONTROL_SHARE ? null : body.toString('latin1');
}

/** C0 controls other than tab, line feed, vertical tab, form feed, carriage return and escape, plus DEL. */
export function isControl(code: number): boolean {
  return (code < 0x20 && !(code >= 0x09 && code <= 0x0d) && code !== 0x1b) || code === 0x7f;
}

/**
 * True when text starts (after a BOM, whitespace, comments and an XML declaration) with a tag
 * the WHATWG MIME-sniffing algorithm counts as HTML, or declares an HTML doctype.
 */
function looksLikeHtml(text: string): boolean {
  const start = text
    .replace(/^(?:\s+|<!--[\s\S]*?-->|<\?xml[\s\S]*?\?>)*/, '')
    .slice(0, 512)
    .toLowerCase();
  return /^<(?:!doctype\s+html|html|head|body|script|iframe|h[1-6]|div|font|table|a|style|title|b|br|p|meta)[\s>/]/.test(
    start,
  );
}

/**
 * Markdown structure in a text's head: an ATX heading (`# 标题`) on its first non-blank line, or
 * two heading lines. A plain text seldom starts a line with `# ` and hardly ever twice.
 */
function looksLikeMarkdown(text: string): boolean {
  return /^\s*#{1,6}[ \t]+\S/.test(text) || (text.match(/^ {0,3}#{1,6}[ \t]+\S/gm)?.length ?? 0) >= 2;
}
