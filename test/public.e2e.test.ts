/**
 * Real documents from elsewhere through the CLI as a user runs it: tuned files of the public corpus
 * ingested, listed with their fields, and found through the type, level and 发文字号 filters.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentSummary } from '../pipeline/store/archive.js';
import { tempDir, wenshiJson } from './helpers/cli.js';
import { publicFile } from './helpers/public.js';

const FILES = ['pair01-central-envimpact.md', 'pair01-local-envimpact.md', 'govcn-r02-opinion-guarantee-fund.html', 'govcn-r05-opinion-bonded-zones.html', 'gwr-1957-national.txt'];

interface SearchJson {
  total: number;
  hits: { docId: string }[];
  facets: Record<string, Record<string, number>>;
}

describe('real public documents through the CLI', () => {
  let data: string;
  let docs: DocumentSummary[];
  const byTitle = (t: string) => docs.find((d) => d.title === t)!;
  const search = (...args: string[]) => wenshiJson<SearchJson>(['search', ...args, '--json', '--data', data]);

  beforeAll(async () => {
    data = tempDir();
    // Inputs live outside the data folder: an ingest never reads the archive's own folder.
    const folder = tempDir();
    for (const f of FILES) copyFileSync(publicFile(f).path, join(folder, f));
    const ingest = await wenshiJson<{ failed: unknown[] }>(['ingest', folder, '--json', '--data', data]);
    expect(ingest.json.failed).toEqual([]);
    docs = (await wenshiJson<DocumentSummary[]>(['docs', '--json', '--data', data])).json;
  }, 180_000);

  it('lists each with the title, type, issuer, level, region, date and 发文字号 a careful reader records', () => {
    expect(docs).toHaveLength(FILES.length);
    expect(byTitle('中华人民共和国环境影响评价法')).toMatchObject({ type: 'law', issuer: '全国人民代表大会常务委员会', level: 'central', region: '全国', date: '2018-12-29' });
    expect(byTitle('山东省实施《中华人民共和国环境影响评价法》办法')).toMatchObject({ type: 'regulation', issuer: '山东省人民代表大会常务委员会', level: 'provincial', region: '山东省', date: '2018-11-30' });
    expect(byTitle('国务院关于促进综合保税区高水平开放高质量发展的若干意见')).toMatchObject({ type: 'opinion', issuer: '国务院', level: 'central', date: '2019-01-12', docNumber: '国发〔2019〕3号' });
    expect(byTitle('政府工作报告')).toMatchObject({ type: 'work_report', issuer: '国务院', level: 'central', date: '1957-06-26' });
    expect(byTitle('中华人民共和国环境影响评价法').history).toHaveLength(3);
  });

  it('finds them through --type, --level and --doc-number, with 发文字号 as a facet', async () => {
    const provincial = await search('环境影响评价', '--type', 'regulation', '--level', 'provincial');
    expect(new Set(provincial.json.hits.map((h) => h.docId))).toEqual(new Set([byTitle('山东省实施《中华人民共和国环境影响评价法》办法').id]));
    const law = await search('环境影响评价', '--type', 'law');
    expect(new Set(law.json.hits.map((h) => h.docId))).toEqual(new Set([byTitle('中华人民共和国环境影响评价法').id]));
    const numbered = await search('担保', '--doc-number', '国办发[2019]6号');
    expect(numbered.json.total).toBeGreaterThan(0);
    expect(new Set(numbered.json.hits.map((h) => h.docId)).size).toBe(1);
    const all = await search('国务院');
    expect(Object.keys(all.json.facets.docNumber ?? {})).toEqual(expect.arrayContaining(['国发〔2019〕3号', '国办发〔2019〕6号']));
  });
});
