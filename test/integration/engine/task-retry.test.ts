/**
 * A passing failure of a workflow Lambda (a DynamoDB error that outlived the SDK's retries, a
 * crashed invocation) must not stop a proposal's execution: the compiled lifecycle retries its
 * park, deadline and notify tasks on States.TaskFailed, and the engine honours it.
 */
import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { afterEach, describe, expect, it } from 'vitest';
import { AdjustableClock } from '#infra/local/clock.ts';
import type { ParkPayload } from '#statemachines/compiler/index.ts';
import { PLAUSIBLE_SUBSTITUTIONS } from '#test/statemachines/harness/asl-validator.ts';
import { initialInput, lifecycleDefinition } from '#test/statemachines/support/conformance.ts';
import { withParkTimer } from '#test/statemachines/support/park-timer.ts';
import { useDynamoDbLocal } from '#test/support/dynamodb.ts';
import { type EngineFixture, startEngine } from './engine-fixture.ts';

const ddb = useDynamoDbLocal();
let lane: EngineFixture | undefined;
afterEach(async () => {
  await lane?.stop();
  lane = undefined;
});

describe('the compiled lifecycle on the local engine', () => {
  it('retries a park task whose function failed, and parks on the second attempt', async () => {
    const attempts: ParkPayload[] = [];
    const clock = new AdjustableClock();
    lane = await startEngine(ddb, {
      clock,
      handlers: {
        [String(PLAUSIBLE_SUBSTITUTIONS.ParkFunctionArn)]: withParkTimer(clock, async (payload) => {
          attempts.push(payload);
          if (attempts.length === 1) {
            throw Object.assign(new Error('Throughput exceeds the current capacity'), {
              name: 'ProvisionedThroughputExceededException',
            });
          }
          return { parked: true };
        }),
      },
      definitions: { proposal: lifecycleDefinition },
      substitutions: PLAUSIBLE_SUBSTITUTIONS,
    });
    const { executionArn } = await lane.engine.startExecution({
      stateMachineArn: lane.engine.stateMachineArn('proposal'),
      name: 'p-retry',
      input: JSON.stringify({ ...initialInput, proposalId: 'p-retry' }),
    });
    await lane.engine.idle();
    expect(attempts).toHaveLength(1);

    lane.clock.advance(5_000); // the retrier's first interval
    await lane.engine.idle();
    expect(attempts).toHaveLength(2);
    expect(attempts[1]).toMatchObject({ proposalId: 'p-retry', state: 'submitted', version: 1 });
    const execution = await lane.sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(execution.status).toBe('RUNNING');
  });
});
