/**
 * Character differences between a central clause and the local text that answers it, for the
 * side-by-side reports (`diff`'s Myers diff, cut short on very different texts).
 * @module
 */
import { diffChars } from 'diff';
import type { CompareItem } from './types.js';

export interface DiffPart {
  /** `same` in both; `central` only in the central clause; `local` only in the local text. */
  side: 'same' | 'central' | 'local';
  text: string;
}

/** Beyond this many edits the texts are shown whole, each marked as differing. */
const MAX_EDITS = 4000;

export function charDiff(central: string, local: string): DiffPart[] {
  const changes = diffChars(central, local, { maxEditLength: MAX_EDITS });
  if (!changes) return [{ side: 'central', text: central }, { side: 'local', text: local }];
  return changes.map((c) => ({ side: c.added ? 'local' : c.removed ? 'central' : 'same', text: c.value }));
}

/** The local texts of an item as one, clauses separated by a blank line. */
export function localText(item: CompareItem): string {
  return item.local.map((l) => l.text).join('\n\n');
}

/** The two columns of an item: each side's parts (common text plus what only that side has). */
export function sideBySide(item: CompareItem): { central: DiffPart[]; local: DiffPart[] } {
  if (item.local.length === 0) return { central: [{ side: 'same', text: item.central.text }], local: [] };
  const parts = charDiff(item.central.text, localText(item));
  return { central: parts.filter((p) => p.side !== 'local'), local: parts.filter((p) => p.side !== 'central') };
}
