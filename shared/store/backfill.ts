// Older data (shared/store/README.md, "Older data"): proposals an older version listed in gsi1
// `PROPOSALS` — by a list entry item (`LISTING`) or, before list entries existed, by the proposal
// item itself — are listed in gsi2 by their proposal item, and the old listing goes. Idempotent:
// once done, the gsi1 `PROPOSALS` partition is empty and a run is one empty Query. Not on a request
// path: the local stack runs it at start (ensureTable), the cloud once after the upgrade's deploy
// (`npm run backfill`).
import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './context.ts';
import { GSI1_PARTITION, proposalKey, proposalListKey, SK } from './keys.ts';
import { GSI1 } from './table.ts';

/** What a backfill did. */
export interface BackfillResult {
  /** Proposal items that were given their gsi2 keys. */
  readonly listed: number;
  /** Older list entries (`LISTING` items) deleted. */
  readonly entriesRemoved: number;
}

/** Attempts per proposal when a transition changes it between our read and our write. */
const ATTEMPTS = 5;

type Listed = { readonly pk: string; readonly sk: string };

/**
 * Lists in gsi2 every proposal an older version listed in gsi1 `PROPOSALS`, and removes the older
 * listing (the list entry, or the proposal item's gsi1 keys). A proposal a newer transition has
 * listed meanwhile is left as it is.
 */
export async function backfillProposalList(
  client: DynamoDBClient,
  tableName: string,
): Promise<BackfillResult> {
  const documents = DynamoDBDocumentClient.from(client);
  const ctx = { client: documents, tableName };
  const found = (await queryAll(ctx, {
    IndexName: GSI1.indexName,
    KeyConditionExpression: '#gpk = :gpk',
    ExpressionAttributeNames: { '#gpk': GSI1.partitionKey },
    ExpressionAttributeValues: { ':gpk': GSI1_PARTITION.proposals },
  })) as Listed[];
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
