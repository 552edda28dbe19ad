// Notices of withdrawal from the covenant (art. 10): one per party.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { WithdrawalNotice } from '#shared/ports/store.ts';
import { queryGsi1, type StoreContext } from './context.ts';
import { recordOf, withdrawalItem } from './items.ts';
import { GSI1_PARTITION } from './keys.ts';

/**
 * Records the party's notice unless it has given one: one conditional Put, so that of two notices
 * at the same moment exactly one is kept. Returns the notice it had given before, if any.
 */
export async function addWithdrawalNotice(
  ctx: StoreContext,
  notice: WithdrawalNotice,
): Promise<WithdrawalNotice | undefined> {
  try {
    await ctx.client.send(
      new PutCommand({
        TableName: ctx.tableName,
        Item: withdrawalItem(notice),
        ConditionExpression: 'attribute_not_exists(pk)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return undefined;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException) || error.Item === undefined) throw error;
    // lib-dynamodb leaves the item of a failed condition marshalled (STACK-NOTES).
    return recordOf<WithdrawalNotice>(unmarshall(error.Item));
  }
}

/** All notices from gsi1 `WITHDRAWALS`, oldest notice first. */
export async function listWithdrawalNotices(ctx: StoreContext): Promise<WithdrawalNotice[]> {
  return (await queryGsi1(ctx, GSI1_PARTITION.withdrawals)).map((item) => recordOf<WithdrawalNotice>(item));
}
