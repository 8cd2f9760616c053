/**
 * ZIP archives of files: members named `<archive>!/<name>` with their names decoded as their
 * archiver wrote them (UTF-8 from Info-ZIP without the flag, GBK from Chinese Windows), each
 * inflated no further than declared; a bad member fails alone with its code, a bad archive as a
 * whole before anything is inflated. `papers.zip` was made with Info-ZIP's `zip`; the others are
 * built here, bombs included (never committed).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PipelineError } from '../pipeline/errors.js';
import { isZipArchive, zipMembers, type UnpackOptions, type ZipMember } from '../pipeline/extract/zip-archive.js';
import { zipDirectory } from '../pipeline/extract/zip-directory.js';
import { DEFAULT_ZIP_LIMITS } from '../pipeline/extract/zip-limits.js';
import { FIXTURES, SEED } from './helpers/cli.js';
import { buildDocx, buildZip, deflateRepeated, paragraph } from './helpers/zip.js';

const MB = 1024 * 1024;
const PAPERS = join(FIXTURES, 'papers.zip');
const OPTS = { maxBytes: 50 * MB };

function members(bytes: Buffer, opts: UnpackOptions = OPTS): ZipMember[] {
  return [...zipMembers(bytes, '/in/a.zip', opts)];
}

function failureOf(list: ZipMember[], name: string) {
  const m = list.find((x) => x.path === `/in/a.zip!/${name}`);
  if (!m || !('failure' in m)) throw new Error(`${name} did not fail: ${JSON.stringify(list.map((x) => x.path))}`);
  return m.failure;
}

function archiveError(bytes: Buffer): PipelineError {
  try {
    members(bytes);
  } catch (err) {
    expect(err).toBeInstanceOf(PipelineError);
    return err as PipelineError;
  }
  throw new Error('the archive was unpacked');
}

/** Heap and off-heap bytes the process holds now. */
function held(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.external + m.arrayBuffers;
}

