import { defineConfig } from 'vitest/config';

// Real Chromium with the built extension. Files run one at a time: the
// machine has two cores and each file owns a browser.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    retry: 0,
  },
});
