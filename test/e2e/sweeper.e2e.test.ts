/**
 * The sweeper (DESIGN 3.2 step 3), end to end on the local stack: a deadline fires only by its
 * execution's timer; when an operator stops that execution by mistake, the sweeper in the stack's
 * background loop restarts it at the proposal's state, and the restarted timer lets the deadline
 * task decide. The sweeper itself decides nothing.
 */
import { DescribeExecutionCommand, SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { everyone, procedure, useLocalStack } from './support/index.ts';

const stack = useLocalStack();
const api = procedure(stack);

const sfn = () =>
  new SFNClient({
    endpoint: stack.sfnEndpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

const executionArn = (name: string) =>
  `${stack.stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;

/** Waits (the restarted park's timer runs on real time) until the proposal reaches `phase`. */
async function phaseWithin(id: string, phase: string, ms: number): Promise<string> {
  const until = Date.now() + ms;
  for (;;) {
    await stack.settle();
    const now = (await api.proposal(id)).phase;
    if (now === phase || Date.now() > until) return now;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('sweeper (DESIGN 3.2 step 3)', () => {
  it('restarts an execution an operator stopped, and the restarted timer lets the objection lapse (art. 7.3)', async () => {
    // GIVEN an objection waiting for its arguments, whose execution an operator stops by hand
    const { id, meetingId } = await api.decidedByVote(
      { title: 'Release iJw 3.9', standards: ['iJw'] },
      everyone('for', { VNG: 'against' }),
    );
    await api.object(id, 'VNG', 'De gemeenten zijn niet gehoord.');
    await api.closeMeeting(meetingId);
    await stack.settle();
    const client = sfn();
    await client.send(new StopExecutionCommand({ executionArn: executionArn(id), cause: 'by mistake' }));
    expect((await client.send(new DescribeExecutionCommand({ executionArn: executionArn(id) }))).status).toBe(
      'ABORTED',
    );

    // WHEN the six weeks and the sweeper's grace have passed
    await stack.advanceDays(43);

    // THEN a new execution runs the deadline, and the objection lapsed by the deadline event
    expect(await phaseWithin(id, 'closed', 20_000)).toBe('closed');
    expect(await api.history(id)).toContain('deadline-passed');
    client.destroy();
  });
});
