import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests in Debian's Chromium (never a downloaded browser). Browser-shell tests start the
 * real `electron/web` server themselves (test/e2e/fixtures.ts); `_electron` tests skip with a reason
 * where no Electron binary exists.
 */
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  // One browser shell per worker (test/e2e/fixtures.ts `workerDesk`); two workers for two cores.
  workers: 2,
  retries: 0,
  timeout: 60_000,
  // The route-coverage check reads what every other spec recorded, so it runs after them.
  projects: [
    { name: 'e2e', testIgnore: /route-coverage\.spec\.ts$/ },
    { name: 'coverage', testMatch: /route-coverage\.spec\.ts$/, dependencies: ['e2e'] },
  ],
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    trace: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
