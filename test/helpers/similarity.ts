/**
 * Character similarity of two texts with whitespace ignored: 1 − edit distance / longer length,
 * via a diff library so long texts stay fast.
 * @module
 */
import { diffChars } from 'diff';

export function similarity(a: string, b: string): number {
  const x = a.replace(/\s+/g, '');
  const y = b.replace(/\s+/g, '');
  let edits = 0;
  for (const part of diffChars(x, y)) if (part.added || part.removed) edits += part.value.length;
  // An edit that replaces k characters shows as k removed + k added; count it once.
  return 1 - edits / 2 / Math.max(x.length, y.length, 1);
}
