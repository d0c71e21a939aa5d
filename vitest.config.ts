import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['{electron,shared,renderer,test,scripts}/**/*.test.{ts,tsx}'],
    exclude: ['node_modules/**', 'out/**', 'test/e2e/**', 'test/deps/fixtures/**', 'test/checks/fixtures/**'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
