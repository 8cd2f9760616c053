#!/usr/bin/env node
// The CLI runs the JavaScript compiled into dist/ by `npm run build` (and by `npm ci`, through the
// `prepare` script): starting through tsx costs about a second of transpiling on every command.
// When dist/ is missing or older than a source file (a checkout never built, or edited since), the
// TypeScript runs through tsx instead: slower, never stale. A walk of the source folders decides (~200 stats).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
/** The folders tsconfig.build.json compiles; web/client is bundled by esbuild from its sources. */
const COMPILED = ['cli', 'pipeline', 'workers', 'web'];
const ENTRY = join(root, 'dist', 'cli', 'main.js');
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

function compiledIsCurrent() {
  // A build rewrites every file of dist/, the entry included.
  const builtAt = mtime(ENTRY);
  return builtAt >= 0 && !COMPILED.some((dir) => changedSince(join(root, dir), builtAt));
}

// `wenshi docs | head` closes the pipe early: that ends the output, it is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

let main;
if (compiledIsCurrent()) {
  ({ main } = await import(new URL('../dist/cli/main.js', import.meta.url).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
