import { describe, expect, it } from 'vitest';
import {
  closeRound,
  listDeadline,
  openRound,
  registerDecision,
  unlistDeadline,
} from '#shared/ports/effects.ts';
import { TransactionConditionError, VersionConflictError } from '#shared/ports/store-errors.ts';
import { useDynamoDbLocal } from '#test/support/dynamodb.ts';
import { at, creation, newProposal, transition } from '#test/support/store-fixtures.ts';

const ddb = useDynamoDbLocal();

describe('DynamoDbStore proposals', () => {
  it('creates a proposal and reads it back whole, as item and as aggregate', async () => {
    const { store } = await ddb.freshStore();
    const proposal = newProposal({ implementationDate: '2026-01-01' });
    await store.createProposal(creation(proposal));

    expect(await store.getProposalItem(proposal.id, { consistent: true })).toEqual(proposal);
    const aggregate = await store.getProposal(proposal.id, { consistent: true });
    expect(aggregate?.proposal).toEqual(proposal);
    expect(aggregate?.events).toEqual([{ ...creation(proposal).event, proposalId: proposal.id, version: 1 }]);
    expect(aggregate?.signals).toEqual([]);
    expect(await store.getProposal('p-missing')).toBeUndefined();
  });

  it('refuses to create a proposal whose id exists, reporting the version found', async () => {
    const { store } = await ddb.freshStore();
    const proposal = newProposal();
    await store.createProposal(creation(proposal));

    const error = await store.createProposal(creation(proposal)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VersionConflictError);
    expect(error).toMatchObject({ proposalId: proposal.id, expectedVersion: 0, actualVersion: 1 });
  });

  it('groups every item of the partition into the aggregate, each list in order', async () => {
    const { store } = await ddb.freshStore();
    const p1 = newProposal();
    await store.createProposal(creation(p1));
    const t2 = transition(p1, {
      stateKey: 'voting',
      effects: [
        openRound({
          proposalId: p1.id,
          round: 1,
          meetingId: 'm1',
          status: 'open',
          ballots: {},
          revision: 0,
          openedAt: at(2),
        }),
        listDeadline({
          proposalId: p1.id,
          kind: 'arguments',
          due: '2025-03-01T22:59:59.000Z',
          state: 'voting',
          title: p1.title,
        }),
      ],
    });
    await store.commitTransition(t2);
    const t3 = transition(t2.proposal, {
      stateKey: 'decided',
      effects: [
        closeRound({
          proposalId: p1.id,
          round: 1,
          readRevision: 0,
          closedAt: at(3),
          tally: { outcome: 'adopted' },
        }),
        registerDecision({
          proposalId: p1.id,
          title: p1.title,
          standards: p1.standards,
          outcome: 'adopted',
          via: 'vote',
          decidedAt: at(3),
          inForce: false,
        }),
        unlistDeadline(p1.id),
      ],
    });
    await store.commitTransition(t3);
    await store.storeTaskToken({
      proposalId: p1.id,
      version: 3,
      taskToken: 'tok-3',
      state: 'decided',
      executionArn: 'arn:x',
      parkedAt: at(4),
    });

    const aggregate = await store.getProposal(p1.id, { consistent: true });
    expect(aggregate?.proposal).toEqual(t3.proposal);
    expect(aggregate?.events.map((e) => e.version)).toEqual([1, 2, 3]);
    // Each event carries its transition's signal (issue 16); no outbox row is written.
    expect(aggregate?.events.map((e) => e.signal?.target)).toEqual([undefined, 'voting', 'decided']);
    expect(aggregate?.signals).toEqual([]);
    expect(aggregate?.rounds).toMatchObject([{ round: 1, status: 'closed', tally: { outcome: 'adopted' } }]);
    expect(aggregate?.tokens).toMatchObject([{ version: 3, taskToken: 'tok-3' }]);
    expect(aggregate?.decision).toMatchObject({ outcome: 'adopted', via: 'vote' });
    expect(aggregate?.deadline).toBeUndefined();
  });

  it('lists proposals by phase through gsi1, oldest first, and moves them when the phase changes', async () => {
    const { store } = await ddb.freshStore();
    const older = newProposal({ createdAt: at(1), updatedAt: at(1) });
    const newer = newProposal({ createdAt: at(2), updatedAt: at(2) });
    await store.createProposal(creation(newer));
    await store.createProposal(creation(older));
    await store.commitTransition(transition(newer, { stateKey: 'ready' }));

    expect((await store.listProposals({ phase: 'submitted' })).map((p) => p.id)).toEqual([older.id]);
    expect((await store.listProposals({ phase: 'ready' })).map((p) => p.id)).toEqual([newer.id]);
    // All phases: sorted by phase, then age ('ready' < 'submitted').
    expect((await store.listProposals()).map((p) => p.id)).toEqual([newer.id, older.id]);
  });

  it('removes optional attributes a transition leaves out, and keeps createdAt', async () => {
    const { store } = await ddb.freshStore();
    const proposal = newProposal({ meetingId: 'm1', executionArn: 'arn:1' });
    await store.createProposal(creation(proposal));
    const { meetingId: _m, executionArn: _e, ...withoutOptionals } = proposal;
    const next = transition(withoutOptionals, { stateKey: 'ready', createdAt: 'ignored' });
    await store.commitTransition(next);

    const stored = await store.getProposalItem(proposal.id, { consistent: true });
    expect(stored).not.toHaveProperty('meetingId');
    expect(stored).not.toHaveProperty('executionArn');
    expect(stored?.createdAt).toBe(proposal.createdAt);
  });

  it('lists the audit trail in version order', async () => {
    const { store } = await ddb.freshStore();
    let current = newProposal();
    await store.createProposal(creation(current));
    for (const stateKey of ['ready', 'scheduled', 'voting', 'decided']) {
      const next = transition(current, { stateKey });
      await store.commitTransition(next);
      current = next.proposal;
    }
    const events = await store.listEvents(current.id);
    expect(events.map((e) => [e.version, e.toState])).toEqual([
      [1, 'submitted'],
      [2, 'ready'],
      [3, 'scheduled'],
      [4, 'voting'],
      [5, 'decided'],
    ]);
  });

  it('refuses a stale version with VersionConflictError and writes nothing', async () => {
    const { store } = await ddb.freshStore();
    const proposal = newProposal();
    await store.createProposal(creation(proposal));
    await store.commitTransition(transition(proposal, { stateKey: 'ready' }));

    const stale = transition(proposal, { stateKey: 'withdrawn' });
    await expect(store.commitTransition(stale)).rejects.toMatchObject({
      name: 'VersionConflictError',
      expectedVersion: 1,
      actualVersion: 2,
    });
    expect((await store.getProposalItem(proposal.id, { consistent: true }))?.stateKey).toBe('ready');
  });

  it('reports a version conflict without an actual version when the proposal does not exist', async () => {
    const { store } = await ddb.freshStore();
    const ghost = newProposal();
    const error = await store
      .commitTransition(transition(ghost, { stateKey: 'ready' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VersionConflictError);
    expect((error as VersionConflictError).actualVersion).toBeUndefined();
  });

  it('names the extra write whose condition failed, and writes nothing', async () => {
    const { store } = await ddb.freshStore();
    const proposal = newProposal();
    await store.createProposal(creation(proposal));
    const closeMissingRound = closeRound({
      proposalId: proposal.id,
      round: 1,
      readRevision: 0,
      closedAt: at(2),
      tally: {},
    });

    const error = await store
      .commitTransition(transition(proposal, { stateKey: 'decided', effects: [closeMissingRound] }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionConditionError);
    expect((error as TransactionConditionError).operation).toBe(
      `effects[0] Update PROPOSAL#${proposal.id} / ROUND#0001`,
    );
    // The proposal [0], its event with the signal [1], then the effects (no outbox row, issue 16).
    expect((error as TransactionConditionError).index).toBe(2);
    expect((await store.getProposalItem(proposal.id, { consistent: true }))?.version).toBe(1);
  });

  it('lists open deadlines soonest first and the decision register oldest first', async () => {
    const { store } = await ddb.freshStore();
    const a = newProposal({ title: 'A' });
    const b = newProposal({ title: 'B' });
    await store.createProposal({
      ...creation(a),
      effects: [
        listDeadline({
          proposalId: a.id,
          kind: 'ministry',
          due: '2025-06-30T21:59:59.000Z',
          state: 'ministry',
          title: 'A',
        }),
        registerDecision({
          proposalId: a.id,
          title: 'A',
          standards: ['iWmo'],
          outcome: 'rejected',
          via: 'vote',
          decidedAt: at(5),
          inForce: false,
        }),
      ],
    });
    await store.createProposal({
      ...creation(b),
      effects: [
        listDeadline({
          proposalId: b.id,
          kind: 'arguments',
          due: '2025-03-14T22:59:59.000Z',
          state: 'awaiting-arguments',
          title: 'B',
        }),
        registerDecision({
          proposalId: b.id,
          title: 'B',
          standards: ['iJw'],
          outcome: 'adopted',
          via: 'consensus',
          decidedAt: at(1),
          inForce: true,
        }),
      ],
    });

    expect((await store.listDeadlines()).map((d) => d.title)).toEqual(['B', 'A']);
    expect((await store.listDecisions()).map((d) => [d.title, d.outcome])).toEqual([
      ['B', 'adopted'],
      ['A', 'rejected'],
    ]);
  });

  it('lets exactly one of 50 concurrent transitions from the same version win', async () => {
    const { store } = await ddb.freshStore();
    const proposal = newProposal();
    await store.createProposal(creation(proposal));

    const attempts = Array.from({ length: 50 }, (_, i) => transition(proposal, { stateKey: `s${i}` }));
    const results = await Promise.allSettled(attempts.map((input) => store.commitTransition(input)));

    const winners = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
    const losers = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(49);
    for (const reason of losers) expect(reason).toBeInstanceOf(VersionConflictError);
    const aggregate = await store.getProposal(proposal.id, { consistent: true });
    expect(aggregate?.proposal.stateKey).toBe(`s${winners[0]}`);
    expect(aggregate?.events.map((e) => e.version)).toEqual([1, 2]);
    expect(aggregate?.events[1]?.toState).toBe(`s${winners[0]}`);
    // One signal, the winner's, carried by its event.
    expect(aggregate?.events[1]?.signal?.target).toBe(`s${winners[0]}`);
  });
});
