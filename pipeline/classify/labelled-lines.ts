/**
 * A metadata block written as text (a gov.cn page saved as text, a table flattened by an export):
 * `标　　题：` then the value on the same line, in the next cell (tab) or on the next line.
 * Only the first lines are read; a label must stand at the start of a line or cell.
 * @module
 */
import { METADATA_LABELS } from '../metadata-labels.js';
import type { SourceSignals } from '../types.js';

const LINES = 40;
const LABEL = /^([\u4e00-\u9fff][\u4e00-\u9fff\s\u3000]{0,8}?)\s*[:：]\s*(.*)$/;

/** Label of a cell, spaces removed, when it is a known one. */
function labelOf(cell: string): { field: keyof SourceSignals; label: string; rest: string } | null {
  const m = LABEL.exec(cell.trim());
  if (!m) return null;
  const label = m[1]!.replace(/[\s\u3000]+/g, '');
  const field = METADATA_LABELS[label];
  return field ? { field, label, rest: m[2]!.trim() } : null;
}

/** Any known label followed by its colon, however spaced: a place where a joined line holds two fields. */
const ANY_LABEL = new RegExp(`(?=(?:${Object.keys(METADATA_LABELS).map((l) => [...l].join('[\\s\\u3000]*')).join('|')})[\\s\\u3000]*[:：])`, 'g');

export function labelledLines(lines: readonly string[]): SourceSignals {
  // Cells: tab-separated table cells, and fields a line repair joined onto one line.
  const cells = lines.slice(0, LINES).flatMap((l) => l.split('\t')).flatMap((c) => c.split(ANY_LABEL)).map((c) => c.trim());
  const out: SourceSignals = {};
  for (let i = 0; i < cells.length; i++) {
    const found = labelOf(cells[i]!);
    if (!found || out[found.field]) continue;
    const next = cells[i + 1];
    const value = found.rest || (next && !labelOf(next) ? next : '');
    if (value) out[found.field] = { value, signal: `metadata lines ${found.label}` };
  }
  return out;
}
