import {
  ExecutionNotRedrivable,
  ListExecutionsCommand,
  RedriveExecutionCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { formatRedrive, redriveFailedExecutions } from '#scripts/executions/redrive.ts';

const MACHINE = 'arn:aws:states:eu-west-1:123456789012:stateMachine:lifecycle';
const arnOf = (name: string) => `arn:aws:states:eu-west-1:123456789012:execution:lifecycle:${name}`;

describe('executions redrive', () => {
  it('redrives every failed execution not yet redriven, and reports one Step Functions refuses', async () => {
    // GIVEN two failed executions, one of which can no longer be redriven
    const sfn = mockClient(SFNClient);
    sfn.on(ListExecutionsCommand).resolves({
      executions: ['p-1', 'p-2'].map((name) => ({
        name,
        executionArn: arnOf(name),
        stateMachineArn: MACHINE,
        status: 'FAILED',
        startDate: new Date(),
      })),
    });
    sfn
      .on(RedriveExecutionCommand, { executionArn: arnOf('p-1') })
      .resolves({ redriveDate: new Date() })
      .on(RedriveExecutionCommand, { executionArn: arnOf('p-2') })
      .rejects(new ExecutionNotRedrivable({ message: 'older than 14 days', $metadata: {} }));
    // WHEN
    const result = await redriveFailedExecutions(sfn as unknown as SFNClient, MACHINE);
    // THEN
    expect(sfn.commandCalls(ListExecutionsCommand)[0]?.args[0].input).toMatchObject({
      statusFilter: 'FAILED',
      redriveFilter: 'NOT_REDRIVEN',
    });
    expect(result).toEqual({
      redriven: ['p-1'],
      refused: [{ name: 'p-2', reason: 'ExecutionNotRedrivable: older than 14 days' }],
    });
    expect(formatRedrive({ signals: { delivered: 2 }, ...result })).toBe(
      [
        'signals    2 delivered',
        'redriven   p-1',
        'refused    p-2: ExecutionNotRedrivable: older than 14 days',
      ].join('\n'),
    );
    sfn.restore();
  });
});
