/**
 * Uploaded files onto disk: each request gets a fresh folder under `<data>/uploads/` with a generated
 * name, each file a numbered folder in it and its name reduced to safe characters; nothing the
 * request says about paths is used.
 * Files of other types or over the size limit are refused one by one, never written. The runner
 * removes the files once their batch ends (web/runner.ts): uploads are kept as blobs only.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';

/** The file types the pipeline reads. */
export const ACCEPTED_EXTENSIONS: readonly string[] = ['.txt', '.md', '.htm', '.html', '.pdf', '.docx', '.doc', '.wps', '.rtf', '.ofd', '.zip', '.png', '.jpg', '.jpeg', '.tif', '.tiff'];

export interface UploadLimits {
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** Most files in one request. */
  maxFiles: number;
}

export interface Upload {
  /** The name the browser gave, for display only. */
  name: string;
  size: number;
  /** Where it was saved; null when refused. */
  path: string | null;
  /** Why it was refused. */
  refused: string | null;
  /** Refused for its size alone. */
  tooLarge?: boolean;
}

export interface UploadRequest {
  uploads: Upload[];
  /** The request's folder; null when nothing was kept (it is removed then). */
  dir: string | null;
  /** Text fields of the form (e.g. `level`). */
  fields: Record<string, string>;
}

/** Longest saved file name, in characters (file systems count bytes; CJK takes 3). */
const MAX_NAME = 60;

/**
 * The last path segment of a browser-given name, keeping letters, digits, CJK, `.`, `-`, `_`, and
 * never starting with a dot; the extension survives shortening.
 */
export function safeName(original: string): string {
  const base = original.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^[._]+/, '');
  const ext = extname(cleaned).toLowerCase();
  const stem = cleaned.slice(0, cleaned.length - ext.length).slice(0, MAX_NAME - ext.length);
  return `${stem || 'file'}${ext}`;
}

/** A new folder name for one upload request: sortable by time, unguessable. */
function folderName(): string {
  return `${new Date().toISOString().slice(0, 10)}-${randomBytes(6).toString('hex')}`;
}

/** Saves the files of a multipart request into a new folder under `uploadsDir`. */
export async function saveUploads(request: FastifyRequest, uploadsDir: string, limits: UploadLimits): Promise<UploadRequest> {
  const root = resolve(uploadsDir);
  const dir = join(root, folderName());
  await mkdir(dir, { recursive: true });
  const uploads: Upload[] = [];
  const fields: Record<string, string> = {};
  try {
    const parts = request.parts({ limits: { fileSize: limits.maxBytes, files: limits.maxFiles, fields: 10, fieldSize: 1000 } });
    for await (const part of parts) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value);
        continue;
      }
      const name = part.filename || 'file';
      const ext = extname(name).toLowerCase();
      if (!ACCEPTED_EXTENSIONS.includes(ext)) {
        part.file.resume();
        uploads.push({ name, size: 0, path: null, refused: `文件类型 ${ext || '（无扩展名）'} 不受支持：只接受 ${ACCEPTED_EXTENSIONS.join(' ')} (unsupported type)` });
        continue;
      }
      // A numbered folder per file keeps two files of one name apart, and the file its own name: the
      // archive records it, and the original is downloaded under it.
      const target = join(dir, String(uploads.length + 1).padStart(2, '0'), safeName(name));
      // The name is ours, but check anyway: nothing may land outside the request's folder.
      if (!resolve(target).startsWith(dir + sep)) throw new Error(`upload path escaped its folder: ${target}`);
      await mkdir(dirname(target));
      await pipeline(part.file, createWriteStream(target, { flags: 'wx' }));
      if (part.file.truncated) {
        await rm(target, { force: true });
        uploads.push({ name, size: part.file.bytesRead, path: null, refused: `文件超过 ${limits.maxBytes} 字节的上限 (over the size limit)`, tooLarge: true });
        continue;
      }
      uploads.push({ name, size: part.file.bytesRead, path: target, refused: null });
    }
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  if (uploads.some((u) => u.path)) return { uploads, dir, fields };
  await rm(dir, { recursive: true, force: true });
  return { uploads, dir: null, fields };
}
