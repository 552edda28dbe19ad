// Optional vitest globalSetup: ONE DynamoDB Local (in memory) for the whole run, its endpoint
// provided to every test file; useDynamoDbLocal() then uses it instead of starting its own.
// Enable with `globalSetup: ['test/support/dynamodb-global-setup.ts']` in vitest.config.ts.
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '#infra/local/dynamodb-local.ts';
import { DYNAMODB_ENDPOINT_KEY } from './dynamodb-endpoint.ts';

/** Starts the shared instance; the returned teardown stops it by PID and checks it is gone. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const instance = await startDynamoDbLocal({ inMemory: true });
  project.provide(DYNAMODB_ENDPOINT_KEY, instance.endpoint);
  return async () => {
    await instance.stop();
    try {
      process.kill(instance.pid, 0);
    } catch {
      return; // gone, as it should be
    }
    throw new Error(`DynamoDB Local (PID ${instance.pid}) is still running after the tests`);
  };
}
