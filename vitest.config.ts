import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit and integration tests: everything beside the code, plus test/ (but not e2e).
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['{shared,server,extension,test}/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 20_000,
    // The run's PostgreSQL (WEFT_TEST_DATABASE_URL, or a throwaway cluster) for tests on both engines.
    globalSetup: ['server/store/testing/postgres-global-setup.ts'],
  },
});
