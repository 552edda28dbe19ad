import { describe, expect, it } from 'vitest';
import { onFirstCall } from '#functions/composition/on-first-call.ts';

describe('onFirstCall', () => {
  it('builds the handler on the first invocation only, and passes every event to it', async () => {
    let builds = 0;
    const handler = onFirstCall(() => {
      builds++;
      return async (event: number) => event * 2;
    });
    expect(builds).toBe(0);
    expect(await handler(1)).toBe(2);
    expect(await handler(5)).toBe(10);
    expect(builds).toBe(1);
  });
});
