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
import { requestRef } from './ids.ts';

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
 * A retry of the request that gave the notice (same Idempotency-Key) answers with that notice.
 * @throws NotAMemberError, WithdrawalNoticeExistsError
 */
export async function giveWithdrawalNotice(
  deps: AppDeps,
  partyId: string,
  idempotencyKey?: string,
): Promise<NoticeGiven> {
  const today = amsterdamDateOf(nowOf(deps));
  const party = getParty(deps.register, partyId);
  const request = idempotencyKey === undefined ? undefined : requestRef(partyId, idempotencyKey);
  const given = (notice: WithdrawalNotice): NoticeGiven => {
    const memberUntil = memberUntilAfterNotice(notice.noticeOn);
    return { notice, memberUntil, registerUpToDate: party.memberUntil === memberUntil };
  };
  if (!isMemberOn(party, today)) throw new NotAMemberError(partyId, today);
  // art. 10: three months' notice; a second notice would move the date, so it is refused.
  const notice: WithdrawalNotice = {
    party: partyId,
    noticeOn: today,
    effectiveOn: withdrawalEffectiveOn(today),
    ...(request === undefined ? {} : { request }),
  };
  const earlier = await deps.store.addWithdrawalNotice(notice);
  if (!earlier) return given(notice);
  if (request !== undefined && earlier.request === request) return given(earlier);
  throw new WithdrawalNoticeExistsError(partyId, earlier.noticeOn, earlier.effectiveOn);
}
