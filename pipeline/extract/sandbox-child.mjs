// Entry of an extraction process run from the sources (dist/ has the compiled sandbox-child.js): TypeScript loads through tsx.
import { register } from 'tsx/esm/api';

register();
await import('./sandbox-child.ts');
