import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { startDynamoDbLocal } from '#infra/local/dynamodb-local.ts';
import type {
  ParkedTaskToken,
  ProposalRecord,
  SignalRecord,
  StoreTaskTokenResult,
} from '#shared/ports/store.ts';
import { ProposalNotFoundError } from '#shared/ports/store-errors.ts';
import { DynamoDbStore } from '#shared/store/dynamodb-store.ts';
import { ensureTable } from '#shared/store/ensure-table.ts';
import { eventItem, signalItem } from '#shared/store/items.ts';
import { createTableInput, GSI1 } from '#shared/store/table.ts';
import { localClients, useDynamoDbLocal } from '#test/support/dynamodb.ts';
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

  it('lists the signals the events carry until settled, oldest first across proposals, page by page', async () => {
    const { store } = await ddb.freshStore();
    const a = newProposal();
    const b = newProposal();
    await store.createProposal(creation(a));
    await store.createProposal(creation(b));
    const a2 = transition(a, { stateKey: 'ready' });
    await store.commitTransition(a2);
    await store.commitTransition(transition(b, { stateKey: 'ready' }));
    await store.commitTransition(transition(a2.proposal, { stateKey: 'scheduled' }));

    // a@1 and b@1 share a createdAt (at(2)); a@2 is later.
    const pending = (await store.listPendingSignals(10)).records;
    expect(pending.map((s) => `${s.proposalId}@${s.fromVersion}`).sort()).toEqual(
      [`${a.id}@1`, `${b.id}@1`, `${a.id}@2`].sort(),
    );
    expect(pending.at(-1)).toMatchObject({ proposalId: a.id, fromVersion: 2 });
    // Page by page, with the cursor, every signal once.
    const first = await store.listPendingSignals(2);
    expect(first.records).toHaveLength(2);
    const second = await store.listPendingSignals(2, first.after);
    expect(second.records).toEqual([pending[2]]);
    expect([...first.records, ...second.records]).toEqual(pending);

    await store.settleSignal({ proposalId: a.id, fromVersion: 1 });
    // Settling twice (the relay loop after the request) is no error.
    await store.settleSignal({ proposalId: a.id, fromVersion: 1 });
    const left = (await store.listPendingSignals(10)).records;
    expect(left.map((s) => `${s.proposalId}@${s.fromVersion}`).sort()).toEqual(
      [`${b.id}@1`, `${a.id}@2`].sort(),
    );
    // The event keeps its signal: a park task that comes late still reads it.
    expect((await store.getTransitionSignal(a.id, 1))?.signal).toEqual({
      type: 'EVENT',
      target: 'ready',
      version: 2,
    });
  });

  it('writes no signal row: the event carries it, listed only by a store that lists signals', async () => {
    const { store, tableName } = await ddb.freshStore();
    const cloud = new DynamoDbStore(ddb.documentClient, tableName, { listSignals: false });
    const proposal = newProposal();
    await cloud.createProposal(creation(proposal));
    await cloud.commitTransition(transition(proposal, { stateKey: 'ready' }));

    const whole = await store.getProposal(proposal.id, { consistent: true });
    expect(whole?.signals).toEqual([]);
    expect((await store.listPendingSignals(10)).records).toEqual([]);
    expect(await cloud.getTransitionSignal(proposal.id, 1)).toEqual({
      proposalId: proposal.id,
      fromVersion: 1,
      signal: { type: 'EVENT', target: 'ready', version: 2 },
      createdAt: at(2),
    });
    // Settling in the cloud writes nothing, and fails on nothing.
    await expect(cloud.settleSignal({ proposalId: proposal.id, fromVersion: 1 })).resolves.toBeUndefined();
    // No transition has left version 2 yet.
    expect(await cloud.getTransitionSignal(proposal.id, 2)).toBeUndefined();
  });

  it('gives a local table made before the signals index that index, keeping its items', async () => {
    // A DynamoDB Local of its own, stopped by its PID: the instance the integration files share
    // keeps a new index CREATING for a minute and more while they run (list-entries.test.ts).
    const own = await startDynamoDbLocal({ inMemory: true });
    try {
      const { client, documentClient } = localClients(own.endpoint);
      // GIVEN a table as the cloud's data stack defines it (gsi1 and gsi2, no signals index), with an item
      const tableName = `test-${randomUUID()}`;
      await client.send(new CreateTableCommand(createTableInput(tableName, { signalsIndex: false })));
      const store = new DynamoDbStore(documentClient, tableName, { listSignals: false });
      const proposal = newProposal();
      await store.createProposal(creation(proposal));
      // WHEN the local stack starts on it
      await ensureTable(client, tableName, { pollMs: 50 });
      // THEN the index is there and lists what waits for the relay loop
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual([
        GSI1.indexName,
        'gsi2',
        'signals',
      ]);
      const listing = new DynamoDbStore(documentClient, tableName);
      await listing.commitTransition(transition(proposal, { stateKey: 'ready' }));
      expect((await listing.listPendingSignals(10)).records.map((s) => s.fromVersion)).toEqual([1]);
      expect((await listing.getProposalItem(proposal.id))?.id).toBe(proposal.id);
    } finally {
      await own.stop();
    }
  }, 90_000);

  it("reads, lists and deletes the outbox rows an older version wrote (store README, 'Older data')", async () => {
    const { store, tableName } = await ddb.freshStore();
    const proposal = newProposal();
    await store.createProposal(creation(proposal));
    // As the older version committed a transition: the event without a signal, a listed row.
    const signal = { type: 'EVENT', target: 'ready', version: 2 };
    await ddb.documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: signalItem({ proposalId: proposal.id, fromVersion: 1, signal, createdAt: at(2) }),
      }),
    );
    await ddb.documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: eventItem({ ...creation(proposal).event, proposalId: proposal.id, version: 2 }),
      }),
    );

    const row = { proposalId: proposal.id, fromVersion: 1, signal, createdAt: at(2), stored: 'row' };
    expect(await store.getTransitionSignal(proposal.id, 1)).toEqual(row);
    expect((await store.getWorkflowRows(proposal.id)).signals).toEqual([row]);
    // After the listed events (none here), in the same page.
    expect((await store.listPendingSignals(10)).records).toEqual([row]);

    await store.settleSignal(row as SignalRecord);
    expect(await store.getTransitionSignal(proposal.id, 1)).toBeUndefined();
    expect((await store.getWorkflowRows(proposal.id)).signals).toEqual([]);
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
