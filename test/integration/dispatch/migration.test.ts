/**
 * Proposals stored before several objectors (issue: covenant fidelity, item 12): a proposal item
 * whose snapshot holds the old single `objection` keeps working under today's model.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createProposal, dispatch } from '#shared/dispatch/index.ts';
import { proposalKey } from '#shared/store/keys.ts';
import { useDynamoDbLocal } from '../../support/dynamodb.ts';
import { depsFor, MEETING_DATE, openMeeting, TestClock, ZIN } from './support.ts';

const db = useDynamoDbLocal();

describe('a proposal stored in the old shape', () => {
  it('moves on from an old single objection: the objector argues and the reconsideration starts (art. 7.3, 7.4)', async () => {
    const { store, tableName } = await db.freshStore();
    const clock = new TestClock();
    const deps = depsFor(store, clock);
    await openMeeting(store, 'm-1', clock);
    const at = clock.now().toISOString();
    await createProposal(
      deps,
      {
        proposalId: 'p-old',
        title: 'Release iWmo 3.2',
        description: 'x',
        standards: ['iWmo'],
        kind: 'release',
      },
      { party: 'VNG', roles: [] },
    );
    await dispatch(deps, 'p-old', { type: 'DRAFT', text: 'x', by: ZIN, at });
    await dispatch(deps, 'p-old', {
      type: 'SCHEDULE',
      meetingId: 'm-1',
      meetingDate: MEETING_DATE,
      by: ZIN,
      at,
    });
    await dispatch(deps, 'p-old', { type: 'CONSENSUS', outcome: 'adopted', by: ZIN, at });
    const objected = await dispatch(deps, 'p-old', {
      type: 'OBJECT',
      reason: 'too early',
      by: { party: 'CAK', roles: [] },
      at,
    });

    // Rewrite the stored snapshot as the previous release kept it: one `objection`, no `objections`,
    // and a decision without `text`. That release also kept the snapshot as a plain map (`snapshot`),
    // before it was stored compressed (issue 16, shared/store/snapshot-codec.ts): write it so, which
    // also shows that an item in the old storage form still reads.
    const { objections, decisionMeetingClosed: _closed, decision, ...rest } = objected.context;
    const [cak] = objections;
    const { text: _text, ...oldDecision } = decision ?? { text: 'original' };
    const oldContext = {
      ...rest,
      decision: oldDecision,
      objection: { by: cak?.by, reason: cak?.reason, lodgedAt: cak?.lodgedAt },
      deadline: { ...objected.context.deadline, party: undefined },
    };
    const objectedSnapshot = (await store.getProposalItem('p-old', { consistent: true }))?.snapshot;
    await db.documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: proposalKey('p-old'),
        UpdateExpression: 'SET #snapshot = :snapshot REMOVE #compressed',
        ExpressionAttributeNames: { '#snapshot': 'snapshot', '#compressed': 'snapshotZ1' },
        ExpressionAttributeValues: {
          ':snapshot': JSON.parse(JSON.stringify({ ...objectedSnapshot, context: oldContext })),
        },
      }),
    );

    // The old model took no second objection once one was lodged: its window counts as closed (art. 7.2).
    const second = dispatch(deps, 'p-old', {
      type: 'OBJECT',
      reason: 'me too',
      by: { party: 'VNG', roles: [] },
      at,
    });
    await expect(second).rejects.toMatchObject({ name: 'CovenantRuleError', rule: 'objection-window' });

    const argued = await dispatch(deps, 'p-old', {
      type: 'SUBMIT_ARGUMENTS',
      arguments: 'a',
      alternativeProposal: 'b',
      by: { party: 'CAK', roles: [] },
      at: clock.now().toISOString(),
    });
    expect(argued.proposal.stateKey).toBe('objection.inGroup.reconsideration');
    expect(argued.context.objections).toMatchObject([
      { by: 'CAK', reason: 'too early', against: 'adopted', status: 'argued', alternativeProposal: 'b' },
    ]);
    expect(argued.context.decision).toMatchObject({ outcome: 'adopted', text: 'original' });
  });
});
