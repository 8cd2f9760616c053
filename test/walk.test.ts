/**
 * The walk over the folders a user names: nothing it meets ends it. Tests run as root, whom
 * permission bits do not stop, so unreadable folders are made the ways root cannot read either: a
 * folder removed while the walk runs, a link that points nowhere, a link through a file where a
 * folder is expected, a FIFO (which would block a reader forever).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { walkFiles, type WalkEntry } from '../pipeline/files.js';
import { tempDir } from './helpers/cli.js';

async function walk(paths: string[], opts: Parameters<typeof walkFiles>[1] = {}, during?: (e: WalkEntry) => void): Promise<WalkEntry[]> {
  const out: WalkEntry[] = [];
  for await (const e of walkFiles(paths, opts)) {
    out.push(e);
    during?.(e);
  }
  return out;
}

function tree(files: Record<string, string>): string {
  const root = tempDir('wenshi-walk-');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

describe('walking folders', () => {
  it('records a folder removed while the walk runs and goes on with the rest', async () => {
    const root = tree({ 'a/1.txt': '一', 'b/2.txt': '二', 'c/3.txt': '三' });
    // The root is listed before `b` is read: removing it after the first file makes `b` vanish mid-walk.
    const entries = await walk([root], {}, (e) => e.path.endsWith('1.txt') && rmSync(join(root, 'b'), { recursive: true }));
    expect(entries).toEqual([
      { kind: 'file', path: join(root, 'a/1.txt') },
      { kind: 'failed', path: join(root, 'b'), failure: expect.objectContaining({ code: 'NOT_FOUND', stage: 'read' }) },
      { kind: 'file', path: join(root, 'c/3.txt') },
    ]);
  });

  it('follows links to files and folders, and fails a link to nothing or through a file', async () => {
    const outside = tree({ 'real.txt': '真', 'folder/inner.txt': '内' });
    const root = tree({ 'plain.txt': '文' });
    symlinkSync(join(outside, 'real.txt'), join(root, 'linked.txt'));
    symlinkSync(join(outside, 'folder'), join(root, 'linked-folder'));
    symlinkSync(join(root, 'missing.txt'), join(root, 'dangling.txt'));
    symlinkSync(join(root, 'plain.txt', 'sub'), join(root, 'through-a-file'));
    const entries = await walk([root]);
    expect(entries).toEqual([
      { kind: 'failed', path: join(root, 'dangling.txt'), failure: expect.objectContaining({ code: 'NOT_FOUND' }) },
      { kind: 'file', path: join(root, 'linked-folder/inner.txt') },
      { kind: 'file', path: join(root, 'linked.txt') },
      { kind: 'file', path: join(root, 'plain.txt') },
      { kind: 'failed', path: join(root, 'through-a-file'), failure: expect.objectContaining({ code: 'NOT_FOUND' }) },
    ]);
  });

  it('walks a folder linked into itself once, and says why it stopped', async () => {
    const root = tree({ 'x.txt': '一' });
    symlinkSync(root, join(root, 'loop'));
    const entries = await walk([root]);
    expect(entries).toEqual([
      { kind: 'skipped', path: join(root, 'loop'), reason: expect.stringContaining('already walked') },
      { kind: 'file', path: join(root, 'x.txt') },
    ]);
  });

  it('skips a FIFO with its reason instead of blocking on it', async () => {
    const root = tree({ 'x.txt': '一' });
    execFileSync('mkfifo', [join(root, 'pipe')]);
    expect(await walk([root])).toEqual([
      { kind: 'skipped', path: join(root, 'pipe'), reason: 'a named pipe (FIFO)' },
      { kind: 'file', path: join(root, 'x.txt') },
    ]);
  });

  it('never walks into the data folder, nor any folder holding an archive', async () => {
    const root = tree({ 'x.txt': '一', 'data/archive.sqlite': '', 'data/archive.sqlite-wal': '', 'data/blobs/ab/cd': '',
      'elsewhere/archive.sqlite': '', 'elsewhere/search.sqlite': '' });
    const data = join(root, 'data');
    expect(await walk([root], { dataDir: data })).toEqual([
      { kind: 'skipped', path: data, reason: 'the archive’s own data folder' },
      { kind: 'skipped', path: join(root, 'elsewhere'), reason: expect.stringContaining('archive.sqlite') },
      { kind: 'file', path: join(root, 'x.txt') },
    ]);
    // Named one by one, the archive's own files are still not inputs; a file kept there to ingest (an upload) is.
    writeFileSync(join(data, 'upload.txt'), '上传');
    expect(await walk([join(data, 'archive.sqlite-wal'), join(data, 'blobs/ab/cd'), join(data, 'upload.txt')], { dataDir: data })).toEqual([
      { kind: 'skipped', path: join(data, 'archive.sqlite-wal'), reason: expect.stringContaining('data folder') },
      { kind: 'skipped', path: join(data, 'blobs/ab/cd'), reason: expect.stringContaining('data folder') },
      { kind: 'file', path: join(data, 'upload.txt') },
    ]);
  });
});
