import { afterEach, describe, expect, it } from 'vitest';
import { ContentPool } from '../pipeline/content-pool.js';
import type { ContentRequest } from '../pipeline/content.js';

/** A plain-text source as the extract stage gives it. */
function request(path: string, text: string): ContentRequest {
  return {
    path,
    extraction: { format: 'txt', mediaType: 'text/plain', encoding: 'UTF-8', pages: null, blocks: [{ text }] },
    prepareIndex: true,
  };
}

const TEXT = (n: number) => `关于加强基层协商的实施意见（第${n}号）\n一、各级政协应当每年至少召开两次协商座谈会。\n二、县级政协可以设立协商议事室。`;

describe('content pool', () => {
  const pools: ContentPool[] = [];
  afterEach(async () => {
    delete process.env.WENSHI_TEST_CRASH_AT;
    await Promise.all(pools.splice(0).map((p) => p.close()));
  });

  it('gives each source its own result when one thread holds several at once', async () => {
    const pool = new ContentPool(1);
    pools.push(pool);
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => pool.run(request(`/in/opinion-${n}.txt`, TEXT(n)))));
    expect(results.map((r) => r.processed.documents[0]!.text)).toEqual([1, 2, 3, 4, 5].map((n) => expect.stringContaining(`第${n}号`)));
    expect(results.every((r) => r.prepared !== null && r.packed.length === 1)).toBe(true);
  }, 60_000);

  it('fails only the source a dying thread was processing; the one it held next is processed by its replacement', async () => {
    // Read by the thread when it starts: set before the pool starts one.
    process.env.WENSHI_TEST_CRASH_AT = 'content:crash-me';
    const pool = new ContentPool(1);
    pools.push(pool);
    const [crashed, held, later] = await Promise.allSettled([
      pool.run(request('/in/crash-me.txt', TEXT(1))),
      pool.run(request('/in/held.txt', TEXT(2))),
      pool.run(request('/in/later.txt', TEXT(3))),
    ]);
    expect(crashed).toMatchObject({ status: 'rejected', reason: { message: expect.stringContaining('the content thread ended (exit code 70)') } });
    expect(held).toMatchObject({ status: 'fulfilled' });
    expect(later).toMatchObject({ status: 'fulfilled' });
    if (held.status === 'fulfilled') expect(held.value.processed.documents[0]!.text).toContain('第2号');
  }, 60_000);

  it('fails the sources it still holds when closed', async () => {
    const pool = new ContentPool(1);
    const settling = Promise.allSettled([1, 2, 3].map((n) => pool.run(request(`/in/opinion-${n}.txt`, TEXT(n)))));
    await pool.close();
    const settled = await settling;
    expect(settled.every((s) => s.status === 'rejected')).toBe(true);
  }, 60_000);
});
