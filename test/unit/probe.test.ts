import { expect, it } from 'vitest';
import { x } from '#shared/covenant/probe.ts';

it('works', () => {
  expect(x).toBe(1);
});
