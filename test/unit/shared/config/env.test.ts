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
    // Each named with what it should hold, for the one reading the function's failed start.
    expect((error as ConfigError).message).toContain('TABLE_NAME: the name of the DynamoDB table');
    expect((error as ConfigError).message).toContain('STATE_MACHINE_ARN: the ARN of the proposal lifecycle');
  });

  it('fills in what has a default and leaves the optional variables out', () => {
    const env = parseCloudEnv({
      TABLE_NAME: 'besluitvorming',
      STATE_MACHINE_ARN: 'arn:aws:states:eu-west-1:123456789012:stateMachine:proposal-lifecycle',
      API_BASE_URL: 'https://api.example',
    });
    expect(env.POWERTOOLS_SERVICE_NAME).toBe('besluitvorming');
    expect(env.MAIL_FROM).toBeUndefined();
  });
});
