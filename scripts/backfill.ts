/**
 * `TABLE_NAME=<table> npm run backfill`: once, after the deploy that added gsi2 (issue 16), lists
 * every proposal an older version listed in gsi1 `PROPOSALS` in gsi2 by its proposal item, and
 * removes the older listing (shared/store/backfill.ts; shared/store/README.md, "Older data").
 * Idempotent: a second run finds nothing to do. It reads the old list with Queries, never a Scan.
 * The local stack needs none of this: it runs the same backfill whenever it starts.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { backfillLists } from '#shared/store/backfill.ts';
import { refuse } from './cli.ts';

const tableName = process.env.TABLE_NAME;
if (tableName === undefined || tableName === '') {
  refuse({ error: "usage: TABLE_NAME=<table> npm run backfill (the data stack's output TableName)" });
} else {
  const client = new DynamoDBClient({});
  try {
    const { listed, entriesRemoved } = await backfillLists(client, tableName);
    process.stdout.write(
      `${tableName}: ${listed} proposals listed in gsi2, ${entriesRemoved} older list entries removed\n`,
    );
  } finally {
    client.destroy();
  }
}
