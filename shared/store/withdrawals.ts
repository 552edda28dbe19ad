// Notices of withdrawal from the covenant (art. 10): one per party.
import type { WithdrawalNotice } from '#shared/ports/store.ts';
import { putIfAbsent, queryGsi1, type StoreContext } from './context.ts';
import { recordOf, withdrawalItem } from './items.ts';
import { GSI1_PARTITION } from './keys.ts';

/**
 * Records the party's notice unless it has given one: of two notices at the same moment exactly one
 * is kept. Returns the notice it had given before, if any.
 */
export async function addWithdrawalNotice(
  ctx: StoreContext,
  notice: WithdrawalNotice,
): Promise<WithdrawalNotice | undefined> {
  const earlier = await putIfAbsent(ctx, withdrawalItem(notice));
  return earlier === undefined ? undefined : recordOf<WithdrawalNotice>(earlier);
}

/** All notices from gsi1 `WITHDRAWALS`, oldest notice first. */
export async function listWithdrawalNotices(ctx: StoreContext): Promise<WithdrawalNotice[]> {
  return (await queryGsi1(ctx, GSI1_PARTITION.withdrawals)).map((item) => recordOf<WithdrawalNotice>(item));
}
