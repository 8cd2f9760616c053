/**
 * End-to-end ingest through the real CLI, as a researcher would run it. Parametrized by mode so the
 * same expectations hold for every runner.
 */
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentSummary } from '../pipeline/store/archive.js';
import type { IngestSummary } from '../workers/summary.js';
import { FIXTURES, SEED, tempDir, wenshiJson } from './helpers/cli.js';
import { INGEST_MODES } from './helpers/modes.js';

interface ShownDocument extends DocumentSummary {
  text: string;
  sections: { path: string; label: string; heading: string; kind: string; start: number; end: number }[];
  provenance: { path: string; encoding: string | null; changes: Record<string, number> }[];
}

const FORBIDDEN = ['欢迎来到文驰范文网', '来源:文池范文网', '户外活动主持人演讲稿', '123下一页'];

const EXPECTED: Record<string, { type: string; title: string }> = {
  '篇一/(一)': { type: 'experience', title: '发挥政协基层组织作用 推进基层协商民主建设' },
  '篇一/(二)': { type: 'experience', title: '区政协加强协商民主建设经验汇报材料' },
  '篇一/(三)': { type: 'experience', title: '某区推进基层政协协商民主建设工作经验材料' },
  篇二: { type: 'study_notes', title: '学习《关于加强社会主义协商民主建设的意见》内容心得' },
  篇三: { type: 'work_report', title: 'XXXX 年区县政协常委会工作报告' },
  篇四: { type: 'work_report', title: '工作报告' },
  篇五: { type: 'opinion', title: '关于加强人民政协协商民主建设的实施意见' },
  篇六: { type: 'opinion', title: '区关于加强新时代人民政协党的建设工作的实施意见' },
};

async function showAll(list: DocumentSummary[], data: string, env: Record<string, string | undefined>): Promise<ShownDocument[]> {
  return (await wenshiJson<ShownDocument[]>(['show', ...list.map((d) => d.id), '--data', data], env)).json;
}

