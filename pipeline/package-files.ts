/**
 * Where the package's own files are, whether this code runs from the TypeScript sources (tsx,
 * vitest) or from the JavaScript compiled into `dist/` at install: data is found from the package
 * root, never from a module's own depth, which differs between the two trees.
 * @module
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder above this module that holds a package.json: the source tree has one, `dist/` none. */
function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

/** A file or folder of the package by its path from the root (`search-config/units.txt`). */
export function packagePath(path: string): string {
  return join(PACKAGE_ROOT, path);
}

/**
 * The entry of a thread or child process beside the module at `moduleUrl`. Compiled, it is the
 * sibling `<name>.js`; from the sources, the `<name>.mjs` shim, which runs the compiled twin when
 * dist/ is current and else registers tsx first, since a thread or child does not inherit the
 * parent's loader hooks (bin/compiled.js).
 */
export function entryBeside(moduleUrl: string, name: string): URL {
  return new URL(`./${name}${moduleUrl.endsWith('.js') ? '.js' : '.mjs'}`, moduleUrl);
}
