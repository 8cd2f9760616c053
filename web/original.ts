/**
 * A document's original file as the browser gets it: the bytes of its first source from the
 * content store, with the media type read at ingest and the name it arrived with. Shown inline,
 * an HTML original is sanitized (no scripts, frames, objects, event handlers or script URLs) and
 * sent with a CSP sandbox, so a page archived from the web never runs as part of this site; a
 * download is the bytes as they were.
 * @module
 */
import * as cheerio from 'cheerio';
import iconv from 'iconv-lite';
import type { Archive, StoredDocument } from '../pipeline/store/archive.js';
import type { BlobStore } from '../pipeline/store/blobs.js';
import { HttpError } from './errors.js';

export interface Original {
  name: string;
  /** The Content-Type to send (text gets its charset). */
  type: string;
  body: Buffer;
  /** The Content-Security-Policy an inline original is sent under (our page may frame it). */
  csp: string;
}

/** HTML and text: a sandbox (a unique origin, nothing runs), nothing loads but inline styles and data: images. */
const SANDBOXED = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'self'";
/** A PDF or an image: the browser's own viewer shows it (a sandbox would keep Chromium's PDF viewer out). */
const VIEWED = "default-src 'none'; frame-ancestors 'self'";

const TEXT = /^text\/(plain|markdown)$/;

/** Markup that can run or load something, removed from an HTML original before it is framed. */
const ACTIVE = 'script, iframe, frame, frameset, object, embed, applet, base, link, meta[http-equiv], form';

export function sanitizeHtml(html: string): string {
  const $ = cheerio.load(html);
  $(ACTIVE).remove();
  $('*').each((_, el) => {
    if (el.type !== 'tag') return;
    for (const name of Object.keys(el.attribs)) {
      const value = el.attribs[name]!.trim().toLowerCase();
      if (name.startsWith('on') || /^(javascript|vbscript|data:text\/html)/.test(value)) $(el).removeAttr(name);
    }
  });
  return $.html();
}

/** Text of a text original in its detected encoding (UTF-8 when none was recorded). */
function decode(bytes: Buffer, encoding: string | null): string {
  const name = encoding && iconv.encodingExists(encoding) ? encoding : 'utf8';
  return iconv.decode(bytes, name);
}

/**
 * The first source of a document as it would be sent: `inline` for viewing (HTML sanitized, text
 * re-encoded as UTF-8), or the stored bytes unchanged for a download.
 */
export async function originalOf(archive: Archive, blobs: BlobStore, doc: StoredDocument, inline: boolean): Promise<Original> {
  const first = doc.provenance[0];
  const source = first ? archive.source(first.sourceSha) : null;
  if (!first || !source) throw new HttpError(404, 'no_original', `document "${doc.id}" has no source file on record`);
  const bytes = await blobs.get(first.sourceSha).catch(() => {
    throw new HttpError(404, 'no_original', `the original file of document "${doc.id}" is not in the content store`);
  });
  const mediaType = source.mediaType ?? 'application/octet-stream';
  const name = source.name;
  if (!inline) return { name, type: mediaType, body: bytes, csp: SANDBOXED };
  if (mediaType === 'text/html') {
    return { name, type: 'text/html; charset=utf-8', body: Buffer.from(sanitizeHtml(decode(bytes, source.encoding))), csp: SANDBOXED };
  }
  if (TEXT.test(mediaType)) return { name, type: 'text/plain; charset=utf-8', body: Buffer.from(decode(bytes, source.encoding)), csp: SANDBOXED };
  return { name, type: mediaType, body: bytes, csp: VIEWED };
}
