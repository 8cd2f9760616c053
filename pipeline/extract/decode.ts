/**
 * Text decoding for TXT and HTML: find the encoding (BOM, valid UTF-8, a declared charset,
 * chardet), decode with iconv-lite, name the encoding the same way every time, and refuse bytes
 * that are not text.
 * @module
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { PipelineError } from '../errors.js';
import { BOMS, isControl } from './sniff.js';

export interface Decoded {
  text: string;
  /** Normalized name: `UTF-8`, `UTF-16LE`, `UTF-16BE`, `GB18030`, or chardet's name for others. */
  encoding: string;
}

/**
 * GBK and GB2312 are subsets of GB18030, so decoding them as GB18030 loses nothing and one name
 * covers every simplified-Chinese legacy file.
 */
const CANONICAL: Readonly<Record<string, string>> = {
  'utf8': 'UTF-8',
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
  'gb18030': 'GB18030',
  'gbk': 'GB18030',
  'gb2312': 'GB18030',
  'gb_2312-80': 'GB18030',
  'x-gbk': 'GB18030',
  'euc-cn': 'GB18030',
  'cp936': 'GB18030',
  'windows-936': 'GB18030',
  'big5': 'Big5',
};

/** The project's name for an encoding label, or null when iconv-lite cannot decode it. */
export function normalizeEncoding(label: string): string | null {
  const name = label.trim().toLowerCase();
  if (!iconv.encodingExists(name)) return null;
  return CANONICAL[name] ?? label.trim();
}

/** Bytes chardet looks at; its statistics settle long before this. */
const CHARDET_SAMPLE = 64 * 1024;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes `bytes`. A BOM wins; then UTF-8 when the bytes are valid UTF-8 with multi-byte
 * characters (legacy Chinese text practically never is, so this also overrules a page wrongly
 * labelled GB2312); then `declared` (an HTML charset); then UTF-8 for pure ASCII; then chardet's
 * guess, and GB18030 when chardet has none (the legacy encoding of most documents we get).
 */
function decode(bytes: Buffer, declared?: string | null): Decoded {
  const bom = BOMS.find((b) => bytes.subarray(0, b.bytes.length).equals(b.bytes));
  if (bom) return { text: iconv.decode(bytes.subarray(bom.bytes.length), bom.encoding), encoding: bom.encoding };
  const utf8 = tryUtf8(bytes);
  const label = declared ? normalizeEncoding(declared) : null;
  if (utf8 !== null && (utf8.length < bytes.length || !label)) return { text: utf8, encoding: 'UTF-8' };
  if (label) return { text: iconv.decode(bytes, label), encoding: label };
  const guess = chardet.detect(bytes.subarray(0, CHARDET_SAMPLE));
  const encoding = (guess && normalizeEncoding(guess)) ?? 'GB18030';
  return { text: iconv.decode(bytes, encoding), encoding };
}

function tryUtf8(bytes: Buffer): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

/** Above these shares of decoded characters, the bytes were not text in that encoding. */
const MAX_CONTROLS = 0.01;
const MAX_REPLACEMENTS = 0.01;

const percent = (share: number): string => `${(share * 100).toFixed(1)} %`;

/**
 * Decodes like `decode` and refuses what is not text: binary data (control characters) is
 * CORRUPT_FILE, undecodable bytes (replacement marks) are BAD_ENCODING.
 */
export function decodeText(bytes: Buffer, declared?: string | null): Decoded {
  const decoded = decode(bytes, declared);
  const { controls, replacements } = textQuality(decoded.text);
  if (controls > MAX_CONTROLS) {
    throw new PipelineError(
      'CORRUPT_FILE',
      `binary data, not text: ${percent(controls)} of the characters (read as ${decoded.encoding}) are control characters`,
      'extract',
    );
  }
  if (replacements > MAX_REPLACEMENTS) {
    throw new PipelineError(
      'BAD_ENCODING',
      `the text could not be decoded: ${percent(replacements)} of the characters are invalid in ${decoded.encoding}, the encoding it looked most like`,
      'extract',
    );
  }
  return decoded;
}

interface TextQuality {
  /** Share of control characters (NUL included) other than tab, newlines, form feed and escape. */
  controls: number;
  /** Share of U+FFFD, the mark of bytes the encoding could not decode. */
  replacements: number;
}

/** How text-like decoded text is; binary data decodes to many controls or replacement marks. */
function textQuality(text: string): TextQuality {
  let controls = 0;
  let replacements = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0xfffd) replacements++;
    else if (code < 0x80 && isControl(code)) controls++;
  }
  const n = Math.max(1, text.length);
  return { controls: controls / n, replacements: replacements / n };
}
