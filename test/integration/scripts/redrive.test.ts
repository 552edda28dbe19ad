/** `executions redrive` relays again what the relay's dead-letter queue stands for: the pending signal rows. */

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
    ['the local stack (signal rows listed in gsi1)', true],
    ['the cloud (signal rows unlisted: its stream relays them, issue 16)', false],
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
      // THEN the creation's start and the draft's signal went out; none is left
      expect(counts).toEqual({ started: 1, delivered: 1 });
      expect(workflow.answers).toEqual([{ taskToken: 't-submitted', signal: drafted.signal }]);
      expect((await store.getProposal(p.id, { consistent: true }))?.signals).toEqual([]);
    },
  );
});
