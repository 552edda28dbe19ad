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

  it('waits for an async build, and builds again after a build that failed', async () => {
    let builds = 0;
    const handler = onFirstCall(async () => {
      builds++;
      if (builds === 1) throw new Error('the table did not answer');
      return async (event: number) => event + 1;
    });
    await expect(handler(1)).rejects.toThrow('the table did not answer');
    expect(await handler(1)).toBe(2);
    expect(await handler(2)).toBe(3);
    expect(builds).toBe(2);
  });
});
