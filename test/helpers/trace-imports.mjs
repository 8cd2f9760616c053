// Preloaded (`node --import`) into a CLI process by test/cli-startup.test.ts: appends every module
// URL the process (and its worker threads, which inherit the preload) resolves to $TRACE_IMPORTS_FILE.
import { register } from 'node:module';

register(new URL('./trace-imports-hooks.mjs', import.meta.url), { data: { file: process.env.TRACE_IMPORTS_FILE } });
