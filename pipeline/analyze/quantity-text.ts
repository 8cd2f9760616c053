/**
 * A quantity as a reader writes it back: scale words restored (`3.35e13 元` → `33.5万亿元`), the
 * bound in words (`约8%`, `900万人以上`) and a change's two ends (`80元→120元`). Shared by the CLI
 * and the web page.
 * @module
 */
import type { Quantity } from './types.js';

const SCALES: ReadonlyArray<[number, string]> = [[1e12, '万亿'], [1e8, '亿'], [1e4, '万']];

/** `33500000000000` → `33.5万亿`; numbers under 10,000 as they are. */
export function scaledNumber(n: number): string {
  for (const [size, word] of SCALES) if (Math.abs(n) >= size) return `${Number((n / size).toPrecision(6))}${word}`;
  return String(n);
}

export function quantityText(q: Quantity): string {
  const figure = (n: number | null): string => `${n === null ? 'X' : scaledNumber(n)}${q.unit}`;
  const value = figure(q.value);
  const from = q.from === null || q.from === undefined ? '' : `${figure(q.from)}→`;
  // Rows stored before bounds were read have none.
  switch (q.bound ?? null) {
    case 'approx': return `${from}约${value}`;
    case 'min': return `${from}${value}以上`;
    case 'max': return `${from}${value}以下`;
    default: return `${from}${value}`;
  }
}
