/**
 * Content-addressed store: original bytes and large intermediate results under `<data>/blobs/ab/cdef…`,
 * named by their SHA-256, so workers on other machines pass hashes instead of megabytes.
 * @module
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Hashes a file without reading it whole into memory (used for files too large to process). */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export class BlobStore {
  constructor(readonly root: string) {}

  pathOf(hash: string): string {
    return join(this.root, hash.slice(0, 2), hash.slice(2));
  }

  async has(hash: string): Promise<boolean> {
    return stat(this.pathOf(hash)).then(() => true, () => false);
  }

  /**
   * Stores bytes under their hash; writing the same bytes twice is a no-op. Atomic: readers never
   * see half a file. A caller that has just hashed these bytes passes the hash, so a large file is
   * not hashed twice.
   */
  async put(bytes: Buffer | string, hash = sha256(bytes)): Promise<string> {
    const target = this.pathOf(hash);
    if (await this.has(hash)) return hash;
    await mkdir(join(this.root, hash.slice(0, 2)), { recursive: true });
    const tmp = `${target}.${randomUUID()}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, target);
    return hash;
  }

  async get(hash: string): Promise<Buffer> {
    return readFile(this.pathOf(hash));
  }

  /** Removes what is stored under a hash; an unknown hash is ignored. */
  async delete(hash: string): Promise<void> {
    await rm(this.pathOf(hash), { force: true });
  }

  async putJson(value: unknown): Promise<string> {
    return this.put(JSON.stringify(value));
  }

  async getJson<T>(hash: string): Promise<T> {
    return JSON.parse((await this.get(hash)).toString('utf8')) as T;
  }
}
