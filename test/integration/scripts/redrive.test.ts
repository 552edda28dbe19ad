/**
 * `executions redrive` relays again what the relay's dead-letter queue stands for: the signals an
 * execution still waits for, found from its parked token (the audit events carry them, issue 16).
 */

import { describe, expect, it } from 'vitest';
import { createParkHandler } from '#functions/tasks/park.ts';
import { redriveSignals } from '#scripts/executions/redrive.ts';
import { createProposal, dispatch } from '#shared/dispatch/index.ts';
import { systemClock } from '#shared/ports/clock.ts';
import { DynamoDbStore } from '#shared/store/dynamodb-store.ts';
import { useDynamoDbLocal } from '../../support/dynamodb.ts';
import { depsFor, RecordingWorkflow, TestClock, ZIN } from '../dispatch/support.ts';

const db = useDynamoDbLocal();

describe('executions redrive', () => {
  it.each([
    ['the local stack (signals listed for its relay loop)', true],
    ['the cloud (nothing listed: its stream relays them, issue 16)', false],
  ])(
    'relays every pending signal to its parked token, and leaves nothing pending: %s',
    async (_where, listSignals) => {
      // GIVEN a parked execution and a transition whose signal the relay never delivered
      const store = new DynamoDbStore(db.documentClient, await db.freshTable(), { listSignals });
      const clock = new TestClock();
      const deps = depsFor(store, clock);
      const p = await createProposal(
        deps,
        {
          proposalId: 'p-redrive',
          title: 'Plan',
          description: 'plan',
          standards: ['iEb'],
          kind: 'plan-of-approach',
        },
        { party: 'CAK', roles: [] },
      );
      const workflow = new RecordingWorkflow();
      await createParkHandler({ store, workflow, clock })({
        taskToken: 't-submitted',
        proposalId: p.id,
        state: 'submitted',
        version: 1,
        executionArn: 'arn:e',
      });
      const drafted = await dispatch(deps, p.id, {
        type: 'DRAFT',
        text: 'x',
        by: ZIN,
        at: clock.now().toISOString(),
      });
      // WHEN
      const counts = await redriveSignals({ store, workflow, clock: systemClock });
      // THEN the draft's signal went out (the start is not pending: a token is parked, so the
      // execution runs; before issue 16 its undeleted row was started again, a no-op)
      expect(counts).toEqual({ delivered: 1 });
      expect(workflow.answers).toEqual([{ taskToken: 't-submitted', signal: drafted.signal }]);
      expect((await store.getProposal(p.id, { consistent: true }))?.signals).toEqual([]);
      // AND a second redrive changes nothing: the used token refuses the signal
      expect(await redriveSignals({ store, workflow, clock: systemClock })).toEqual({ gone: 1 });
      expect(workflow.answers).toHaveLength(1);
    },
  );

  it('starts the execution of a proposal whose start never went out, and leaves parked ones be', async () => {
    // GIVEN a proposal created while Step Functions was down (no execution, nothing parked)
    const store = new DynamoDbStore(db.documentClient, await db.freshTable(), { listSignals: false });
    const clock = new TestClock();
    const deps = depsFor(store, clock);
    const p = await createProposal(
      deps,
      { proposalId: 'p-unstarted', title: 'Plan', description: 'p', standards: ['iEb'], kind: 'other' },
      { party: 'CAK', roles: [] },
    );
    const workflow = new RecordingWorkflow();
    // WHEN
    const counts = await redriveSignals({ store, workflow, clock: systemClock });
    // THEN it is started with its first state, once
    expect(counts).toEqual({ started: 1 });
    expect(workflow.started).toEqual([
      expect.objectContaining({
        name: p.id,
        input: expect.objectContaining({
          signal: expect.objectContaining({ type: 'xstate.init', version: 1 }),
        }),
      }),
    ]);
  });
});
