// Entry of the warming thread started from the sources: the compiled warm-thread.js when dist/ is current,
// else the TypeScript through tsx, whose loader hooks a worker thread does not inherit from the main thread.
import { importCurrent } from '../../../bin/compiled.js';

await importCurrent('pipeline/search/sqlite/warm-thread.ts');
