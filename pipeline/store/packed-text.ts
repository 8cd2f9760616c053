/**
 * A document's text as the archive stores it: UTF-8 in raw DEFLATE, a BLOB a third of the text's
 * size (Chinese text is three bytes a character in UTF-8; deflate brings it near one). Level 4,
 * measured on the 10 % scale corpus: 0.330 of the UTF-8 bytes at ~60 MB/s, where 6 and 9 give
 * 0.323 at half the speed and 1 gives 0.360. SQL cannot read the packed text (no `length(text)`,
 * `substr` or `LIKE` on it): `length` has its own column, and every reader unpacks in JavaScript.
 * @module
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';

const LEVEL = 4;

export function packText(text: string): Buffer {
  return deflateRawSync(Buffer.from(text, 'utf8'), { level: LEVEL });
}

/** The text of a stored `documents.text`: packed, or plain TEXT as archives made before packing hold it. */
export function unpackText(stored: Buffer | string): string {
  return typeof stored === 'string' ? stored : inflateRawSync(stored).toString('utf8');
}

/** A JSON value as stored beside the text (a document's findings, its sections): its JSON, packed the same way. */
export function packJson(value: unknown): Buffer {
  return packText(JSON.stringify(value));
}

export function unpackJson(packed: Buffer): unknown {
  return JSON.parse(unpackText(packed));
}
