import { describe, expect, it } from 'vitest';
import { ConfigError, parseCloudEnv } from '#shared/config/env.ts';

describe('shared/config/env', () => {
  it('names every missing or malformed variable', () => {
    const error = (() => {
      try {
        parseCloudEnv({ STATE_MACHINE_ARN: 'not-an-arn', API_BASE_URL: 'ftp://x' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.split(':')[0])).toEqual([
      'TABLE_NAME',
      'STATE_MACHINE_ARN',
      'API_BASE_URL',
    ]);
  });
});
