#!/usr/bin/env node
// The CLI: compiled JavaScript when dist/ is current, else the TypeScript through tsx (bin/compiled.js).
import { importCurrent } from './compiled.js';

// `wenshi docs | head` closes the pipe early: that ends the output, it is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

const { main } = await importCurrent('cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
