// Entry of the segmentation thread run from the sources (dist/ has the compiled prepare-thread.js):
// TypeScript loads through tsx, whose loader hooks a worker thread does not inherit from the main thread.
import { register } from 'tsx/esm/api';

register();
await import('./prepare-thread.ts');
