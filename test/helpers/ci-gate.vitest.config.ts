/** Runs test/helpers/ci-gate-probe.ts alone, for test/ci-gate.test.ts. @module */
import { fileURLToPath } from 'node:url';

export default {
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: { include: ['test/helpers/ci-gate-probe.ts'] },
};
