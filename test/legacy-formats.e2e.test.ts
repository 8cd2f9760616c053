/**
 * Issue 21 end to end through the real CLI, in each ingest mode (embedded, and queue with workers): a folder with a WPS Writer file, a GBK RTF, a sealed and annotated OFD
 * (built by test/helpers/ofd.ts) and a Word 95 .doc with GBK text (test/helpers/word95.ts; read
 * through LibreOffice, so left out where soffice is missing, except under CI), plus a bad file of
 * each format and a password-protected .doc, is ingested in one batch; the bad files fail with
 * their own codes and the rest is stored and found by `wenshi search`, including a phrase that
 * the OFD's layout breaks across two lines.
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentSummary } from '../pipeline/store/archive.js';
import type { IngestSummary } from '../workers/summary.js';
import { officeEngine } from '../pipeline/extract/office.js';
import { FIXTURES, tempDir, wenshiJson } from './helpers/cli.js';
import { INGEST_MODES } from './helpers/modes.js';
import { buildOfd, wrap, type OfdSource } from './helpers/ofd.js';
import { buildWord95 } from './helpers/word95.js';

interface SearchJson {
  total: number;
  hits: { docId: string; title: string; snippet: string }[];
}

interface ShownDocument extends DocumentSummary {
  provenance: { path: string; format: string; reader: string | null }[];
}

const NOTICE: OfdSource = {
  title: '关于开展政协文史资料征集工作的通知',
  author: '某市政协办公厅',
  creationDate: '2021-01-24',
  paragraphs: [
    '各区县政协：',
    '为做好新时代政协文史资料征集工作，充分发挥文史资料存史资政、团结育人的作用，现将有关事项通知如下。各区县政协要高度重视，明确专人负责，广泛动员社会各界人士积极提供史料线索和实物资料。',
    '特此通知。',
  ],
};

/** A notice as Chinese Word 95 saved it (GBK text); needs LibreOffice to be read. */
const OLD_NOTICE = ['关于报送一九九六年文史资料选题的通知', '各委员所撰亲历史料，请于年底前报送市政协文史委员会。'];
const runOffice = (await officeEngine()) !== null || process.env.CI === 'true';
const SKIPPED = runOffice ? '' : ' — skipped: LibreOffice is not installed (apt-get install libreoffice-writer-nogui)';

/** A reviewer's remark on the OFD's stamp annotation, which is not the document's text. */
const ANNOT_REMARK = '拟同意转各专委会办理';

/** Three characters either side of the OFD's first line break in its second paragraph. */
const [firstLine = '', secondLine = ''] = wrap(NOTICE.paragraphs[1]!, 28, 2);
const ACROSS_BREAK = firstLine.slice(-3) + secondLine.slice(0, 3);

describe.each(INGEST_MODES)('ingesting .wps, GBK .rtf and .ofd with bad files of each in one batch ($name mode)', (mode) => {
  const env = mode.env;
  let data: string;
  let summary: { code: number; json: IngestSummary };
  afterAll(async () => mode.teardown?.(), 60_000);

  beforeAll(async () => {
    await mode.setup?.();
    const inbox = tempDir('wenshi-inbox-');
    copyFileSync(join(FIXTURES, 'opinion.wps'), join(inbox, 'opinion.wps'));
    copyFileSync(join(FIXTURES, 'notice.gbk.rtf'), join(inbox, 'notice.gbk.rtf'));
    // Sealed and annotated as an office's OFD often is; the annotations are not its text.
    const ofd = buildOfd([{ ...NOTICE, seal: NOTICE.author, customTags: true, annotations: [{ page: 0, type: 'Stamp', text: '已阅', remark: ANNOT_REMARK }] }]);
    writeFileSync(join(inbox, 'notice.ofd'), ofd);
    if (runOffice) writeFileSync(join(inbox, 'old.doc'), buildWord95(OLD_NOTICE));
    copyFileSync(join(FIXTURES, 'bad', 'encrypted.doc'), join(inbox, 'encrypted.doc'));
    copyFileSync(join(FIXTURES, 'bad', 'truncated.doc'), join(inbox, 'truncated.doc'));
    copyFileSync(join(FIXTURES, 'bad', 'truncated.rtf'), join(inbox, 'truncated.rtf'));
    writeFileSync(join(inbox, 'cut.ofd'), ofd.subarray(0, Math.floor(ofd.length / 2)));
    writeFileSync(join(inbox, 'empty.wps'), '');
    data = tempDir();
    summary = await wenshiJson<IngestSummary>(['ingest', inbox, '--data', data], env());
  }, 300_000);

  it('stores the good files and fails each bad one with its own code, going on with the batch', () => {
    expect(summary.json.sources).toBe(runOffice ? 4 : 3);
    const failed = Object.fromEntries(summary.json.failed.map((f) => [f.path.split('/').pop(), f.code]));
    expect(failed).toEqual({
      'truncated.doc': 'CORRUPT_FILE',
      'truncated.rtf': 'CORRUPT_FILE',
      'cut.ofd': 'CORRUPT_FILE',
      'empty.wps': 'EMPTY_FILE',
      'encrypted.doc': 'ENCRYPTED',
    });
    expect(summary.code).toBe(1);
  });

  it('finds a phrase that the OFD’s layout breaks across two lines', async () => {
    expect(firstLine).not.toContain(ACROSS_BREAK);
    const { json } = await wenshiJson<SearchJson>(['search', `"${ACROSS_BREAK}"`, '--in', 'documents', '--data', data], env());
    expect(json.hits.map((h) => h.title)).toContain(NOTICE.title);
  });

  it('does not find the OFD’s annotation remark, which is no part of its text', async () => {
    const { json } = await wenshiJson<SearchJson>(['search', `"${ANNOT_REMARK}"`, '--in', 'documents', '--data', data], env());
    expect(json.total).toBe(0);
  });

  it('finds GBK text of the RTF and the WPS file’s text', async () => {
    const rtf = (await wenshiJson<SearchJson>(['search', '"亲闻史料征集"', '--in', 'documents', '--data', data], env())).json;
    expect(rtf.total).toBeGreaterThan(0);
    const wps = (await wenshiJson<SearchJson>(['search', '"区政协一般每年召开"', '--in', 'documents', '--data', data], env())).json;
    expect(wps.total).toBeGreaterThan(0);
  });

  it.runIf(runOffice)(`finds GBK text of the Word 95 file, read through LibreOffice${SKIPPED}`, async () => {
    const { json } = await wenshiJson<SearchJson>(['search', '"请于年底前报送市政协"', '--in', 'documents', '--data', data], env());
    expect(json.hits.map((h) => h.title)).toEqual([OLD_NOTICE[0]]);
  });

  it('records which reader read each source', async () => {
    const docs = (await wenshiJson<DocumentSummary[]>(['docs', '--data', data], env())).json;
    const shown = (await wenshiJson<ShownDocument[]>(['show', ...docs.map((d) => d.id), '--data', data], env())).json;
    const readers = Object.fromEntries(shown.flatMap((d) => d.provenance).map((p) => [p.path.split('/').pop(), p.reader]));
    expect(readers['opinion.wps']).toMatch(/^word-extractor/);
    expect(readers['notice.gbk.rtf']).toBe('wenshi rtf-text');
    expect(readers['notice.ofd']).toBeNull();
    if (runOffice) expect(readers['old.doc']).toMatch(/^LibreOffice \d.* \(a Word 6\/95 file\)$/);
  });
});
