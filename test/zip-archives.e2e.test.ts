/**
 * ZIP archives of files end to end through the real CLI, in each ingest mode (embedded, and queue
 * with workers): a folder holding `papers.zip` (made with Info-ZIP: a LibreOffice .docx, a .txt
 * and a cut-off .doc under Chinese folder names) and a zip with a GBK-named member (as Chinese
 * Windows writes them) is ingested; each member is a source named `<archive>!/<member>`, found by
 * search, the bad one failed alone with its reason in `wenshi status`, and a second ingest finds
 * everything unchanged. A second batch holds bombs (a ZIP with a bomb member, a ZIP of too many
 * entries, an OFD bomb): each fails alone with TOO_LARGE naming its limit, the rest is stored, and
 * the ingest's resident memory stays bounded (measured from /proc, not timed).
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipEntries } from '../pipeline/extract/zip-entries.js';
import { DEFAULT_ZIP_LIMITS } from '../pipeline/extract/zip-limits.js';
import type { DocumentSummary } from '../pipeline/store/archive.js';
import type { IngestSummary } from '../workers/summary.js';
import { BIN, FIXTURES, ROOT, SEED, tempDir, wenshi, wenshiJson } from './helpers/cli.js';
import { INGEST_MODES } from './helpers/modes.js';
import { buildOfd } from './helpers/ofd.js';
import { residentOf } from './helpers/proc.js';
import { buildZip, deflateRepeated } from './helpers/zip.js';

interface SearchJson {
  total: number;
  hits: { docId: string; title: string }[];
}

interface ShownDocument extends DocumentSummary {
  provenance: { path: string; format: string }[];
}

interface StatusJson {
  failed: { path: string; code: string; error: string }[];
}

const MB = 1024 * 1024;

const GBK_NOTICE = '关于召开文史资料征集座谈会的通知\n\n各区县政协：定于六月在市政协机关召开文史资料征集座谈会，请各单位推荐熟悉地方掌故的老同志参加，并提前报送亲历亲见亲闻史料线索。\n\n市政协文史委员会';

describe.each(INGEST_MODES)('a folder with ZIP archives of files ($name mode)', (mode) => {
  const env = mode.env;
  let inbox: string;
  let data: string;
  let first: { code: number; json: IngestSummary };
  afterAll(async () => mode.teardown?.(), 60_000);

  beforeAll(async () => {
    await mode.setup?.();
    inbox = tempDir('wenshi-zip-inbox-');
    copyFileSync(join(FIXTURES, 'papers.zip'), join(inbox, 'papers.zip'));
    writeFileSync(join(inbox, 'gbk.zip'), buildZip([{ name: '通知/文史座谈会通知.txt', data: GBK_NOTICE, gbkName: true }]));
    data = tempDir();
    first = await wenshiJson<IngestSummary>(['ingest', inbox, '--data', data], env());
  }, 300_000);

  it('stores each good member as a source of its own and fails the bad one alone', () => {
    expect(first.json).toMatchObject({ sources: 3, documents: 3, unchanged: 0 });
    expect(first.json.failed).toEqual([expect.objectContaining({ path: join(inbox, 'papers.zip!/损坏/truncated.doc'), code: 'CORRUPT_FILE', stage: 'extract' })]);
    expect(first.code).toBe(1);
  });

  it('finds phrases of the .txt and .docx members, each document naming its member as its source', async () => {
    const txt = (await wenshiJson<SearchJson>(['search', '"银杏广场议事会"', '--in', 'documents', '--data', data], env())).json;
    const docx = (await wenshiJson<SearchJson>(['search', '"广纳群言、广谋良策"', '--in', 'documents', '--data', data], env())).json;
    const gbk = (await wenshiJson<SearchJson>(['search', '"亲历亲见亲闻史料线索"', '--in', 'documents', '--data', data], env())).json;
    const ids = [txt, docx, gbk].map((r) => {
      expect(r.total).toBe(1);
      return r.hits[0]!.docId;
    });
    const shown = (await wenshiJson<ShownDocument[]>(['show', ...ids, '--data', data], env())).json;
    expect(shown.map((d) => d.provenance.map((p) => [p.path, p.format]))).toEqual([
      [[join(inbox, 'papers.zip!/2019/协商纪要.txt'), 'txt']],
      [[join(inbox, 'papers.zip!/2019/关于加强人民政协协商民主建设的实施意见.docx'), 'docx']],
      [[join(inbox, 'gbk.zip!/通知/文史座谈会通知.txt'), 'txt']],
    ]);
    const text = await wenshi(['show', ids[1]!, '--data', data], env());
    expect(text.stdout).toContain(`来源 source: ${join(inbox, 'papers.zip!/2019/关于加强人民政协协商民主建设的实施意见.docx')}`);
  });

  it('shows the bad member and its reason in status', async () => {
    const { json } = await wenshiJson<StatusJson>(['status', '--data', data], env());
    expect(json.failed).toEqual([expect.objectContaining({ path: join(inbox, 'papers.zip!/损坏/truncated.doc'), code: 'CORRUPT_FILE', error: expect.stringContaining('damaged') })]);
    const text = await wenshi(['status', '--data', data], env());
    expect(text.stdout).toContain(`✗ ${join(inbox, 'papers.zip!/损坏/truncated.doc')}`);
  });

  it('finds the same archives unchanged on a second ingest', async () => {
    const again = await wenshiJson<IngestSummary>(['ingest', inbox, '--data', data], env());
    expect(again.json).toMatchObject({ sources: 0, documents: 0, unchanged: 3 });
    expect(again.json.failed.map((f) => f.path)).toEqual([join(inbox, 'papers.zip!/损坏/truncated.doc')]);
  }, 120_000);
});

/** Runs the CLI, sampling its resident memory from /proc; returns the summary and the peak in bytes. */
function ingestMeasured(args: string[]): Promise<{ code: number | null; json: IngestSummary; peakRss: number }> {
  const { REDIS_URL: _redis, ...env } = process.env;
  const child = spawn(process.execPath, [BIN, ...args, '--json'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let peakRss = 0;
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const sample = setInterval(() => (peakRss = Math.max(peakRss, residentOf(child.pid!))), 20);
  return new Promise((resolve, reject) => child.on('close', (code) => {
    clearInterval(sample);
    try {
      resolve({ code, json: JSON.parse(stdout) as IngestSummary, peakRss });
    } catch {
      reject(new Error(`no JSON (exit ${code}): ${stdout}\n${stderr}`));
    }
  }));
}

describe('ZIP and OFD bombs in a batch', () => {
  it('fail alone with TOO_LARGE naming their limit, the batch going on, in bounded memory', async () => {
    const inbox = join(tempDir('wenshi-zip-bombs-'), 'in');
    mkdirSync(inbox);
    copyFileSync(SEED, join(inbox, 'seed.txt'));
    const spaces = await deflateRepeated('', ' ', 40 * MB, '');
    const hidden = await deflateRepeated('', ' ', 600 * MB, '');
    writeFileSync(join(inbox, 'bombs.zip'), buildZip([
      { name: 'bomb.txt', data: spaces },
      { name: 'liar.txt', data: hidden, claimedSize: 1000 },
      { name: 'note.txt', data: GBK_NOTICE },
    ]));
    writeFileSync(join(inbox, 'many.zip'), buildZip(Array.from({ length: DEFAULT_ZIP_LIMITS.maxEntries + 1 }, (_, i) => ({ name: `f${i}.txt`, data: '文' }))));
    const page = await deflateRepeated('<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016">', ' ', 600 * MB, '</ofd:Page>');
    // A valid OFD whose first page's content is swapped for 600 MB of XML that claims to be 2 KB.
    const ofd = zipEntries(buildOfd([{ title: '通知', paragraphs: ['正文'] }]))!;
    writeFileSync(join(inbox, 'bomb.ofd'), buildZip(ofd.names.map((name) =>
      (name === 'Doc_0/Pages/Page_0/Content.xml' ? { name, data: page, claimedSize: 2000 } : { name, data: ofd.read(name)! }))));

    // The same CLI on the seed alone, for the memory it takes without the bombs (jieba, engines, code).
    const alone = join(tempDir('wenshi-zip-seed-'), 'in');
    mkdirSync(alone);
    copyFileSync(SEED, join(alone, 'seed.txt'));
    const baseline = await ingestMeasured(['ingest', alone, '--data', tempDir()]);
    const run = await ingestMeasured(['ingest', inbox, '--data', tempDir()]);
    const failed = Object.fromEntries(run.json.failed.map((f) => [f.path.slice(inbox.length + 1), [f.code, f.error]]));
    expect(failed).toEqual({
      'bombs.zip!/bomb.txt': ['TOO_LARGE', expect.stringContaining('(zip.maxRatio)')],
      'bombs.zip!/liar.txt': ['TOO_LARGE', expect.stringContaining('a ZIP bomb')],
      'many.zip': ['TOO_LARGE', expect.stringContaining('(zip.maxEntries)')],
      'bomb.ofd': ['TOO_LARGE', expect.stringContaining('a ZIP bomb')],
    });
    // The seed (a bundle of pieces) and the ZIP's good member.
    expect(run.json.sources).toBe(2);
    // 1.2 GB of bombs went through; the CLI's own resident memory never held any of it: its peak stays
    // within 96 MiB of the seed's alone (~250–270 MiB with jieba and the engines; the batch took +51 here).
    expect(baseline.peakRss).toBeGreaterThan(0);
    const grew = run.peakRss - baseline.peakRss;
    expect(grew, `peak RSS ${Math.round(run.peakRss / MB)} MiB, ${Math.round(baseline.peakRss / MB)} MiB for the seed alone`).toBeLessThan(96 * MB);
    console.log(`bomb batch: peak RSS of the CLI ${Math.round(run.peakRss / MB)} MiB (seed alone ${Math.round(baseline.peakRss / MB)} MiB)`);
  }, 180_000);
});
