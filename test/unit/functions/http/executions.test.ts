import {
  DescribeExecutionCommand,
  ExecutionStatus,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
} from '@aws-sdk/client-sfn';
import { beforeEach, describe, expect, it } from 'vitest';
import { STATE_MACHINE_ARN, type TestApp, testApp } from './support/app.ts';
import { expectCall } from './support/scenarios.ts';

let app: TestApp;
beforeEach(() => {
  app = testApp();
});

const table = async (title: string) =>
  (
    await expectCall(app, 'POST /proposals', 201, {
      as: 'VNG',
      body: { title, description: 'Voorstel.', standards: ['iWmo'], kind: 'release' },
    })
  ).body.id as string;

const arnOf = (name: string) => `${STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:${name}`;

describe('functions/http/executions', () => {
  it('lists a failed execution first, though it started earlier, and says why it failed', async () => {
    // GIVEN two proposals: one's execution runs, parked in the proposal's state; the other's,
    // started an hour earlier, failed
    const running = await table('Release iWmo 3.3');
    const failed = await table('Release iWmo 3.4');
    app.sfn.on(ListExecutionsCommand).resolves({
      executions: [
        {
          name: failed,
          executionArn: arnOf(failed),
          stateMachineArn: STATE_MACHINE_ARN,
          status: ExecutionStatus.FAILED,
          startDate: new Date('2027-02-17T09:01:00Z'),
          stopDate: new Date('2027-02-17T10:02:00Z'),
        },
        {
          name: running,
          executionArn: arnOf(running),
          stateMachineArn: STATE_MACHINE_ARN,
          status: ExecutionStatus.RUNNING,
          startDate: new Date('2027-02-17T10:00:00Z'),
        },
      ],
    });
    app.sfn
      .on(DescribeExecutionCommand, { executionArn: arnOf(failed) })
      .resolves({ status: ExecutionStatus.FAILED });
    app.sfn
      .on(DescribeExecutionCommand, { executionArn: arnOf(running) })
      .resolves({ status: ExecutionStatus.RUNNING });
    app.sfn.on(GetExecutionHistoryCommand, { executionArn: arnOf(failed) }).resolves({
      events: [
        {
          id: 1,
          type: 'ExecutionFailed',
          timestamp: new Date('2027-02-17T10:02:00Z'),
          executionFailedEventDetails: { error: 'Lambda.ServiceException', cause: 'park failed' },
        },
      ],
    });
    app.sfn.on(GetExecutionHistoryCommand, { executionArn: arnOf(running) }).resolves({
      events: [
        {
          id: 1,
          type: 'TaskStateEntered',
          timestamp: new Date('2027-02-17T10:00:01Z'),
          stateEnteredEventDetails: { name: 'Park submitted', input: '{}' },
        },
      ],
    });

    // WHEN ZIN lists the executions
    const { body } = await expectCall(app, 'GET /executions', 200, { as: 'ZIN' });

    // THEN the failed one comes first, with its error; the running one is parked in `submitted`
    expect(body.items.map((item: { proposalId: string }) => item.proposalId)).toEqual([failed, running]);
    expect(body.items[0]).toMatchObject({
      execution: { status: 'FAILED' },
      agreement: { verdict: 'in disagreement' },
      timeline: [{ kind: 'execution-failed', detail: 'Lambda.ServiceException park failed' }],
    });
    expect(body.items[0].agreement.lines.join('\n')).toContain('park failed');
    expect(body.items[1]).toMatchObject({
      execution: { status: 'RUNNING' },
      waiting: { state: 'submitted' },
    });
  });
});
