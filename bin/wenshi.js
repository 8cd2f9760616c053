#!/usr/bin/env node
// The CLI runs the JavaScript compiled into dist/ by `npm run build` (and by `npm ci`, through the
// `prepare` script): starting through tsx costs about a second of transpiling on every command.
// When dist/ is missing or older than a source file (a checkout never built, or edited since), the
// TypeScript runs through tsx instead: slower, never stale. A few hundred stats decide, ~5 ms.
import { readdirSync, statSync } from 'node:fs';

const root = new URL('..', import.meta.url);
/** The folders tsconfig.build.json compiles; web/client is bundled by esbuild from its sources. */
const COMPILED = ['cli', 'pipeline', 'workers', 'web'];
const ENTRY = new URL('dist/cli/main.js', root);

function mtime(url) {
  try {
    return statSync(url).mtimeMs;
  } catch {
    return -1;
  }
}

function compiledIsCurrent() {
  // A build rewrites every file of dist/, the entry included.
  const builtAt = mtime(ENTRY);
  if (builtAt < 0) return false;
  for (const dir of COMPILED) {
    for (const file of readdirSync(new URL(`${dir}/`, root), { recursive: true })) {
      if (file.endsWith('.ts') && !file.startsWith('client/') && mtime(new URL(`${dir}/${file}`, root)) > builtAt) return false;
    }
  }
  return true;
}

// `wenshi docs | head` closes the pipe early: that ends the output, it is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

let main;
if (compiledIsCurrent()) {
  ({ main } = await import(ENTRY.href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
