/** Content-Disposition for the files the API sends. @module */

/**
 * `inline` or `attachment` naming the file: an ASCII fallback for old clients (`fallback`, else the
 * name with other characters as `_`), and the real name (RFC 5987 `filename*`) for the rest.
 * Characters a file system refuses become `_`.
 */
export function disposition(kind: 'inline' | 'attachment', name: string, fallback?: string): string {
  const safe = name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_') || 'download';
  const ascii = fallback ?? safe.replace(/[^\x20-\x7e]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${rfc5987(safe)}`;
}

/** Percent-encoding as RFC 5987 wants it: encodeURIComponent leaves ' ( ) * as they are. */
function rfc5987(s: string): string {
  return encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
