/** A party's notice of withdrawal from the covenant (art. 10). */
import {
  amsterdamDateOf,
  getParty,
  isMemberOn,
  memberUntilAfterNotice,
  withdrawalEffectiveOn,
} from '#shared/covenant/index.ts';
import type { WithdrawalNotice } from '#shared/ports/store.ts';
import { type AppDeps, nowOf } from './deps.ts';
import { NotAMemberError, WithdrawalNoticeExistsError } from './errors.ts';

/** The notice and what the register must say for it to take effect (the register is data). */
export interface NoticeGiven {
  readonly notice: WithdrawalNotice;
  /** The register's `memberUntil` for this notice: the day before the withdrawal takes effect. */
  readonly memberUntil: string;
  /** Whether the register says so already. */
  readonly registerUpToDate: boolean;
}

/**
 * Records the party's written notice, given today (Amsterdam): it takes effect three months later.
 * @throws NotAMemberError, WithdrawalNoticeExistsError
 */
export async function giveWithdrawalNotice(deps: AppDeps, partyId: string): Promise<NoticeGiven> {
  const today = amsterdamDateOf(nowOf(deps));
  const party = getParty(deps.register, partyId);
  if (!isMemberOn(party, today)) throw new NotAMemberError(partyId, today);
  const existing = (await deps.store.listWithdrawalNotices()).find((n) => n.party === partyId);
  if (existing) throw new WithdrawalNoticeExistsError(partyId, existing.noticeOn, existing.effectiveOn);
  // art. 10: three months' notice; a second notice would move the date, so it is refused above.
  const notice = { party: partyId, noticeOn: today, effectiveOn: withdrawalEffectiveOn(today) };
  await deps.store.putWithdrawalNotice(notice);
  const memberUntil = memberUntilAfterNotice(today);
  return { notice, memberUntil, registerUpToDate: party.memberUntil === memberUntil };
}
