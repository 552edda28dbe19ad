/** A party's notice of withdrawal from the covenant (art. 10). */
import {
  amsterdamDateOf,
  getParty,
  isMemberOn,
  memberUntilAfterNotice,
  withdrawalEffectiveOn,
} from '#shared/covenant/index.ts';
import type { DatedEffect } from '#shared/ports/covenant.ts';
import type { WithdrawalNotice } from '#shared/ports/store.ts';
import { scheduleEffect } from './covenant-effects.ts';
import { mailMembers } from './covenant-mail.ts';
import { type AppDeps, nowOf } from './deps.ts';
import { NotAMemberError, NoWithdrawalNoticeError, WithdrawalNoticeExistsError } from './errors.ts';

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
 * A resumed request (its first attempt gave the notice) answers with that notice and finishes the
 * steps that follow it.
 * @throws NotAMemberError, WithdrawalNoticeExistsError
 */
export async function giveWithdrawalNotice(deps: AppDeps, partyId: string): Promise<NoticeGiven> {
  const today = amsterdamDateOf(nowOf(deps));
  const party = getParty(deps.register, partyId);
  const given = (notice: WithdrawalNotice): NoticeGiven => {
    const memberUntil = memberUntilAfterNotice(notice.noticeOn);
    return { notice, memberUntil, registerUpToDate: party.memberUntil === memberUntil };
  };
  // A resumed request is answered with its notice, even though the notice may have ended membership since.
  const earlierOwn = deps.resumed ? await ownNotice(deps, partyId) : undefined;
  if (!earlierOwn && !isMemberOn(party, today)) throw new NotAMemberError(partyId, today);
  // art. 10: three months' notice; a second notice would move the date, so it is refused.
  const notice: WithdrawalNotice = {
    party: partyId,
    noticeOn: today,
    effectiveOn: withdrawalEffectiveOn(today),
    givenAt: nowOf(deps),
  };
  const earlier = earlierOwn ? undefined : await deps.store.addWithdrawalNotice(notice);
  if (earlier) throw new WithdrawalNoticeExistsError(partyId, earlier.noticeOn, earlier.effectiveOn);
  const kept = earlierOwn ?? notice;
  // The durable deadline of art. 10: it takes effect by itself three months later.
  await scheduleEffect(deps, withdrawalEffect(kept));
  await mailMembers(deps, deps.register, today, {
    step: 'withdrawal-noticed',
    // Each notice its own Message-ID: one given again the same day, after a revocation, is e-mailed too.
    ref: `${partyId}-${kept.givenAt ?? kept.noticeOn}`,
    subject: { nl: `${partyId} zegt het convenant op`, en: `${partyId} gives notice of withdrawal` },
    nl: [
      `${partyId} heeft op ${kept.noticeOn} het convenant opgezegd (art. 10). De opzegging wordt van kracht op ${kept.effectiveOn}; tot dan kan ${partyId} haar intrekken.`,
    ],
    en: [
      `${partyId} gave notice of withdrawal on ${kept.noticeOn} (art. 10). It takes effect on ${kept.effectiveOn}; until then ${partyId} may revoke it.`,
    ],
  });
  return given(kept);
}

/** The party's notice as the store keeps it, if it gave one. */
async function ownNotice(deps: AppDeps, partyId: string): Promise<WithdrawalNotice | undefined> {
  return (await deps.store.listWithdrawalNotices()).find((n) => n.party === partyId);
}

/** The id of a withdrawal's dated effect starts with this; the notice's day follows. */
const withdrawalEffectPrefix = (party: string) => `withdrawal-${party}-`;

/** The dated effect of a notice: the withdrawal, on its day. */
export const withdrawalEffect = (notice: WithdrawalNotice): DatedEffect => ({
  id: `${withdrawalEffectPrefix(notice.party)}${notice.noticeOn}`,
  kind: 'withdrawal',
  dueOn: notice.effectiveOn,
  ref: notice.party,
  status: 'pending',
});

/** The notice a withdrawal's effect was made for (the effect outlives a revoked notice). */
const noticeOfEffect = (effect: DatedEffect): WithdrawalNotice => ({
  party: effect.ref,
  noticeOn: effect.id.slice(withdrawalEffectPrefix(effect.ref).length),
  effectiveOn: effect.dueOn,
});

/**
 * Revokes the party's notice before it takes effect (art. 10): the notice is gone, its effect will
 * do nothing. A resumed request (its first attempt revoked the notice and lost the answer) answers
 * with the notice it revoked, which only the revoked effect still names (the store keeps the
 * effect's id as the id of what the revocation changed).
 * @throws NoWithdrawalNoticeError when there is no notice, or it took effect already.
 */
export async function revokeWithdrawalNotice(deps: AppDeps, partyId: string): Promise<WithdrawalNotice> {
  const revoked = deps.resumed?.createdId;
  const effect = revoked === undefined ? undefined : await deps.store.covenant.getDatedEffect(revoked);
  if (effect?.kind === 'withdrawal' && effect.ref === partyId) return noticeOfEffect(effect);
  const notice = (await deps.store.listWithdrawalNotices()).find((n) => n.party === partyId);
  if (!notice || !(await deps.store.covenant.revokeWithdrawal(partyId, withdrawalEffect(notice).id))) {
    throw new NoWithdrawalNoticeError(partyId);
  }
  return notice;
}
