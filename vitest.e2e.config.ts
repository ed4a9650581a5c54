import { defineConfig } from 'vitest/config';

// End-to-end tests drive the production build in Debian's Chromium; run after `wxt build`.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
