import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/integration/**', 'test/e2e/**', 'test/web/**/*.browser.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          // The web app's browser tests click through the app against a whole local stack.
          include: [
            'test/integration/**/*.test.ts',
            'test/e2e/**/*.test.ts',
            'test/web/**/*.browser.test.ts',
          ],
          // One DynamoDB Local for every integration file (started and stopped by PID there);
          // each file still takes tables of its own.
          globalSetup: ['test/support/dynamodb-global-setup.ts'],
        },
      },
      {
        // The web app's components, rendered in happy-dom (the forms and what they send).
        extends: true,
        plugins: [react()],
        test: {
          name: 'web',
          include: ['test/web/components/**/*.test.tsx'],
          environment: 'happy-dom',
          environmentOptions: { happyDOM: { url: 'http://localhost:3000/' } },
          setupFiles: ['test/web/components/setup.ts'],
          // The design system's packages import their CSS; let Vite handle them.
          server: {
            deps: { inline: [/@rijkshuisstijl-community/, /@utrecht/, /@amsterdam/, /@nl-design-system/] },
          },
        },
      },
    ],
  },
});
