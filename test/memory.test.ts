/**
 * The soft memory ceiling of whole-archive passes: past it, garbage the heap still holds is
 * collected and the process shrinks; under it, nothing runs. Measured in resident memory.
 */
import { describe, expect, it, vi } from 'vitest';
import { relieveMemory, SOFT_CEILING_BYTES } from '../pipeline/memory.js';

const MB = 1024 * 1024;

/** Unreachable arrays of doubles until the process is `over` bytes past the ceiling (each 8 MB, in V8's large-object space). */
function makeGarbage(over: number): void {
  let kept: number[][] = [];
  while (process.memoryUsage.rss() < SOFT_CEILING_BYTES + over) kept.push(new Array<number>(1_000_000).fill(Math.random()));
  kept = [];
  expect(kept).toHaveLength(0);
}

describe('relieveMemory', () => {
  it('collects when resident memory passes the ceiling, and gives the garbage back', async () => {
    makeGarbage(200 * MB);
    const before = process.memoryUsage.rss();
    expect(relieveMemory()).toBe(true);
    // V8 unmaps the freed pages on its own threads a moment after the collection.
    await vi.waitFor(() => expect(before - process.memoryUsage.rss()).toBeGreaterThan(150 * MB), { timeout: 10_000, interval: 20 });
  });

  it('does not collect again while the heap has not grown since the last collection', () => {
    const held = Array.from({ length: 40 }, () => new Array<number>(1_000_000).fill(1));
    const padding = Buffer.alloc(Math.max(0, SOFT_CEILING_BYTES + 50 * MB - process.memoryUsage.rss()), 1);
    expect(process.memoryUsage.rss()).toBeGreaterThan(SOFT_CEILING_BYTES);
    relieveMemory();
    // Past the ceiling with memory that is live: a second collection would free nothing.
    expect(relieveMemory()).toBe(false);
    expect(held.length + padding.length).toBeGreaterThan(0);
  });

  it('under the ceiling, reads resident memory again only once the heap has grown by a few MB more', async () => {
    // A fresh module: no collection yet, so the heap is past the slack.
    vi.resetModules();
    const { relieveMemory } = await import('../pipeline/memory.js');
    const rss = vi.spyOn(process.memoryUsage, 'rss').mockReturnValue(0);
    try {
      // Past the slack: resident memory is read, and found under the ceiling.
      const held: number[][][] = [Array.from({ length: 5 }, () => new Array<number>(1_000_000).fill(1))];
      expect(relieveMemory()).toBe(false);
      const reads = rss.mock.calls.length;
      expect(reads).toBeGreaterThan(0);
      for (let i = 0; i < 100; i++) expect(relieveMemory()).toBe(false);
      expect(rss).toHaveBeenCalledTimes(reads);
      held.push([new Array<number>(2_000_000).fill(2)]);
      expect(relieveMemory()).toBe(false);
      expect(rss).toHaveBeenCalledTimes(reads + 1);
      expect(held).toHaveLength(2);
    } finally {
      rss.mockRestore();
    }
  });

  it('reads resident memory only once the heap has grown by the slack (a /proc read each time)', () => {
    relieveMemory();
    const rss = vi.spyOn(process.memoryUsage, 'rss');
    try {
      for (let i = 0; i < 100; i++) expect(relieveMemory()).toBe(false);
      expect(rss).not.toHaveBeenCalled();
    } finally {
      rss.mockRestore();
    }
  });
});
