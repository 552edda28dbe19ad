/** `npm run backfill`: the one-off upgrade step of a cloud table (issue 16), run as an operator runs it. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoDbStore } from '#shared/store/dynamodb-store.ts';
import { listingOf, proposalItem } from '#shared/store/items.ts';
import { proposalGsi1, proposalListingKey } from '#shared/store/keys.ts';
import { useDynamoDbLocal } from '../../support/dynamodb.ts';
import { newProposal } from '../../support/store-fixtures.ts';

const db = useDynamoDbLocal();
const run = promisify(execFile);

describe('npm run backfill', () => {
  it('lists the proposals an older version listed by list entries, and says how many', async () => {
    // GIVEN a proposal as the previous release stored it: its item unlisted, its list entry in gsi1
    const tableName = await db.freshTable();
    const proposal = newProposal();
    const { gsi2pk: _pk, gsi2sk: _sk, ...olderItem } = proposalItem(proposal);
    const entry = {
      ...proposalListingKey(proposal.id),
      ...proposalGsi1(proposal.phase, proposal.createdAt, proposal.id),
      ...listingOf(proposal),
    };
    for (const Item of [olderItem, entry]) {
      await db.documentClient.send(new PutCommand({ TableName: tableName, Item }));
    }
    const store = new DynamoDbStore(db.documentClient, tableName);
    expect(await store.listProposals()).toEqual([]);

    // WHEN the operator runs the script against the table
    const { stdout } = await run('node_modules/.bin/tsx', ['scripts/backfill.ts'], {
      env: {
        ...process.env,
        TABLE_NAME: tableName,
        AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
      },
    });

    // THEN
    expect(stdout).toBe(`${tableName}: 1 proposals listed in gsi2, 1 older list entries removed\n`);
    expect(await store.listProposals()).toEqual([listingOf(proposal)]);
  });
});
