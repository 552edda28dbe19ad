// Issue 16, capacity: the lists read small list entries, a transition writes only what changes,
// and data written before list entries existed still lists and reads.
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoDbStore } from '#shared/store/dynamodb-store.ts';
import { proposalGsi1, proposalKey } from '#shared/store/keys.ts';
import { localClients, useDynamoDbLocal } from '#test/support/dynamodb.ts';
import { at, creation, newProposal, transition } from '#test/support/store-fixtures.ts';

const ddb = useDynamoDbLocal();

/** A store whose client records the keys of every TransactWriteItems it sends. */
async function recordingStore() {
  const tableName = await ddb.freshTable();
  const { client } = localClients(ddb.endpoint);
  const transactions: string[][] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'TransactWriteItemsCommand') {
        const items = (args.input as { TransactItems: TransactWriteItem[] }).TransactItems;
        transactions.push(
          items.map((item) => {
            const [kind, op] = Object.entries(item)[0] as [string, { Item?: unknown; Key?: unknown }];
            const key = (op.Item ?? op.Key) as Record<string, { S?: string } | string>;
            const sk = key.sk;
            return `${kind} ${typeof sk === 'string' ? sk : sk?.S}`;
          }),
        );
      }
      return next(args);
    },
    { step: 'initialize', name: 'recordTransactions' },
  );
  const documentClient = DynamoDBDocumentClient.from(client);
  return { store: new DynamoDbStore(documentClient, tableName), tableName, documentClient, transactions };
}

/** The entries of gsi1 `PROPOSALS`, raw, as the index holds them. */
async function indexed(documentClient: DynamoDBDocumentClient, tableName: string) {
  const { Items } = await documentClient.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': 'PROPOSALS' },
    }),
  );
  return Items ?? [];
}

/** A snapshot the size of a real one after a vote (the tally and its explanation, twice). */
const BIG_SNAPSHOT = {
  status: 'active',
  value: 'decided',
  context: {
    round: 1,
    voters: ['ACTIZ', 'GGZ', 'JZN', 'VALENTE', 'VGN', 'ZTNL', 'VNG', 'CAK'],
    lastTally: {
      for: 12,
      against: 6,
      explanation: {
        rule: 'A vote is held only when all voting parties are present (art. 6.9). '.repeat(20),
      },
    },
  },
};

describe('list entries (issue 16)', () => {
  it('a transition writes the proposal, its event, its signal and its list entry in one transaction, and nothing else', async () => {
    const { store, tableName, documentClient, transactions } = await recordingStore();
    const proposal = newProposal({ snapshot: BIG_SNAPSHOT });
    await store.createProposal(creation(proposal));
    const created = await documentClient.send(
      new GetCommand({ TableName: tableName, Key: proposalKey(proposal.id), ConsistentRead: true }),
    );
    // Stored compressed (a transition rewrites this item at 2 WRU per KB), read back whole.
    const compressed = created.Item?.snapshotZ1 as Uint8Array | undefined;
    expect(compressed?.byteLength).toBeLessThan(JSON.stringify(BIG_SNAPSHOT).length / 4);
    expect((await store.getProposalItem(proposal.id, { consistent: true }))?.snapshot).toEqual(BIG_SNAPSHOT);
    await store.commitTransition(transition(proposal, { stateKey: 'ready' }));

    expect(transactions).toEqual([
      ['Put PROPOSAL', 'Put EVENT#0000000001', 'Put LISTING'],
      // The event carries the transition's signal: no outbox row (issue 16).
      ['Update PROPOSAL', 'Put EVENT#0000000002', 'Put LISTING'],
    ]);
    // The snapshot item is in no index: only the small entry is listed, without the snapshot.
    const entries = await indexed(documentClient, tableName);
    expect(entries.map((e) => e.sk)).toEqual(['LISTING']);
    expect(entries[0]).not.toHaveProperty('snapshot');
    expect(entries[0]).not.toHaveProperty('snapshotZ1');
    expect(entries[0]).not.toHaveProperty('description');
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: tableName, Key: proposalKey(proposal.id), ConsistentRead: true }),
    );
    expect(Item).not.toHaveProperty('gsi1pk');
  });

  it('lists show the new phase and time after a transition, and no longer the old phase', async () => {
    const { store } = await recordingStore();
    const proposal = newProposal();
    await store.createProposal(creation(proposal));
    const next = transition(proposal, { stateKey: 'ready' });
    await store.commitTransition(next);

    const ready = await store.pageProposals({ phase: 'ready' }, { limit: 10 });
    expect(ready.items).toEqual([
      {
        id: proposal.id,
        title: proposal.title,
        standards: proposal.standards,
        kind: proposal.kind,
        submittedBy: proposal.submittedBy,
        phase: 'ready',
        createdAt: proposal.createdAt,
        updatedAt: next.proposal.updatedAt,
      },
    ]);
    expect((await store.pageProposals({ phase: 'submitted' }, { limit: 10 })).items).toEqual([]);
  });

  it('lists and reads a proposal stored before list entries existed, and moves it to a list entry on its next transition', async () => {
    const { store, tableName, documentClient } = await recordingStore();
    const old = newProposal({ snapshot: BIG_SNAPSHOT, createdAt: at(1), updatedAt: at(1) });
    // The item as the previous release wrote it: listed itself in gsi1, with its snapshot as a map.
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...proposalKey(old.id), ...proposalGsi1(old.phase, old.createdAt, old.id), ...old },
      }),
    );

    expect((await store.pageProposals({}, { limit: 10 })).items).toEqual([
      expect.objectContaining({ id: old.id, phase: 'submitted', updatedAt: at(1) }),
    ]);
    expect((await store.pageProposals({}, { limit: 10 })).items[0]).not.toHaveProperty('snapshot');
    expect((await store.getProposal(old.id, { consistent: true }))?.proposal).toEqual(old);

    await store.commitTransition(transition(old, { stateKey: 'ready' }));

    const entries = await indexed(documentClient, tableName);
    expect(entries.map((e) => [e.sk, e.phase])).toEqual([['LISTING', 'ready']]);
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: tableName, Key: proposalKey(old.id), ConsistentRead: true }),
    );
    expect(Item).not.toHaveProperty('gsi1pk');
    expect(Item).not.toHaveProperty('snapshot');
    expect((await store.listProposals()).map((p) => p.id)).toEqual([old.id]);
  });
});
