/**
 * The action and object of a requirement whose verb the rules could not name: the first word after
 * its marker.
 * @module
 */
import { cut } from '../segment/index.js';
import { WORDLIKE } from './finding.js';
import { LEADING_FILLER } from './normative.js';
import type { Finding } from './types.js';

/** A finding waiting for its action: the words after its marker and where they start in the document. */
export interface PendingAction {
  finding: Finding;
  words: string;
  at: number;
}

/** Enough characters to hold the first word. */
const HEAD_CHARS = 8;

function setAction({ finding, words }: PendingAction, action: string | undefined): void {
  finding.action = action ?? null;
  if (action === undefined) return;
  finding.object = words.slice(words.indexOf(action) + action.length).replace(LEADING_FILLER, '').trim() || null;
}

/**
 * Gives each pending finding the first word with a letter or number where its words start, all in
 * one jieba call over their heads: the document's text from that point (so a piece that ends at its
 * marker looks on into the next one).
 */
export function seekActions(pending: readonly PendingAction[], text: string): void {
  if (!pending.length) return;
  const lines: string[][] = [[]];
  // A line break inside a head would start a line of its own and shift every head after it; jieba
  // may give the breaks between empty heads as one token (`\n\n`), or a break with spaces.
  for (const token of cut(pending.map((p) => text.slice(p.at, p.at + HEAD_CHARS).replaceAll('\n', ' ')).join('\n'))) {
    // Most tokens hold no break: split only those that do (a split per token cost more than the rest of this loop).
    if (!token.includes('\n')) {
      if (token) lines[lines.length - 1]?.push(token);
      continue;
    }
    const parts = token.split('\n');
    parts.forEach((part, k) => {
      if (k > 0) lines.push([]);
      if (part) lines[lines.length - 1]?.push(part);
    });
  }
  pending.forEach((p, i) => setAction(p, (lines[i] ?? []).find((t) => WORDLIKE.test(t))));
}