describe('ZIP archives of files', () => {
  it('names members by archive and path inside, UTF-8 names written without the flag (Info-ZIP) read right, folders skipped', () => {
    const bytes = readFileSync(PAPERS);
    expect([...zipDirectory(bytes)!.entries()].every((e) => (e.flags & 0x0800) === 0)).toBe(true);
    const list = [...zipMembers(bytes, PAPERS, OPTS)];
    expect(list.map((m) => m.path)).toEqual([
      `${PAPERS}!/2019/协商纪要.txt`,
      `${PAPERS}!/2019/关于加强人民政协协商民主建设的实施意见.docx`,
      `${PAPERS}!/损坏/truncated.doc`,
    ]);
    const docx = list[1]!;
    expect('bytes' in docx && docx.bytes.equals(readFileSync(join(FIXTURES, 'opinion-headings.docx')))).toBe(true);
  });

  it('reads GBK names (Chinese Windows, no UTF-8 flag) as GB18030, and flagged UTF-8 names as UTF-8', () => {
    const zip = buildZip([
      { name: '政协文件/关于召开专题协商会的通知.txt', data: '通知', gbkName: true },
      { name: '提案/第一号提案.txt', data: '提案' },
    ]);
    expect([...zipDirectory(zip)!.entries()][0]!.flags & 0x0800).toBe(0);
    expect(members(zip).map((m) => m.path)).toEqual(['/in/a.zip!/政协文件/关于召开专题协商会的通知.txt', '/in/a.zip!/提案/第一号提案.txt']);
  });

  it('fails a bomb member alone with TOO_LARGE naming the limit, holding nothing of it, while the others are read', async () => {
    const zip = buildZip([
      { name: 'bomb.txt', data: await deflateRepeated('', ' ', 40 * MB, '') },
      { name: 'liar.txt', data: await deflateRepeated('', ' ', 200 * MB, ''), claimedSize: 1000 },
      { name: 'seed.txt', data: readFileSync(SEED) },
    ]);
    const before = held();
    const list = members(zip);
    expect(held() - before).toBeLessThan(20 * MB);
    expect(failureOf(list, 'bomb.txt')).toMatchObject({ code: 'TOO_LARGE', message: expect.stringMatching(/bomb\.txt unpacks to \d+ times.*zip\.maxRatio/) });
    expect(failureOf(list, 'liar.txt')).toMatchObject({ code: 'TOO_LARGE', message: expect.stringMatching(/liar\.txt inflates to more than the 1000 bytes its directory declares: a ZIP bomb/) });
    expect(list.at(-1)).toEqual({ path: '/in/a.zip!/seed.txt', bytes: readFileSync(SEED) });
    // A member is a file: over the batch's file limit it fails as a file on disk would.
    expect(failureOf(members(zip, { maxBytes: 1000 }), 'seed.txt')).toMatchObject({ code: 'TOO_LARGE', message: expect.stringContaining('(maxBytes)') });
  }, 60_000);

  it('refuses a nested ZIP archive, an encrypted member and a damaged one, each with its code', () => {
    const inner = buildZip([{ name: 'x.txt', data: '文字' }]);
    const zip = buildZip([
      { name: 'inner.zip', data: inner },
      { name: 'secret.txt', data: '机密', encrypted: true },
      { name: 'ok.docx', data: buildDocx(paragraph('各级政协要加强协商。')) },
    ]);
    // A flipped byte in the last member's packed data: its checksum no longer matches.
    const damaged = Buffer.from(zip);
    const at = damaged.indexOf('ok.docx', 0, 'utf8') + 'ok.docx'.length + 40;
    damaged[at] = damaged[at]! ^ 0xff;
    const list = members(damaged);
    expect(failureOf(list, 'inner.zip')).toMatchObject({ code: 'UNSUPPORTED_FORMAT', message: expect.stringContaining('itself a ZIP archive') });
    expect(failureOf(list, 'secret.txt').code).toBe('ENCRYPTED');
    expect(failureOf(list, 'ok.docx').code).toBe('CORRUPT_FILE');
    expect('bytes' in members(zip)[2]!).toBe(true);
  });

  it('refuses the archive as a whole, before inflating, over the entry count or the unpacked total; cut off; or holding no file', async () => {
    const many = buildZip(Array.from({ length: DEFAULT_ZIP_LIMITS.maxEntries + 1 }, (_, i) => ({ name: `f${i}.txt`, data: '文' })));
    expect(archiveError(many)).toMatchObject({ code: 'TOO_LARGE', message: expect.stringContaining('(zip.maxEntries)') });
    // Members that are each within limits, but together unpack past the total (set low here).
    const seed = readFileSync(SEED);
    const three = buildZip([1, 2, 3].map((i) => ({ name: `part${i}.txt`, data: seed })));
    expect(() => members(three, { maxBytes: 50 * MB, zip: { maxTotalBytes: 2.5 * seed.length } })).toThrow(/\(zip\.maxTotalBytes\)/);
    const papers = readFileSync(PAPERS);
    expect(archiveError(papers.subarray(0, papers.length - 100)).code).toBe('CORRUPT_FILE');
    expect(archiveError(buildZip([{ name: 'dir/', data: '' }, { name: '__MACOSX/._a.txt', data: 'x' }, { name: '.DS_Store', data: 'x' }])).code).toBe('EMPTY_FILE');
  }, 60_000);

  it('unpacks only plain archives: not a DOCX, and not a plain ZIP named as a format we read (that is the file, damaged)', () => {
    const plain = readFileSync(PAPERS);
    expect(isZipArchive(plain, 'papers.zip')).toBe(true);
    expect(isZipArchive(plain, 'papers')).toBe(true);
    expect(isZipArchive(plain, 'report.docx')).toBe(false);
    expect(isZipArchive(readFileSync(join(FIXTURES, 'seed.docx')), 'seed.zip')).toBe(false);
  });
});
