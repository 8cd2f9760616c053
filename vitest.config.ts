import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Suites share one Redis and spawn CLI processes; two cores are busy enough with two files at once.
    maxWorkers: 2,
  },
});
