/**
 * Expands the paths a user gave into files, recursively and in a stable order, without reading them.
 * @module
 */
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PipelineError } from './errors.js';

/** Files under the given paths; hidden files and folders are skipped. */
export async function* walkFiles(paths: readonly string[]): AsyncGenerator<string> {
  for (const p of paths) {
    const full = resolve(p);
    const info = await stat(full).catch(() => null);
    if (!info) throw new PipelineError('NOT_FOUND', `no such file or folder: ${p}`, 'read');
    if (info.isFile()) {
      yield full;
      continue;
    }
    const entries = (await readdir(full, { withFileTypes: true }))
      .filter((e) => !e.name.startsWith('.'))
      .sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (e.isDirectory()) yield* walkFiles([join(full, e.name)]);
      else if (e.isFile()) yield join(full, e.name);
    }
  }
}
