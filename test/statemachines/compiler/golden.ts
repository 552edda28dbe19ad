/**
 * Golden files: compiled output is compared with committed text. `UPDATE_GOLDEN=1` rewrites the
 * files (review the diff before committing); otherwise a mismatch fails with a diff.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

/** Asserts that `actual` equals the golden file at `path` (or writes it under `UPDATE_GOLDEN=1`). */
export function expectGolden(path: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, actual);
  if (!existsSync(path)) {
    throw new Error(
      `No golden file ${path}: run UPDATE_GOLDEN=1 npx vitest run test/statemachines/compiler, then review it.`,
    );
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
