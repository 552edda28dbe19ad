import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { describeExecution } from '#scripts/executions/inspect.ts';

const MACHINE = 'arn:aws:states:eu-west-1:123456789012:stateMachine:lifecycle';
const arnOf = (name: string) => `arn:aws:states:eu-west-1:123456789012:execution:lifecycle:${name}`;

describe('executions show', () => {
  it('follows a proposal’s chain of executions to its latest generation', async () => {
    // GIVEN three generations of p-1 listed in no particular order, and another proposal p-10
    const sfn = mockClient(SFNClient);
    sfn.on(ListExecutionsCommand).resolves({
      executions: ['p-1-g2', 'p-10', 'p-1', 'p-1-g10', 'p-1-g3'].map((name) => ({
        name,
        executionArn: arnOf(name),
        stateMachineArn: MACHINE,
        status: 'RUNNING',
        startDate: new Date(),
      })),
    });
    sfn.on(DescribeExecutionCommand).callsFake((input: { executionArn: string }) => ({
      executionArn: input.executionArn,
      status: 'RUNNING',
    }));
    sfn.on(GetExecutionHistoryCommand).resolves({ events: [] });
    // WHEN
    const shown = await describeExecution(sfn as unknown as SFNClient, MACHINE, 'p-1');
    // THEN
    expect(shown?.chain.map((e) => e.name)).toEqual(['p-1', 'p-1-g2', 'p-1-g3', 'p-1-g10']);
    expect(shown?.description.executionArn).toBe(arnOf('p-1-g10'));
    sfn.restore();
  });
});
