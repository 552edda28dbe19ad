import { describe, expect, it } from 'vitest';
import type { ParkedTaskToken, ProposalRecord, StoreTaskTokenResult } from '#shared/ports/store.ts';
import { ProposalNotFoundError } from '#shared/ports/store-errors.ts';
import { useDynamoDbLocal } from '#test/support/dynamodb.ts';
import { at, creation, newProposal, transition } from '#test/support/store-fixtures.ts';

const ddb = useDynamoDbLocal();

function token(proposal: ProposalRecord, overrides: Partial<ParkedTaskToken> = {}): ParkedTaskToken {
  return {
    proposalId: proposal.id,
    version: proposal.version,
    taskToken: `token-${proposal.version}`,
    state: proposal.stateKey,
    executionArn: 'arn:aws:states:eu-west-1:1:execution:proposal:1',
    parkedAt: at(proposal.version),
    ...overrides,
  };
}

describe('DynamoDbStore task tokens and signals', () => {
  it('stores, reads and deletes a token while the proposal is at its version', async () => {
    const { store } = await ddb.freshStore();
    const proposal = newProposal();
    await store.createProposal(creation(proposal));

    expect(await store.storeTaskToken(token(proposal))).toEqual({ stored: true });
    expect(await store.getTaskToken(proposal.id, 1)).toEqual(token(proposal));
    await store.deleteTaskToken(proposal.id, 1);
    expect(await store.getTaskToken(proposal.id, 1)).toBeUndefined();
  });

  it('reads the token parked for the version with the proposal, in one consistent Query', async () => {
    const { store } = await ddb.freshStore();
    const proposal = newProposal();
    await store.createProposal(creation(proposal));
    expect((await store.getProposalItem(proposal.id, { consistent: true }))?.parked).toBeUndefined();

    await store.storeTaskToken(token(proposal));
    const read = await store.getProposalItem(proposal.id, { consistent: true });
    expect(read?.parked).toEqual(token(proposal));
    expect(read?.version).toBe(proposal.version);
    // A transition from that read writes no `parked` attribute: the token stays its own item.
    const next = transition(
      { ...proposal, ...(read?.parked ? { parked: read.parked } : {}) },
      { stateKey: 'ready' },
    );
    await store.commitTransition(next);
    const after = await store.getProposalItem(proposal.id, { consistent: true });
    expect(after?.parked).toBeUndefined();
    expect(after).not.toHaveProperty('parked');
  });

  it('reports the current proposal instead of storing a token for a version it has left', async () => {
    const { store } = await ddb.freshStore();
    const proposal = newProposal();
    await store.createProposal(creation(proposal));
    const next = transition(proposal, { stateKey: 'ready' });
    await store.commitTransition(next);

    expect(await store.storeTaskToken(token(proposal))).toEqual({ stored: false, proposal: next.proposal });
    expect(await store.getTaskToken(proposal.id, 1)).toBeUndefined();
  });

  it('refuses a token for a proposal that does not exist', async () => {
    const { store } = await ddb.freshStore();
    await expect(store.storeTaskToken(token(newProposal()))).rejects.toBeInstanceOf(ProposalNotFoundError);
  });

  it('keeps signals until deleted, per proposal and oldest first across proposals', async () => {
    const { store } = await ddb.freshStore();
    const a = newProposal();
    const b = newProposal();
    await store.createProposal(creation(a));
    await store.createProposal(creation(b));
    const a2 = transition(a, { stateKey: 'ready' });
    await store.commitTransition(a2);
    await store.commitTransition(transition(b, { stateKey: 'ready' }));
    await store.commitTransition(transition(a2.proposal, { stateKey: 'scheduled' }));

    expect((await store.getSignals(a.id)).map((s) => s.fromVersion)).toEqual([1, 2]);
    // a@1 and b@1 share a createdAt (at(2)); a@2 is later.
    const pending = (await store.listPendingSignals(10)).records;
    expect(pending.map((s) => `${s.proposalId}@${s.fromVersion}`).sort()).toEqual(
      [`${a.id}@1`, `${b.id}@1`, `${a.id}@2`].sort(),
    );
    expect(pending.at(-1)).toMatchObject({ proposalId: a.id, fromVersion: 2 });
    // Page by page, with the cursor, every row once.
    const first = await store.listPendingSignals(2);
    expect(first.records).toHaveLength(2);
    const second = await store.listPendingSignals(2, first.after);
    expect(second.records).toEqual([pending[2]]);
    expect([...first.records, ...second.records]).toEqual(pending);

    await store.deleteSignal(a.id, 1);
    expect((await store.getSignals(a.id)).map((s) => s.signal)).toEqual([
      { type: 'EVENT', target: 'scheduled', version: 3 },
    ]);
  });

  it('removes a delivered signal into a final state and its token in one call, and a repeat is harmless', async () => {
    const { store } = await ddb.freshStore();
    const proposal = newProposal();
    await store.createProposal(creation(proposal));
    await store.storeTaskToken(token(proposal));
    await store.commitTransition(transition(proposal, { stateKey: 'ready' }));

    expect((await store.getSignals(proposal.id)).map((s) => s.fromVersion)).toEqual([1]);
    await store.deleteSignalAndToken(proposal.id, 1);
    expect(await store.getSignals(proposal.id)).toEqual([]);
    expect(await store.getTaskToken(proposal.id, 1)).toBeUndefined();
    // The relay may run twice (the loop after the request): nothing left to delete is no error.
    await expect(store.deleteSignalAndToken(proposal.id, 1)).resolves.toBeUndefined();
  });

  it('never loses a signal when storing a token races the transition away from its state (200 runs)', async () => {
    const { store } = await ddb.freshStore();
    let current = newProposal();
    await store.createProposal(creation(current));
    const outcomes = { stored: 0, movedOn: 0 };

    for (let run = 0; run < 200; run++) {
      const parked = token(current, { taskToken: `token-${run}` });
      const next = transition(current, { stateKey: `state-${run}` });
      const park = () => store.storeTaskToken(parked);
      const commit = () => store.commitTransition(next);
      // Random order of sending, so either request may reach DynamoDB first.
      const [first, second] = Math.random() < 0.5 ? [park, commit] : [commit, park];
      const results = await Promise.all([first(), second()]);
      const parkResult = results.find((r): r is StoreTaskTokenResult => r !== undefined);

      // The relay's view after the commit: a consistent read of the token parked at the old version.
      const found = await store.getTaskToken(current.id, current.version);
      if (parkResult?.stored) {
        expect(found?.taskToken).toBe(`token-${run}`);
        outcomes.stored++;
      } else {
        expect(parkResult).toEqual({ stored: false, proposal: next.proposal });
        expect(found).toBeUndefined();
        outcomes.movedOn++;
      }
      current = next.proposal;
    }
    // Both orders happened, so both branches above were checked.
    expect(outcomes.stored).toBeGreaterThan(0);
    expect(outcomes.movedOn).toBeGreaterThan(0);
    expect((await store.listEvents(current.id)).length).toBe(201);
  });
});
