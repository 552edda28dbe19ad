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
    // GIVEN generations of p-1 (one restarted by the sweeper), newest first, and another proposal p-10
    const sfn = mockClient(SFNClient);
    const started: Record<string, string> = {
      'p-1-v9-g2': '2029-12-01',
      'p-1-v9': '2029-01-01',
      'p-10': '2028-06-01',
      'p-1-g3': '2028-12-01',
      'p-1-g2': '2027-12-01',
      'p-1': '2027-01-01',
    };
    sfn.on(ListExecutionsCommand).resolves({
      executions: Object.entries(started).map(([name, day]) => ({
        name,
        executionArn: arnOf(name),
        stateMachineArn: MACHINE,
        status: 'RUNNING',
        startDate: new Date(day),
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
    expect(shown?.chain.map((e) => e.name)).toEqual(['p-1', 'p-1-g2', 'p-1-g3', 'p-1-v9', 'p-1-v9-g2']);
    expect(shown?.description.executionArn).toBe(arnOf('p-1-v9-g2'));
    sfn.restore();
  });
});
