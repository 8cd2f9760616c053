/**
 * Documents that carry the fields issue 15 adds (发文字号, subtitle, adoption history, the types law,
 * regulation and reply), archived and indexed the way `wenshi ingest` does it: the file goes
 * through the real content stages, and only the classify stage's metadata is replaced by what a
 * careful reader records, so these tests hold whatever the classifier reads today.
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../pipeline/analyze/index.js';
import { processSource } from '../../pipeline/flow.js';
import { indexDocuments } from '../../pipeline/indexing.js';
import type { SearchEngine } from '../../pipeline/search/types.js';
import { sha256 } from '../../pipeline/store/blobs.js';
import type { Archive } from '../../pipeline/store/archive.js';
import type { DocumentMeta } from '../../pipeline/types.js';

export interface NumberedFixture {
  file: string;
  text: string;
  meta: DocumentMeta;
}

export const NUMBERED: readonly NumberedFixture[] = [
  {
    file: 'guobanfa-2019-5.txt',
    text: [
      '国务院办公厅关于加强政务新媒体建设的通知',
      '国办发〔2019〕5号',
      '各省、自治区、直辖市人民政府，国务院各部委、各直属机构：',
      '一、各地区各部门应当每年开展一次政务新媒体检查。',
      '二、不得以任何理由擅自关停政务新媒体。',
      '国务院办公厅',
      '2019年4月18日',
      '',
    ].join('\n'),
    meta: {
      title: '国务院办公厅关于加强政务新媒体建设的通知', subtitle: null, type: 'notice', issuer: '国务院办公厅',
      level: 'central', region: null, date: '2019-04-18', year: 2019, docNumber: '国办发〔2019〕5号', history: [],
      rules: { title: 'first line', docNumber: 'line after title', type: 'title suffix 通知' },
    },
  },
  {
    file: 'guofa-2020-12.txt',
    text: [
      '国务院关于进一步做好政务新媒体检查工作的通知',
      '国发〔2020〕12号',
      '一、政务新媒体检查结果应当向社会公开。',
      '国务院',
      '2020年6月1日',
      '',
    ].join('\n'),
    meta: {
      title: '国务院关于进一步做好政务新媒体检查工作的通知', subtitle: null, type: 'notice', issuer: '国务院',
      level: 'central', region: null, date: '2020-06-01', year: 2020, docNumber: '国发〔2020〕12号', history: [],
      rules: { title: 'first line', docNumber: 'line after title' },
    },
  },
  {
    file: 'river-regulation.txt',
    text: [
      '青川省河道管理条例',
      '（2005年11月25日青川省第十届人民代表大会常务委员会第十七次会议通过　根据2018年1月23日青川省第十二届人民代表大会常务委员会第三十五次会议修正）',
      '第一条 为了加强河道管理，保障防洪安全，制定本条例。',
      '第二条 县级以上人民政府应当每年组织一次河道安全检查。',
      '',
    ].join('\n'),
    meta: {
      title: '青川省河道管理条例', subtitle: null, type: 'regulation', issuer: '青川省人民代表大会常务委员会',
      level: 'provincial', region: '青川省', date: '2018-01-23', year: 2018, docNumber: null,
      history: [
        { date: '2005-11-25', event: 'adopted', body: '青川省第十届人民代表大会常务委员会第十七次会议' },
        { date: '2018-01-23', event: 'amended', body: '青川省第十二届人民代表大会常务委员会第三十五次会议' },
      ],
      rules: { title: 'first line', date: 'latest history event' },
    },
  },
  {
    file: 'work-report-2019.txt',
    text: [
      '政府工作报告',
      '——2019年3月5日在第十三届全国人民代表大会第二次会议上',
      '各位代表：',
      '现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。',
      '',
    ].join('\n'),
    meta: {
      title: '政府工作报告', subtitle: '2019年3月5日在第十三届全国人民代表大会第二次会议上', type: 'work_report', issuer: '国务院',
      level: 'central', region: null, date: '2019-03-05', year: 2019, docNumber: null, history: [],
      rules: { title: 'first line', subtitle: 'dash line under the title' },
    },
  },
];

/** The fixture whose 发文字号 the tests look for. */
export const GUOBANFA = NUMBERED[0]!;

/** Writes the fixtures as TXT files into `dir`; returns their paths. */
export function writeNumbered(dir: string): string[] {
  return NUMBERED.map((f) => {
    const path = join(dir, f.file);
    writeFileSync(path, f.text);
    return path;
  });
}

/**
 * Archives and indexes each file as `wenshi ingest` does, with the fixture's metadata in place of
 * the classifier's; returns the document ids in fixture order.
 */
export async function archiveNumbered(archive: Archive, engine: SearchEngine | null, paths: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, path] of paths.entries()) {
    const bytes = readFileSync(path);
    const processed = await processSource({ path, bytes });
    if (processed.documents.length !== 1) throw new Error(`${path} became ${processed.documents.length} documents, not 1`);
    const meta = NUMBERED[i]!.meta;
    // Analyzed again under the fixture's type, as the pipeline would have with that classification.
    const documents = processed.documents.map((d) => ({ ...d, meta, analysis: analyze({ ...d, meta }) }));
    archive.saveSource({ sha256: sha256(bytes), path, size: bytes.length }, { ...processed, documents });
    if (engine) await indexDocuments(engine, documents);
    ids.push(documents[0]!.id);
  }
  return ids;
}
