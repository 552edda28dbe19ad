/**
 * The cloud sweeper against DynamoDB Local: it restarts the execution of a proposal whose deadline
 * is due while nothing is parked for it, and leaves alone what is parked, on its way, or not due.
 */
import { describe, expect, it } from 'vitest';
import { createParkHandler } from '#functions/tasks/park.ts';
import { createSweeperHandler, SWEEP_GRACE_MS } from '#functions/tasks/sweeper.ts';
import { createProposal, dispatch } from '#shared/dispatch/index.ts';
import { useDynamoDbLocal } from '../../support/dynamodb.ts';
import {
  depsFor,
  MEETING_DATE,
  openMeeting,
  RecordingWorkflow,
  TestClock,
  ZIN,
} from '../dispatch/support.ts';

const db = useDynamoDbLocal();

/** A proposal objected to (six weeks for the arguments) whose execution is gone: no token, no signal. */
async function objectedWithoutExecution() {
  const { store } = await db.freshStore();
  const clock = new TestClock();
  const deps = depsFor(store, clock);
  await openMeeting(store, 'm-1', clock);
  const p = await createProposal(
    deps,
    {
      proposalId: `p-${Math.random().toString(36).slice(2)}`,
      title: 'Plan iEb',
      description: 'plan',
      standards: ['iEb'],
      kind: 'plan-of-approach',
    },
    { party: 'CAK', roles: [] },
  );
  const at = clock.now().toISOString();
  await dispatch(deps, p.id, { type: 'DRAFT', text: 'x', by: ZIN, at });
  await dispatch(deps, p.id, { type: 'SCHEDULE', meetingId: 'm-1', meetingDate: MEETING_DATE, by: ZIN, at });
  await dispatch(deps, p.id, { type: 'CONSENSUS', outcome: 'adopted', by: ZIN, at });
  const objected = await dispatch(deps, p.id, {
    type: 'OBJECT',
    reason: 'x',
    by: { party: 'VNG', roles: [] },
    at,
  });
  const workflow = new RecordingWorkflow();
  const logged: unknown[] = [];
  const logger = { info: () => undefined, warn: (...args: unknown[]) => void logged.push(args) };
  const sweep = createSweeperHandler({ store, workflow, clock, logger });
  return { store, clock, id: p.id, version: objected.proposal.version, workflow, sweep, logged };
}

describe('sweeper', () => {
  it('leaves alone an execution parked at an earlier version while it runs: the signal is on its way', async () => {
    // GIVEN an execution parked at the objection, and a second objection whose signal (carried by
    // its audit event, issue 16: no outbox row) has not reached it, long after the deadline
    const { store, clock, id, version, workflow, sweep } = await objectedWithoutExecution();
    const item = await store.getProposalItem(id);
    await createParkHandler({ store, workflow, clock })({
      taskToken: 't-earlier',
      proposalId: id,
      state: String(item?.stateKey),
      version,
      executionArn: 'arn:e',
    });
    await dispatch(depsFor(store, clock), id, {
      type: 'OBJECT',
      reason: 'y',
      by: { party: 'CAK', roles: [] },
      at: clock.now().toISOString(),
    });
    clock.advanceDays(43);
    // WHEN it sweeps THEN it restarts nothing: the relay delivers the signal to the running execution
    await expect(sweep()).resolves.toMatchObject({ due: 1, restarted: [] });
    // AND once that execution is gone (stopped by hand), the proposal's execution is restarted
    workflow.ended.add('arn:e');
    await expect(sweep()).resolves.toMatchObject({ due: 1, restarted: [id] });
  });

  it('restarts the execution of a due deadline nothing is parked for, at its state, once per version', async () => {
    // GIVEN the objection's six weeks passed 16 minutes ago, and no execution is parked
    const { store, clock, id, version, workflow, sweep, logged } = await objectedWithoutExecution();
    clock.advanceDays(43);
    // WHEN it sweeps, twice
    await expect(sweep()).resolves.toEqual({ due: 1, dueThisWeek: 0, restarted: [id] });
    await sweep();
    // THEN the same deterministically named start both times (StartExecution makes the second a no-op)
    expect(workflow.started.map((s) => s.name)).toEqual([`${id}-v${version}`, `${id}-v${version}`]);
    expect(workflow.started[0]?.input).toEqual({
      proposalId: id,
      signal: {
        type: 'xstate.rollover',
        target: 'objection.inGroup.awaitingArguments',
        version,
        due: expect.any(String),
      },
    });
    // AND it decided nothing: the proposal is where it was, at its version
    expect(await store.getProposalItem(id)).toMatchObject({
      version,
      stateKey: 'objection.inGroup.awaitingArguments',
    });
    expect(logged[0]).toEqual([expect.any(String), expect.objectContaining({ proposalId: id, version })]);
  });

  it('leaves alone a deadline not yet past its grace, and a proposal whose execution is parked', async () => {
    const { store, clock, id, version, workflow, sweep } = await objectedWithoutExecution();
    clock.advanceDays(40);
    // the arguments are due within the week: counted for the dashboard, nothing restarted
    await expect(sweep()).resolves.toEqual({ due: 0, dueThisWeek: 1, restarted: [] });
    const item = await store.getProposalItem(id);
    const due = Date.parse((await store.listDeadlines())[0]?.due ?? '');
    clock.advanceMs(due - clock.now().getTime() + SWEEP_GRACE_MS - 1000);
    await expect(sweep()).resolves.toEqual({ due: 0, dueThisWeek: 0, restarted: [] });
    clock.advanceMs(2000);
    await createParkHandler({ store, workflow, clock })({
      taskToken: 't',
      proposalId: id,
      state: String(item?.stateKey),
      version,
      executionArn: 'arn:e',
    });
    await expect(sweep()).resolves.toEqual({ due: 1, dueThisWeek: 0, restarted: [] });
    expect(workflow.started).toEqual([]);
  });

  it('leaves alone a due proposal that moved within the grace: its execution is on its way to park', async () => {
    // GIVEN the six weeks passed long ago, and a second objection moved the proposal just now
    const { store, clock, id, workflow, sweep } = await objectedWithoutExecution();
    clock.advanceDays(43);
    const deps = depsFor(store, clock);
    await dispatch(deps, id, {
      type: 'OBJECT',
      reason: 'y',
      by: { party: 'CAK', roles: [] },
      at: clock.now().toISOString(),
    });
    // WHEN it sweeps THEN it restarts nothing; once the grace has passed with nothing parked, it does
    await expect(sweep()).resolves.toMatchObject({ due: 1, restarted: [] });
    clock.advanceMs(SWEEP_GRACE_MS + 1000);
    await expect(sweep()).resolves.toMatchObject({ due: 1, restarted: [id] });
    expect(workflow.started).toHaveLength(1);
  });

  it('restarts the execution when the one parked for the state no longer runs (stopped or deleted by hand)', async () => {
    // GIVEN a token parked at the proposal's version by an execution that was stopped since
    const { store, clock, id, version, workflow, sweep } = await objectedWithoutExecution();
    const item = await store.getProposalItem(id);
    await createParkHandler({ store, workflow, clock })({
      taskToken: 't',
      proposalId: id,
      state: String(item?.stateKey),
      version,
      executionArn: 'arn:stopped',
    });
    workflow.ended.add('arn:stopped');
    clock.advanceDays(43);
    // WHEN it sweeps THEN it restarts the execution, deciding nothing
    await expect(sweep()).resolves.toEqual({ due: 1, dueThisWeek: 0, restarted: [id] });
    expect(await store.getProposalItem(id)).toMatchObject({ version });
  });
});
