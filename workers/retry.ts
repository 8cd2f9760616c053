/**
 * Which failed sources to run again, for `wenshi retry` and the web's retry button alike: each
 * from the file at its recorded path. A file whose bytes changed (it was fixed) has the failure of
 * its old bytes forgotten; a file that is gone stays failed. A member of a ZIP archive is retried
 * by ingesting its archive again.
 * @module
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { archiveOf } from '../pipeline/extract/zip-archive.js';
import type { Archive } from '../pipeline/store/archive.js';
import { BlobStore, sha256File } from '../pipeline/store/blobs.js';

export interface RetryPlan {
  /** Files to ingest again, one entry per path, in path order. */
  files: { path: string; size: number }[];
  /** Failed files no longer at their path. */
  gone: string[];
  /** Web uploads put back from the content store for this retry; the caller removes them after. */
  restored: string[];
}

/** Where the server keeps uploads while it ingests them (removed after: the bytes stay in the store). */
export function uploadsDir(dataDir: string): string {
  return join(dataDir, 'uploads');
}

/**
 * A failed web upload whose file is gone (uploads are kept as blobs only) is written back to its
 * path from the content store, when the store has its bytes; true when it was.
 */
async function restoreUpload(archive: Archive, path: string, sha: string): Promise<boolean> {
  if (!resolve(path).startsWith(resolve(uploadsDir(archive.dataDir)) + sep)) return false;
  const blobs = new BlobStore(join(archive.dataDir, 'blobs'));
  if (!(await blobs.has(sha))) return false;
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, await blobs.get(sha), { flag: 'wx' });
  return true;
}

/** Plans a retry of every failure, or of those whose source hash is listed. */
export async function planRetry(archive: Archive, only?: readonly string[]): Promise<RetryPlan> {
  const plan: RetryPlan = { files: [], gone: [], restored: [] };
  const seen = new Set<string>();
  for (const f of archive.failures()) {
    if (only && !only.includes(f.sha256)) continue;
    if (await restoreUpload(archive, f.path, f.sha256).catch(() => false)) plan.restored.push(f.path);
    const zip = archiveOf(f.path);
    const now = await sha256File(f.path).catch(() => null);
    let path = f.path;
    if (!now && zip && (await stat(zip).then((s) => s.isFile(), () => false))) {
      // A member of a ZIP archive is read again by unpacking the archive again (its other members
      // are unchanged); its failure is forgotten, and recorded anew if it fails again.
      archive.forgetFailure(f.sha256);
      path = zip;
    } else if (!now) {
      // A folder the walk could not read is walked again, its failure forgotten (a new one is recorded if it still fails).
      if (!(await stat(f.path).then((s) => s.isDirectory(), () => false))) {
        plan.gone.push(f.path);
        continue;
      }
      archive.forgetFailure(f.sha256);
    }
    else if (now !== f.sha256) archive.forgetFailure(f.sha256);
    if (seen.has(path)) continue;
    seen.add(path);
    plan.files.push({ path, size: f.size });
  }
  plan.files.sort((a, b) => a.path.localeCompare(b.path));
  return plan;
}
