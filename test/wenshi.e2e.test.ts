/**
 * A 文史资料 volume through the real CLI: one document per article with its volume metadata,
 * entities searchable and filterable, the compiled volume built from a search.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentSummary } from '../pipeline/store/archive.js';
import { ROOT, tempDir, wenshi, wenshiJson } from './helpers/cli.js';

const VOLUME = join(ROOT, 'corpus', 'wenshi', 'volume.txt');

interface Shown extends DocumentSummary {
  meta: { collection: string | null; volume: string | null; author: string | null; narrator: string | null; period: { from: number; to: number } | null };
  entities: { kind: string; text: string; normalized?: string }[];
  provenance: { pageRange: [number, number] | null }[];
}

describe('a 文史资料 volume, end to end', () => {
  let data: string;
  let docs: Shown[];

  beforeAll(async () => {
    data = tempDir();
    const ingest = await wenshiJson<{ documents: number }>(['ingest', VOLUME, '--data', data]);
    expect(ingest.code).toBe(0);
    const list = await wenshiJson<DocumentSummary[]>(['docs', '--data', data]);
    docs = (await wenshiJson<Shown[]>(['show', ...list.json.map((d) => d.id), '--data', data])).json;
  }, 120_000);

  it('splits the volume into its articles, each with series, volume, byline and pages', () => {
    const first = docs.find((d) => d.title === '桐溪城解放前后见闻')!;
    expect(first).toMatchObject({ type: 'wenshi' });
    expect(first.meta).toMatchObject({ collection: '桐溪县文史资料', volume: '第三辑', narrator: '王振华', author: '刘文清' });
    expect(first.provenance[0]!.pageRange).toEqual([1, 6]);
    const second = docs.find((d) => d.title === '民国二十六年的抗日救亡宣传队')!;
    expect(second.meta).toMatchObject({ author: '陈子敬', period: { from: 1937, to: 1950 } });
    expect(second.entities).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'date', text: '民国二十六年', normalized: '1937' })]));
  });

  it('finds entities by kind in search, with facet counts', async () => {
    const r = await wenshiJson<{ total: number; hits: { title: string; snippet: string }[]; facets: { findingKind: Record<string, number> } }>(
      ['search', '王振华', '--in', 'findings', '--kind', 'person', '--data', data]);
    expect(r.json.hits[0]).toMatchObject({ title: '桐溪城解放前后见闻', snippet: '<mark>王振华</mark>' });
    expect(r.json.facets.findingKind).toEqual({ person: r.json.total });
  });

  it('compiles a volume from a search, each article once with its source note', async () => {
    const out = join(tempDir(), 'volume.md');
    const r = await wenshi(['compile', '--query', '民国', '--title', '民国旧事汇编', '--out', out, '--data', data]);
    expect(r.code, r.stderr).toBe(0);
    const { readFileSync } = await import('node:fs');
    const md = readFileSync(out, 'utf8');
    expect(md).toContain('民国旧事汇编');
    expect(md).toContain('原载《桐溪县文史资料》第三辑');
    expect(md.match(/^## .*民国二十六年的抗日救亡宣传队/gm)).toHaveLength(1);
    // --keep-duplicates: the same compile() without dropping copies (the web page's 去除重复 unticked).
    type Summary = { articles: unknown[]; dropped: unknown[] };
    const dropping = await wenshiJson<Summary>(['compile', '--query', '民国', '--title', 'T', '--out', out, '--data', data]);
    const kept = await wenshiJson<Summary>(['compile', '--query', '民国', '--title', 'T', '--out', out, '--keep-duplicates', '--data', data]);
    expect(kept.json.dropped).toEqual([]);
    expect(kept.json.articles.length).toBe(dropping.json.articles.length + dropping.json.dropped.length);
  });
});
