// The compiled JavaScript in dist/ (built by `npm run build`, and by `npm ci` through the `prepare`
// script) or the TypeScript sources through tsx: the CLI and the processes and threads it starts
// run the compiled code whenever it is current. tsx costs about a second of transpiling per start,
// and its loader runs a second V8 isolate in every process (~130 MiB more in an extraction child).
// When dist/ is missing or older than a source file (a checkout never built, or edited since), the
// sources run instead: slower, never stale. A walk of the source folders decides (~200 stats).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
/** The folders tsconfig.build.json compiles; web/client is bundled by esbuild from its sources. */
const COMPILED = ['cli', 'pipeline', 'workers', 'web'];
const CLIENT = join(root, 'web', 'client');

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}

/** Whether some .ts file under `dir` changed after `time` (a hand-written walk: readdir's `recursive` is several times slower). */
function changedSince(dir, time) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() ? path !== CLIENT && changedSince(path, time) : entry.name.endsWith('.ts') && mtime(path) > time) return true;
  }
  return false;
}

export function compiledIsCurrent() {
  // A build rewrites every file of dist/, the CLI's entry included.
  const builtAt = mtime(join(root, 'dist', 'cli', 'main.js'));
  return builtAt >= 0 && !COMPILED.some((dir) => changedSince(join(root, dir), builtAt));
}

/** Imports the package's module at `path` (`cli/main.ts`): its compiled twin when dist/ is current, else the source through tsx. */
export async function importCurrent(path) {
  if (compiledIsCurrent()) return import(pathToFileURL(join(root, 'dist', path.replace(/\.ts$/, '.js'))).href);
  const { register } = await import('tsx/esm/api');
  register();
  return import(pathToFileURL(join(root, path)).href);
}
