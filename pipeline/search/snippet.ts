/**
 * Snippets: a window of the original text around the first match, matches in `<mark>…</mark>`,
 * every other character HTML-escaped. Matches are found in the folded text, whose offsets are
 * those of the original, so a traditional-character document is shown as written.
 * @module
 */
import { PATTERN_GAP, type Alternative } from './config.js';
import { fold } from './fold.js';

/** Characters of text in a snippet. */
export const SNIPPET_WIDTH = 120;
/** Characters kept before the first match. */
const LEAD = 24;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/**
 * The regular expression for one literal part, as the engines match it: Chinese characters
 * adjacent, words and numbers possibly separated by spaces or punctuation.
 */
function partPattern(part: string): string | null {
  const pieces = [...part.matchAll(/\p{Script=Han}+|[\p{L}\p{N}]+/gu)];
  if (pieces.length === 0) return null;
  const han = (s: string) => /\p{Script=Han}/u.test(s);
  return pieces
    .map((m, i) => {
      const text = m[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      if (i === 0) return text;
      const bothHan = han(pieces[i - 1]![0]) && han(m[0]);
      return (bothHan ? '[^\\p{L}\\p{N}]+' : '[^\\p{L}\\p{N}]*') + text;
    })
    .join('');
}

/** One expression finding any of the alternatives in folded text, or null when none can match. */
export function matcherFor(alts: readonly Alternative[]): RegExp | null {
  const sources = alts
    .map((alt) => {
      const parts = alt.parts.map(partPattern);
      return parts.every((p) => p !== null) ? parts.join(`[\\s\\S]{0,${PATTERN_GAP}}?`) : null;
    })
    .filter((s): s is string => s !== null)
    // Longest first, so 人民政协 is marked whole rather than as 政协.
    .sort((a, b) => b.length - a.length);
  return sources.length > 0 ? new RegExp(sources.join('|'), 'gu') : null;
}

function plain(text: string): string {
  return escapeHtml(text.replace(/\s+/g, ' '));
}

/** Moves an offset off the second half of a surrogate pair. */
function boundary(text: string, at: number): number {
  const c = text.charCodeAt(at);
  return c >= 0xdc00 && c <= 0xdfff && at > 0 ? at - 1 : at;
}

/** Where `matcher` matches in `text` (folded), as [start, end) offsets of the original, in order. */
export function matchRanges(text: string, matcher: RegExp | null): Array<[number, number]> {
  if (!matcher) return [];
  matcher.lastIndex = 0;
  return [...fold(text).matchAll(matcher)].map((m) => [m.index, m.index + m[0].length]);
}

/** The snippet for `text`: marked matches of `matcher` (none when null), escaped, `…` where cut. */
export function makeSnippet(text: string, matcher: RegExp | null, width = SNIPPET_WIDTH): string {
  const matches = matchRanges(text, matcher);
  const first = matches[0];
  let start = boundary(text, first ? Math.max(0, first[0] - LEAD) : 0);
  let end = boundary(text, Math.min(text.length, start + width));
  if (first && first[1] > end) end = first[1];
  if (end === text.length) start = boundary(text, Math.max(0, Math.min(start, end - width)));

  let html = start > 0 ? '…' : '';
  let at = start;
  for (const [s, e] of matches) {
    if (s < at || s >= end) continue;
    const stop = Math.min(e, end);
    html += `${plain(text.slice(at, s))}<mark>${plain(text.slice(s, stop))}</mark>`;
    at = stop;
  }
  html += plain(text.slice(at, end));
  return end < text.length ? `${html}…` : html;
}
