/**
 * Tests that need a tool `.ci/run` installs (tesseract and its languages) skip where it is
 * missing, saying why; under `CI=true` a missing tool is a failed test instead, so CI cannot stay
 * green by skipping what it was meant to run. Only the Meilisearch contract may skip in CI (no
 * server is part of `.ci/run`); it does not use this.
 * @module
 */
import { it } from 'vitest';

/**
 * True when the tests needing `tool` should be skipped here. Under CI=true a missing tool also
 * registers a failing test that names it and how to install it.
 */
export function skipUnlessTool(tool: string, available: boolean, install: string): boolean {
  if (available) return false;
  if (process.env.CI === 'true') {
    it(`has ${tool}, as .ci/run installs it`, () => {
      throw new Error(`${tool} is missing under CI=true, so the tests that need it would only be skipped: ${install}`);
    });
  }
  return true;
}
