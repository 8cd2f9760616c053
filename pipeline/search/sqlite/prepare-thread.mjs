// Entry of the segmentation thread: TypeScript loads through tsx here as in the main thread
// (bin/wenshi.js), whose loader hooks a worker thread does not inherit.
import { register } from 'tsx/esm/api';

register();
await import('./prepare-thread.ts');
