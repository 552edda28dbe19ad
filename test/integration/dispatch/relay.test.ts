import { describe, expect, it } from 'vitest';
import {
  createProposal,
  dispatch,
  parkTaskToken,
  relayPending,
  relayProposal,
} from '#shared/dispatch/index.ts';
import { useDynamoDbLocal } from '../../support/dynamodb.ts';
import { depsFor, MEETING_DATE, openMeeting, RecordingWorkflow, TestClock, ZIN } from './support.ts';

const db = useDynamoDbLocal();
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the transition protocol (DESIGN 3.2)', () => {
  it('answers every parked token exactly once when the park task races the dispatch, 200 times in random order', async () => {
    const { store } = await db.freshStore();
    const clock = new TestClock();
    const deps = depsFor(store, clock);
    const workflow = new RecordingWorkflow();
    const relayDeps = { store, workflow };
    await openMeeting(store, 'm-1', clock);
    const created = await createProposal(
      deps,
      { proposalId: 'p-race', title: 'Race', description: 'race', standards: ['iJw'], kind: 'other' },
      { party: 'JZN', roles: [] },
    );
    const at = clock.now().toISOString();
    const draft = await dispatch(deps, created.id, { type: 'DRAFT', text: 'x', by: ZIN, at });
    let version = draft.proposal.version;
    let state = draft.proposal.stateKey;
    const orders = { parkFirst: 0, dispatchFirst: 0 };

    for (let i = 0; i < 200; i++) {
      const taskToken = `token-${i}`;
      const event =
        state === 'ready'
          ? ({ type: 'SCHEDULE', meetingId: 'm-1', meetingDate: MEETING_DATE, by: ZIN, at } as const)
          : ({ type: 'PAUSE', reason: `round ${i}`, by: { party: 'VGN', roles: [] }, at } as const);
      const parkDelay = Math.random() * 4;
      const dispatchDelay = Math.random() * 4;
      orders[parkDelay < dispatchDelay ? 'parkFirst' : 'dispatchFirst']++;
      const [, moved] = await Promise.all([
        pause(parkDelay).then(() =>
          parkTaskToken(relayDeps, {
            proposalId: created.id,
            version,
            taskToken,
            state,
            executionArn: 'arn:exec',
            parkedAt: at,
          }),
        ),
        pause(dispatchDelay).then(async () => {
          const result = await dispatch(deps, created.id, event);
          await relayProposal(relayDeps, created.id);
          return result;
        }),
      ]);
      await relayPending(relayDeps);
      const answers = workflow.answers.filter((a) => a.taskToken === taskToken);
      expect(answers, `token ${i}`).toHaveLength(1);
      expect(answers[0]?.signal).toMatchObject({
        type: event.type,
        target: moved.proposal.stateKey,
        version: version + 1,
      });
      version = moved.proposal.version;
      state = moved.proposal.stateKey;
    }

    const whole = await store.getProposal(created.id, { consistent: true });
    // Left: the draft's signal (no execution parked in `submitted` in this test); the start signal
    // was taken by the relay loop, which started the execution.
    expect(whole?.signals.map((s) => s.fromVersion)).toEqual([created.version]);
    expect(workflow.started).toEqual([
      {
        name: created.id,
        input: { proposalId: created.id, signal: { type: 'xstate.init', target: 'submitted', version: 1 } },
      },
    ]);
    expect(whole?.tokens).toEqual([]);
    expect(workflow.answers).toHaveLength(200);
    expect(orders.parkFirst).toBeGreaterThan(0);
    expect(orders.dispatchFirst).toBeGreaterThan(0);
  });
});
