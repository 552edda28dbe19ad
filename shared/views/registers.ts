/** The registers the API lists: parties (without personal data) and decisions. */

import type { z } from 'zod';
import {
  amsterdamDateOf,
  isVotingParty,
  type Register,
  type Standard,
  totalVotesOn,
} from '#shared/covenant/index.ts';
import type { DecisionRecord, WithdrawalNotice } from '#shared/ports/store.ts';
import type { DecisionList, PartyList } from '#shared/schemas/register.ts';

/** A notice of withdrawal as the API shows it (without the request that gave it). */
export function noticeView({ party, noticeOn, effectiveOn }: WithdrawalNotice) {
  return { party, noticeOn, effectiveOn };
}

/**
 * The party register with weights and standards, and the notices of withdrawal. Representatives'
 * names and e-mail addresses are personal data (art. 14): they stay out.
 */
export function partiesView(
  register: Register,
  notices: readonly WithdrawalNotice[],
  now: string,
): z.infer<typeof PartyList> {
  const noticeOf = new Map(notices.map((n) => [n.party, n]));
  const parties = register.parties.map((p) => {
    const notice = noticeOf.get(p.id);
    return {
      id: p.id,
      name: p.name,
      kind: p.kind,
      votes: p.votes,
      votingParty: isVotingParty(p),
      standards: [...p.standards],
      roles: [...p.roles],
      memberFrom: p.memberFrom,
      ...(p.memberUntil ? { memberUntil: p.memberUntil } : {}),
      ...(notice ? { withdrawalNotice: noticeView(notice) } : {}),
    };
  });
  return {
    parties,
    totalVotes: totalVotesOn(register, amsterdamDateOf(now)),
    withdrawalNotices: notices.map(noticeView),
  };
}

/** The decision register, oldest first. */
export function decisionsView(decisions: readonly DecisionRecord[]): z.infer<typeof DecisionList> {
  // The store keeps standards as strings; they were validated as Standards when the proposal was tabled.
  return { decisions: decisions.map((d) => ({ ...d, standards: [...d.standards] as Standard[] })) };
}
