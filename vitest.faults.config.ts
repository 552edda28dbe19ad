// The fault-tolerance suite (`npm run test:faults`): kills the local stack and races deadlines, so
// it runs apart from `npm test`, one file at a time, with a seed shared by both files.
import { defineConfig } from 'vitest/config';

const seed = process.env.FAULTS_SEED || String(Math.floor(Math.random() * 2 ** 31));
process.env.FAULTS_SEED = seed;

export default defineConfig({
  test: {
    include: ['test/faults/**/*.faults.ts'],
    env: { FAULTS_SEED: seed },
    pool: 'forks',
    fileParallelism: false,
    // Progress lines appear as they happen, not per finished test.
    disableConsoleIntercept: true,
    testTimeout: 120_000,
    hookTimeout: 20 * 60_000,
  },
});
