/**
 * Content-addressed store: original bytes and large intermediate results under `<data>/blobs/ab/cdef…`,
 * named by their SHA-256, so workers on other machines pass hashes instead of megabytes.
 * Bytes that compress are kept in brotli as `ab/cdef….br` (text and JSON to under a third); bytes
 * that do not (PDF, DOCX, images: already compressed) are kept as they are, under the bare hash, as
 * every blob was before. Blob stores made before keep gzipped ones as `ab/cdef….gz`, and they read.
 * The name says which, so a stored `.gz` original is never mistaken for packing.
 * @module
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress as brotliCb, brotliDecompress as unbrotliCb, constants, gunzip as gunzipCb } from 'node:zlib';

const brotli = promisify(brotliCb);
const unbrotli = promisify(unbrotliCb);
const gunzip = promisify(gunzipCb);

/**
 * Brotli quality 6 in text mode: on the 10 % scale corpus's originals 0.303 of the bytes at ~30 MB/s,
 * where gzip level 4 (before) kept 0.329 at ~55 MB/s (+0.1 s CPU for 6.3 MB, under 1 % of its ingest)
 * and quality 7 0.292 at ~10 MB/s. Whether a file is worth it is judged on its first SAMPLE bytes:
 * packed they must come to at most WORTH of their size, else the whole is stored raw (a PDF's
 * deflated streams come to ~99 %).
 */
const QUALITY = 6;
/** Brotli's window: 2^18 bytes. */
const WINDOW_BITS = 18;
const SAMPLE = 256 * 1024;
const WORTH = 0.9;

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

  /** Where the bytes are kept as they are (packed: this path with `.br`, or `.gz` in a store made before). */
  pathOf(hash: string): string {
    return join(this.root, hash.slice(0, 2), hash.slice(2));
  }

  async has(hash: string): Promise<boolean> {
    const exists = (path: string) => stat(path).then(() => true, () => false);
    const path = this.pathOf(hash);
    return (await exists(`${path}.br`)) || (await exists(`${path}.gz`)) || exists(path);
  }

  /**
   * Stores bytes under their hash; writing the same bytes twice is a no-op. Atomic: readers never
   * see half a file. A caller that has just hashed these bytes passes the hash, so a large file is
   * not hashed twice.
   */
  async put(bytes: Buffer | string, hash = sha256(bytes)): Promise<string> {
    if (await this.has(hash)) return hash;
    const packed = await packedOrNull(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes);
    const target = packed ? `${this.pathOf(hash)}.br` : this.pathOf(hash);
    await mkdir(join(this.root, hash.slice(0, 2)), { recursive: true });
    const tmp = `${target}.${randomUUID()}.tmp`;
    await writeFile(tmp, packed ?? bytes);
    await rename(tmp, target);
    return hash;
  }

  async get(hash: string): Promise<Buffer> {
    const path = this.pathOf(hash);
    const br = await readIfAny(`${path}.br`);
    if (br) return unbrotli(br);
    const gz = await readIfAny(`${path}.gz`);
    return gz ? gunzip(gz) : readFile(path);
  }

  /** Removes what is stored under a hash; an unknown hash is ignored. */
  async delete(hash: string): Promise<void> {
    const path = this.pathOf(hash);
    await Promise.all([`${path}.br`, `${path}.gz`, path].map((p) => rm(p, { force: true })));
  }

  async putJson(value: unknown): Promise<string> {
    return this.put(JSON.stringify(value));
  }

  async getJson<T>(hash: string): Promise<T> {
    return JSON.parse((await this.get(hash)).toString('utf8')) as T;
  }
}

/** A file's bytes, or null when there is none. */
function readIfAny(path: string): Promise<Buffer | null> {
  return readFile(path).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw e;
  });
}

/** The packing in progress: the next waits for it (see {@link pack}). */
let packing: Promise<unknown> = Promise.resolve();

/**
 * On libuv's pool, one at a time, with a 256 KiB window: off the thread that reads, extracts and
 * writes (an ingest's busiest), which sees to other files meanwhile. Several encoders at once with
 * the default 4 MiB window left each pool thread's heap grown: peak RSS of a full scale ingest
 * 391–403 → 434 MB (window 256 KiB: 421); on the calling thread, 403. Originals above 256 KiB are
 * rare, and came out the same on the scale corpus; ~17 ms for a 500 kB text.
 */
function pack(bytes: Buffer): Promise<Buffer> {
  const packed = packing.then(() => brotli(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: QUALITY, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length, [constants.BROTLI_PARAM_LGWIN]: WINDOW_BITS,
    },
  }));
  packing = packed.catch(() => undefined);
  return packed;
}

/** The bytes packed, or null when a sample of them shows packing is not worth it. */
async function packedOrNull(bytes: Buffer): Promise<Buffer | null> {
  if (bytes.length > SAMPLE && (await pack(bytes.subarray(0, SAMPLE))).length > SAMPLE * WORTH) return null;
  const out = await pack(bytes);
  return out.length <= bytes.length * WORTH ? out : null;
}
