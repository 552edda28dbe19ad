// Older data (shared/store/README.md, "Older data"), moved to where issue 16 keeps it:
// - proposals an older version listed in gsi1 `PROPOSALS` (by a list entry item, `LISTING`, or,
//   before list entries existed, by the proposal item itself) are listed in gsi2 by their proposal
//   item, and the old listing goes;
// - decisions listed in gsi1 `DECISIONS` are listed in gsi2 `DECISIONS` (the same item);
// - an open deadline kept in an item of its own (`DEADLINE`) moves onto the register entry.
// Idempotent: once done, those gsi1 partitions hold nothing older and a run is three Queries. Not
// on a request path: the local stack runs it at start (ensureTable), the cloud once right after the
// upgrade's deploy (`npm run backfill`).
import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { DeadlineRecord } from '#shared/ports/store.ts';
import { queryAll } from './context.ts';
import { DEADLINE_ATTRIBUTE, deadlineAttribute, recordOf } from './items.ts';
import { decisionKey, GSI1_PARTITION, GSI2_PARTITION, proposalKey, proposalListKey, SK } from './keys.ts';
import { GSI1 } from './table.ts';

/** What a backfill did. */
export interface BackfillResult {
  /** Proposal items that were given their gsi2 keys. */
  readonly listed: number;
  /** Older list entries (`LISTING` items) deleted. */
  readonly entriesRemoved: number;
  /** Decisions moved from gsi1 to gsi2 `DECISIONS`. */
  readonly decisionsMoved: number;
  /** Open deadlines moved from their own item onto the register entry. */
  readonly deadlinesMoved: number;
  /** Deadline items deleted without moving: the proposal had left the state waiting on them. */
  readonly deadlinesDropped: number;
}

/** Attempts per proposal when a transition changes it between our read and our write. */
const ATTEMPTS = 5;

type Listed = { readonly pk: string; readonly sk: string };

/** Every item of a gsi1 partition. */
function olderListed(documents: DynamoDBDocumentClient, tableName: string, partition: string) {
  return queryAll(
    { client: documents, tableName },
    {
      IndexName: GSI1.indexName,
      KeyConditionExpression: '#gpk = :gpk',
      ExpressionAttributeNames: { '#gpk': GSI1.partitionKey },
      ExpressionAttributeValues: { ':gpk': partition },
    },
  );
}

/**
 * Moves what an older version listed to where it is listed now (see the top of this file). A
 * proposal a newer transition has changed meanwhile keeps what that transition wrote.
 */
export async function backfillLists(client: DynamoDBClient, tableName: string): Promise<BackfillResult> {
  const documents = DynamoDBDocumentClient.from(client);
  const proposals = await backfillProposals(documents, tableName);
  // Decisions first: the register entry's gsi1 keys are then free for its deadline.
  const decisionsMoved = await backfillDecisions(documents, tableName);
  return { ...proposals, decisionsMoved, ...(await backfillDeadlines(documents, tableName)) };
}

/**
 * Lists in gsi2 every proposal an older version listed in gsi1 `PROPOSALS`, and removes the older
 * listing (the list entry, or the proposal item's gsi1 keys).
 */
async function backfillProposals(documents: DynamoDBDocumentClient, tableName: string) {
  const found = (await olderListed(documents, tableName, GSI1_PARTITION.proposals)) as Listed[];
  let listed = 0;
  let entriesRemoved = 0;
  for (const old of found) {
    if (await listProposalItem(documents, tableName, old.pk)) listed++;
    if (old.sk === SK.listing) {
      await documents.send(new DeleteCommand({ TableName: tableName, Key: { pk: old.pk, sk: old.sk } }));
      entriesRemoved++;
    }
  }
  return { listed, entriesRemoved };
}

/** Moves each decision listed in gsi1 `DECISIONS` to gsi2 `DECISIONS` (same sort key). */
async function backfillDecisions(documents: DynamoDBDocumentClient, tableName: string): Promise<number> {
  let moved = 0;
  for (const old of await olderListed(documents, tableName, GSI1_PARTITION.decisions)) {
    try {
      await documents.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: old.pk, sk: old.sk },
          UpdateExpression: 'SET #gpk = :gpk, #gsk = :gsk REMOVE #old1, #old2',
          // A newer transition that listed a deadline here meanwhile took the gsi1 keys: then
          // only the decision's keys are set (the deadline's stay).
          ConditionExpression: '#old1 = :decisions',
          ExpressionAttributeNames: {
            '#gpk': 'gsi2pk',
            '#gsk': 'gsi2sk',
            '#old1': GSI1.partitionKey,
            '#old2': GSI1.sortKey,
          },
          ExpressionAttributeValues: {
            ':gpk': GSI2_PARTITION.decisions,
            ':gsk': old[GSI1.sortKey],
            ':decisions': GSI1_PARTITION.decisions,
          },
        }),
      );
      moved++;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
  return moved;
}

