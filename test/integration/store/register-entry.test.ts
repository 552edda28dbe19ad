import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { listDeadline, registerDecision, unlistDeadline } from '#shared/ports/effects.ts';
import type { DeadlineRecord, DecisionRecord, ProposalRecord } from '#shared/ports/store.ts';
import { backfillLists } from '#shared/store/backfill.ts';
import { deadlineItem } from '#shared/store/items.ts';
import { decisionGsi1, decisionKey } from '#shared/store/keys.ts';
import { recordingStore, useDynamoDbLocal } from '#test/support/dynamodb.ts';
import { at, creation, newProposal, transition } from '#test/support/store-fixtures.ts';

const ddb = useDynamoDbLocal();

const decisionOf = (
  proposal: ProposalRecord,
  decidedAt: string,
  via: DecisionRecord['via'],
): DecisionRecord => ({
  proposalId: proposal.id,
  title: proposal.title,
  standards: proposal.standards,
  outcome: 'adopted',
  via,
  text: 'original',
  decidedAt,
  inForce: false,
  meetingId: 'm1',
});

const argumentsDue = (proposal: ProposalRecord, due: string): DeadlineRecord => ({
  proposalId: proposal.id,
  kind: 'arguments',
  party: 'CAK',
  due,
  state: 'awaitingArguments',
  title: proposal.title,
});

describe('the register entry (issue 16)', () => {
  it('holds the decision and the open deadline; a transition that changes both writes it once', async () => {
    const { store, tableName, documentClient, transactions } = await recordingStore(ddb);
    const proposal = newProposal();
    await store.createProposal(creation(proposal));
    // GIVEN a decision, then an objection's deadline beside it
    const decided = transition(proposal, {
      stateKey: 'decided',
      effects: [registerDecision(decisionOf(proposal, at(2), 'vote'))],
    });
    await store.commitTransition(decided);
    const objected = transition(decided.proposal, {
      stateKey: 'awaitingArguments',
      effects: [listDeadline(argumentsDue(proposal, '2025-03-01T22:59:59.000Z'))],
    });
    await store.commitTransition(objected);
    expect(await store.listDecisions()).toEqual([decisionOf(proposal, at(2), 'vote')]);
    expect(await store.listDeadlines()).toEqual([argumentsDue(proposal, '2025-03-01T22:59:59.000Z')]);
    const aggregate = await store.getProposal(proposal.id, { consistent: true });
    expect(aggregate?.decision).toEqual(decisionOf(proposal, at(2), 'vote'));
    expect(aggregate?.deadline).toEqual(argumentsDue(proposal, '2025-03-01T22:59:59.000Z'));

    // WHEN the reconsideration decides: a new decision, the deadline closed
    const reconsidered = transition(objected.proposal, {
      stateKey: 'closed',
      effects: [
        unlistDeadline(proposal.id),
        registerDecision({ ...decisionOf(proposal, at(9), 'reconsideration'), inForce: true }),
      ],
    });
    await store.commitTransition(reconsidered);

    // THEN one write of the entry, and the lists show it
    expect(transactions.at(-1)?.filter((write) => write.endsWith('DECISION'))).toEqual(['Update DECISION']);
    expect(await store.listDeadlines()).toEqual([]);
    const page = await store.pageDecisions({ limit: 10 });
    expect(page.items).toEqual([{ ...decisionOf(proposal, at(9), 'reconsideration'), inForce: true }]);
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: tableName, Key: decisionKey(proposal.id), ConsistentRead: true }),
    );
    expect(Item).not.toHaveProperty('deadline');
    expect(Item).not.toHaveProperty('gsi1pk');
  });

  it('keeps a deadline without a decision (the ministry after no valid decision) off the decision register', async () => {
    const { store } = await recordingStore(ddb);
    const proposal = newProposal();
    await store.createProposal(creation(proposal));
    const deadline = { ...argumentsDue(proposal, '2025-04-01T21:59:59.000Z'), kind: 'ministry' as const };
    await store.commitTransition(
      transition(proposal, { stateKey: 'ministry', effects: [listDeadline(deadline)] }),
    );

    expect(await store.listDeadlines()).toEqual([deadline]);
    expect(await store.listDecisions()).toEqual([]);
    expect((await store.getProposal(proposal.id))?.decision).toBeUndefined();
  });

  it('the backfill moves older decisions to gsi2 and older deadline items onto the entry, dropping closed ones', async () => {
    const { store, tableName, documentClient } = await recordingStore(ddb);
    const open = newProposal({ stateKey: 'awaitingArguments', phase: 'awaiting-arguments' });
    const moved = newProposal({ stateKey: 'closed', phase: 'closed' });
    for (const proposal of [open, moved]) await store.createProposal(creation(proposal));
    // As the previous release wrote them: the decision listed in gsi1, the deadline an item of its own
    const older = [
      { ...decisionKey(open.id), ...decisionGsi1(at(2), open.id), ...decisionOf(open, at(2), 'vote') },
      deadlineItem(argumentsDue(open, '2025-03-01T22:59:59.000Z')),
      // A deadline whose proposal has left the state waiting on it: closed, not moved.
      deadlineItem(argumentsDue(moved, '2025-03-02T22:59:59.000Z')),
    ];
    for (const Item of older) await documentClient.send(new PutCommand({ TableName: tableName, Item }));

    expect(await backfillLists(ddb.client, tableName)).toMatchObject({
      decisionsMoved: 1,
      deadlinesMoved: 1,
      deadlinesDropped: 1,
    });

    expect(await store.listDecisions()).toEqual([decisionOf(open, at(2), 'vote')]);
    expect(await store.listDeadlines()).toEqual([argumentsDue(open, '2025-03-01T22:59:59.000Z')]);
    const aggregate = await store.getProposal(open.id, { consistent: true });
    expect(aggregate?.deadline).toEqual(argumentsDue(open, '2025-03-01T22:59:59.000Z'));
    expect(await backfillLists(ddb.client, tableName)).toMatchObject({
      decisionsMoved: 0,
      deadlinesMoved: 0,
    });
  });
});
