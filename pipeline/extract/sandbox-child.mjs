// Entry of an extraction process started from the sources: the compiled sandbox-child.js when dist/ is current, else the TypeScript through tsx.
import { importCurrent } from '../../bin/compiled.js';

await importCurrent('pipeline/extract/sandbox-child.ts');
