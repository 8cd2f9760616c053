/**
 * Change counts carried on each paragraph, so a bundle's documents each report what cleaning did
 * to their own text.
 * @module
 */
import type { ChangeCounts, ChangeKind, Paragraph } from '../types.js';

export function addCounts(into: ChangeCounts, from: ChangeCounts | undefined): ChangeCounts {
  for (const [kind, n] of Object.entries(from ?? {}) as [ChangeKind, number][]) into[kind] = (into[kind] ?? 0) + n;
  return into;
}

/** A copy of the paragraph with `n` more changes of `kind` recorded on it. */
export function withChange(p: Paragraph, kind: ChangeKind, n = 1): Paragraph {
  if (n <= 0) return p;
  return { ...p, changes: addCounts({ ...p.changes }, { [kind]: n }) };
}

/** Sum over paragraphs, plus changes that belong to no paragraph (removed chrome, dropped lines). */
export function totalChanges(paragraphs: readonly Paragraph[], unattached: ChangeCounts): ChangeCounts {
  const total = addCounts({}, unattached);
  for (const p of paragraphs) addCounts(total, p.changes);
  return total;
}
