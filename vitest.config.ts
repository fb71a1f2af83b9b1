import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Several suites start HTTP servers and child processes; two cores do not like 8 forks.
    pool: 'forks',
    maxWorkers: 2,
  },
});
