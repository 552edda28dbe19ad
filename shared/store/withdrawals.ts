// Notices of withdrawal from the covenant (art. 10): one per party.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { WithdrawalNotice } from '#shared/ports/store.ts';
import { queryGsi1, type StoreContext } from './context.ts';
import { recordOf, withdrawalItem } from './items.ts';
import { GSI1_PARTITION } from './keys.ts';

/** Records the party's notice; a later notice replaces the earlier one (whether it may is the caller's rule). */
export async function putWithdrawalNotice(ctx: StoreContext, notice: WithdrawalNotice): Promise<void> {
  await ctx.client.send(new PutCommand({ TableName: ctx.tableName, Item: withdrawalItem(notice) }));
}

/** All notices from gsi1 `WITHDRAWALS`, oldest notice first. */
export async function listWithdrawalNotices(ctx: StoreContext): Promise<WithdrawalNotice[]> {
  return (await queryGsi1(ctx, GSI1_PARTITION.withdrawals)).map((item) => recordOf<WithdrawalNotice>(item));
}
