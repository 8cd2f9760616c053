// Entry of an extraction process: TypeScript loads through tsx, as in bin/wenshi.js.
import { register } from 'tsx/esm/api';

register();
await import('./sandbox-child.ts');
