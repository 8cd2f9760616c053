/** Run by test/ci-gate.test.ts only: tests that need a tool no machine has. @module */
import { expect, it } from 'vitest';
import { skipUnlessTool } from './tools.js';

const skip = skipUnlessTool('no-such-tool-wenshi', false, 'apt-get install no-such-tool-wenshi');

it.skipIf(skip)('uses the tool', () => {
  expect(true).toBe(true);
});