describe.each(INGEST_MODES)('ingest end to end ($name mode)', (mode) => {
  const env = mode.env;
  afterAll(async () => mode.teardown?.(), 60_000);

  describe('the seed page', () => {
    let data: string;
    let docs: ShownDocument[];
    let first: { code: number; json: IngestSummary };

    beforeAll(async () => {
      await mode.setup?.();
      data = tempDir();
      first = await wenshiJson<IngestSummary>(['ingest', SEED, '--data', data], env());
      const list = await wenshiJson<DocumentSummary[]>(['docs', '--data', data], env());
      docs = await showAll(list.json, data, env());
    }, 180_000);

    it('splits the bundle into its pieces, 篇一 into three materials', () => {
      expect(first.code).toBe(0);
      expect(first.json).toMatchObject({ sources: 1, documents: 8, unchanged: 0, failed: [] });
      expect(docs.map((d) => d.piece).sort()).toEqual(Object.keys(EXPECTED).sort());
    });

    it('drops web chrome from every document', () => {
      for (const d of docs) for (const s of FORBIDDEN) expect(d.text, `${d.piece} contains ${s}`).not.toContain(s);
    });

    it('gives each piece its real type and title', () => {
      for (const d of docs) expect({ type: d.type, title: d.title }, d.piece ?? '').toEqual(EXPECTED[d.piece!]);
    });

    it('finds 篇五’s 20 numbered clauses across its chapters, and its date', () => {
      const p5 = docs.find((d) => d.piece === '篇五')!;
      const clauses = p5.sections.filter((s) => s.kind === 'clause');
      expect(clauses.map((c) => c.label)).toEqual(Array.from({ length: 20 }, (_, i) => `${i + 1}.`));
      expect(clauses.find((c) => c.label === '14.')).toMatchObject({ path: '四/14', heading: '调研论证' });
      expect(p5.date).toBe('2021-01-24');
      expect(p5.year).toBe(2021);
      expect(p5.truncated).toBe(true);
    });

    it('gives sections offsets that cut out exactly their text', () => {
      for (const d of docs) {
        for (const s of d.sections) {
          const text = d.text.slice(s.start, s.end);
          expect(text.replace(/\s/g, '').startsWith(s.label.replace(/[.、]$/, '')), `${d.piece} ${s.path}: ${text.slice(0, 20)}`).toBe(true);
          expect(text).toContain(s.heading.slice(0, 4));
        }
      }
    });

    it('rejoins words split by scrape-guard noise in 篇二', () => {
      const p2 = docs.find((d) => d.piece === '篇二')!;
      expect(p2.text).toContain('加强人民政协协商民主建设的重要意义');
      expect(p2.provenance[0]!.changes.scrape_noise).toBeGreaterThan(50);
    });

    it('stores nothing new on a second run', async () => {
      const again = await wenshiJson<IngestSummary>(['ingest', SEED, '--data', data], env());
      expect(again.json).toMatchObject({ sources: 0, documents: 0, unchanged: 1, failed: [] });
      const list = await wenshiJson<DocumentSummary[]>(['docs', '--data', data], env());
      expect(list.json).toHaveLength(8);
    });
  });

  describe('the same content in other encodings and formats', () => {
    let data: string;
    let summary: IngestSummary;
    let byPath: Map<string, ShownDocument[]>;

    beforeAll(async () => {
      data = tempDir();
      const input = join(tempDir(), 'in');
      mkdirSync(input);
      for (const f of ['seed.gb18030.txt', 'seed.utf16le.txt', 'seed.pdf', 'seed.docx']) copyFileSync(join(FIXTURES, f), join(input, f));
      copyFileSync(SEED, join(input, 'seed.utf8.txt'));
      summary = (await wenshiJson<IngestSummary>(['ingest', input, '--data', data], env())).json;
      const list = await wenshiJson<DocumentSummary[]>(['docs', '--data', data], env());
      const shown = await showAll(list.json, data, env());
      byPath = new Map();
      for (const d of shown) for (const p of d.provenance) byPath.set(p.path.split('/').pop()!, [...(byPath.get(p.path.split('/').pop()!) ?? []), d]);
    }, 180_000);

    it('ingests every file', () => {
      expect(summary.failed).toEqual([]);
      expect(summary.sources).toBe(5);
    });

    it('GB18030 and UTF-16LE give documents identical to UTF-8, recorded as two more provenance entries', () => {
      const ids = (name: string) => (byPath.get(name) ?? []).map((d) => d.id).sort();
      expect(ids('seed.utf8.txt')).toHaveLength(8);
      expect(ids('seed.gb18030.txt')).toEqual(ids('seed.utf8.txt'));
      expect(ids('seed.utf16le.txt')).toEqual(ids('seed.utf8.txt'));
      const p5 = byPath.get('seed.utf8.txt')!.find((d) => d.piece === '篇五')!;
      expect(p5.provenance.map((p) => p.encoding).sort()).toEqual(expect.arrayContaining(['GB18030', 'UTF-16LE', 'UTF-8']));
    });

    it.each(['seed.pdf', 'seed.docx'])('%s matches the TXT path: ≥ 99%% of characters, same clauses in 篇五', async (name) => {
      const { similarity } = await import('./helpers/similarity.js');
      const txt = byPath.get('seed.utf8.txt')!;
      const other = byPath.get(name)!;
      expect(other.map((d) => d.piece).sort()).toEqual(txt.map((d) => d.piece).sort());
      const joined = (ds: ShownDocument[]) => ds.sort((a, b) => a.piece!.localeCompare(b.piece!)).map((d) => d.text).join('\n');
      const ratio = similarity(joined(txt), joined(other));
      console.log(`${name} vs TXT character similarity: ${(ratio * 100).toFixed(2)}%`);
      expect(ratio).toBeGreaterThanOrEqual(0.99);
      const clauses = (ds: ShownDocument[]) => ds.find((d) => d.piece === '篇五')!.sections.filter((s) => s.kind === 'clause').length;
      expect(clauses(other)).toBe(clauses(txt));
    });
  });

  describe('bad input in one batch with good files', () => {
    let data: string;
    let result: { code: number; json: IngestSummary };

    beforeAll(async () => {
      data = tempDir();
      const input = join(tempDir(), 'batch');
      mkdirSync(input);
      copyFileSync(SEED, join(input, 'good-seed.txt'));
      writeFileSync(join(input, 'good-small.txt'), '关于做好委员培训工作的通知\n\n各专门委员会：\n\n每年至少组织一次委员培训。\n');
      writeFileSync(join(input, 'huge.txt'), '政协'.repeat(80_000));
      const bad = join(FIXTURES, 'bad');
      // A scanned PDF is not bad input once OCR reads it; the OCR suite covers it.
      for (const f of readdirSync(bad).filter((f) => f !== 'scanned.pdf')) copyFileSync(join(bad, f), join(input, f));
      result = await wenshiJson<IngestSummary>(['ingest', input, '--data', data, '--max-bytes', '400000'], env());
    }, 180_000);

    it('ingests every good file and exits 1 because some failed', () => {
      expect(result.code).toBe(1);
      expect(result.json.sources).toBe(2);
      expect(result.json.documents).toBe(9);
    });

    it('gives each bad file its own clear error', () => {
      const errors = Object.fromEntries(result.json.failed.map((f) => [f.path.split('/').pop()!, f]));
      expect(errors['huge.txt']).toMatchObject({ code: 'TOO_LARGE' });
      expect(errors['huge.txt']!.error).toMatch(/400000/);
      expect(errors['empty.txt']).toMatchObject({ code: 'EMPTY_FILE' });
      expect(errors['random.pdf']).toMatchObject({ code: 'CORRUPT_FILE' });
      expect(errors['random.pdf']!.error).toMatch(/binary data/);
      expect(errors['truncated.pdf']).toMatchObject({ code: 'CORRUPT_FILE' });
      expect(errors['encrypted.pdf']).toMatchObject({ code: 'ENCRYPTED' });
      expect(errors['not-zip.docx']).toMatchObject({ code: 'CORRUPT_FILE' });
      expect(errors['zip-not-docx.docx']).toMatchObject({ code: 'UNSUPPORTED_FORMAT' });
      expect(errors['zip-not-docx.docx']!.error).toMatch(/ZIP archive/);
      expect(errors['picture.png']).toMatchObject({ code: 'NO_TEXT' });
      expect(errors['picture.png']!.error).toMatch(/PNG image/);
      expect(errors['scripts-only.html']).toMatchObject({ code: 'NO_TEXT' });
      expect(errors['garbage.txt']).toMatchObject({ code: 'CORRUPT_FILE' });
      expect(errors['garbage.txt']!.error).toMatch(/binary data/);
      expect(errors['empty.doc']).toMatchObject({ code: 'EMPTY_FILE' });
      expect(errors['not-ole.doc']).toMatchObject({ code: 'CORRUPT_FILE' });
      expect(errors['not-ole.doc']!.error).toMatch(/OLE2/);
      expect(errors['truncated.doc']).toMatchObject({ code: 'CORRUPT_FILE' });
      expect(errors['encrypted.doc']).toMatchObject({ code: 'ENCRYPTED' });
      expect(errors['truncated.rtf']).toMatchObject({ code: 'CORRUPT_FILE' });
      expect(errors['truncated.rtf']!.error).toMatch(/cut off/);
      expect(result.json.failed).toHaveLength(15);
    });

    it('shows every failure with its reason in `wenshi status`, and nothing half-written', async () => {
      const status = await wenshiJson<{ documents: number; failed: { path: string; error: string; stage: string }[] }>(['status', '--data', data], env());
      expect(status.json.failed).toHaveLength(15);
      for (const f of status.json.failed) expect(f.error.length).toBeGreaterThan(10);
      expect(status.json.documents).toBe(9);
    });
  });
});
