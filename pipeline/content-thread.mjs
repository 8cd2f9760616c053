// Entry of a content thread started from the sources: the compiled content-thread.js when dist/ is current,
// else the TypeScript through tsx, whose loader hooks a worker thread does not inherit from the main thread.
import { importCurrent } from '../bin/compiled.js';

await importCurrent('pipeline/content-thread.ts');
