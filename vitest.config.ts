import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    pool: 'forks',
    // Every child a test starts is stopped after its file; the run fails if any is left over.
    setupFiles: ['test/support/afterEachFile.ts'],
    globalSetup: ['test/support/globalTeardown.ts'],
  },
});