/**
 * Moves each deadline item (listed in gsi1 `DEADLINES`, sort key `DEADLINE`) onto the register
 * entry, if the proposal is still in the state that waits on it and no newer transition listed a
 * deadline there; else only deletes it (it is no longer open).
 */
async function backfillDeadlines(documents: DynamoDBDocumentClient, tableName: string) {
  let deadlinesMoved = 0;
  let deadlinesDropped = 0;
  const found = await olderListed(documents, tableName, GSI1_PARTITION.deadlines);
  for (const item of found.filter((listed) => listed.sk === SK.deadline)) {
    const deadline = recordOf<DeadlineRecord>(item);
    if (await moveDeadline(documents, tableName, deadline)) deadlinesMoved++;
    else deadlinesDropped++;
  }
  return { deadlinesMoved, deadlinesDropped };
}

/** Moves one deadline item onto the register entry (true), or deletes it (false); one transaction. */
async function moveDeadline(documents: DynamoDBDocumentClient, tableName: string, deadline: DeadlineRecord) {
  const old = { pk: `PROPOSAL#${deadline.proposalId}`, sk: SK.deadline };
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const read = (Key: Record<string, string>) =>
      documents.send(new GetCommand({ TableName: tableName, Key, ConsistentRead: true }));
    const proposal = (await read(proposalKey(deadline.proposalId))).Item;
    const entry = (await read(decisionKey(deadline.proposalId))).Item;
    const open = proposal?.stateKey === deadline.state && entry?.[DEADLINE_ATTRIBUTE] === undefined;
    const remove = { Delete: { TableName: tableName, Key: old } };
    try {
      if (!open) {
        await documents.send(new DeleteCommand(remove.Delete));
        return false;
      }
      await documents.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              // Still the version read: no transition moved the deadline in between.
              ConditionCheck: {
                TableName: tableName,
                Key: proposalKey(deadline.proposalId),
                ConditionExpression: '#version = :version',
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: { ':version': proposal?.version },
              },
            },
            {
              Update: {
                TableName: tableName,
                Key: decisionKey(deadline.proposalId),
                UpdateExpression: 'SET #deadline = :deadline, #gpk = :gpk, #gsk = :gsk',
                ExpressionAttributeNames: {
                  '#deadline': DEADLINE_ATTRIBUTE,
                  '#gpk': GSI1.partitionKey,
                  '#gsk': GSI1.sortKey,
                },
                ExpressionAttributeValues: {
                  ':deadline': deadlineAttribute(deadline),
                  ':gpk': GSI1_PARTITION.deadlines,
                  ':gsk': `${deadline.due}#${deadline.proposalId}`,
                },
              },
            },
            remove,
          ],
        }),
      );
      return true;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
    }
  }
  throw new Error(`backfill: proposal ${deadline.proposalId} kept changing; run the backfill again`);
}

/** Gives the proposal item of partition `pk` its gsi2 keys (and drops its gsi1 keys). Returns whether it wrote. */
async function listProposalItem(documents: DynamoDBDocumentClient, tableName: string, pk: string) {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const { Item: item } = await documents.send(
      new GetCommand({ TableName: tableName, Key: { pk, sk: SK.proposal }, ConsistentRead: true }),
    );
    // No proposal item (an entry left alone) or already listed by a newer transition: nothing to do.
    if (item === undefined || item.gsi2pk !== undefined) return false;
    const id = String(item.id);
    try {
      await documents.send(
        new UpdateCommand({
          TableName: tableName,
          Key: proposalKey(id),
          UpdateExpression: 'SET #gpk = :gpk, #gsk = :gsk REMOVE #old1, #old2',
          // A transition in between changes the version: read again and list what it wrote.
          ConditionExpression: '#version = :version AND attribute_not_exists(#gpk)',
          ExpressionAttributeNames: {
            '#gpk': 'gsi2pk',
            '#gsk': 'gsi2sk',
            '#old1': GSI1.partitionKey,
            '#old2': GSI1.sortKey,
            '#version': 'version',
          },
          ExpressionAttributeValues: {
            ...prefixed(proposalListKey(String(item.phase), String(item.createdAt), id)),
            ':version': item.version,
          },
        }),
      );
      return true;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
  throw new Error(`backfill: proposal ${pk} kept changing; run the backfill again`);
}

const prefixed = (keys: { readonly gsi2pk: string; readonly gsi2sk: string }) => ({
  ':gpk': keys.gsi2pk,
  ':gsk': keys.gsi2sk,
});
