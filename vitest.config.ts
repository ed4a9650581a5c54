import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit and integration tests: everything beside the code, plus test/ (but not e2e).
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['{shared,server,extension,test}/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 20_000,
  },
});
