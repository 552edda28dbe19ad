/** What the covenant routes show: the version in force, its history and term, changes, notices (art. 12). */
import type { z } from 'zod';
import {
  amsterdamDateOf,
  type CovenantVersion,
  isMemberOn,
  isVotingParty,
  termOn,
  totalVotesOn,
} from '#shared/covenant/index.ts';
import type { CovenantNotice } from '#shared/ports/covenant.ts';
import type { ChangeView, CovenantView, NoticeBody } from '#shared/schemas/covenant.ts';
import { partiesView } from '#shared/views/registers.ts';
import type { Caller } from '#statemachines/proposal-lifecycle/events.ts';
import type { ChangeState } from './covenant-changes.ts';
import { mailMembers } from './covenant-mail.ts';
import { seedVersion } from './covenant-source.ts';
import { type AppDeps, nowOf } from './deps.ts';
import { NotAMemberError } from './errors.ts';
import { idSuffix } from './ids.ts';

const summaryOf = (v: CovenantVersion) => ({
  version: v.id,
  effectiveOn: v.effectiveOn,
  text: v.text,
  cause: v.cause,
});

/**
 * The version in force today with its parties (no representatives: personal data), the term and
 * the history; with `changes`, the proposed changes too (not for the public).
 */
export async function getCovenant(
  deps: AppDeps,
  options: { readonly changes: boolean },
): Promise<z.infer<typeof CovenantView>> {
  const now = nowOf(deps);
  const today = amsterdamDateOf(now);
  const listed = await deps.store.covenant.listCovenantVersions();
  // Before version 1 is written (at start), the seed is what is in force.
  const versions = listed.length > 0 ? listed : [seedVersion(deps.register, now)];
  const inForce = versions.find((v) => v.id === deps.covenantVersion) ?? versions.at(-1);
  if (!inForce) throw new Error('unreachable: there is always a version');
  const { register } = deps;
  const parties = partiesView(register, options.changes ? await deps.store.listWithdrawalNotices() : [], now);
  const changes = options.changes
    ? (await deps.store.covenant.listCovenantChanges()).map((c) => ({
        id: c.id,
        kind: c.kind,
        summary: c.summary,
        effectiveDate: c.effectiveDate,
        status: c.inForceAs ? 'in-force' : 'proposed',
      }))
    : undefined;
  return {
    inForce: {
      ...summaryOf(inForce),
      parties: parties.parties,
      votingParties: register.parties.filter((p) => isVotingParty(p) && isMemberOn(p, today)).length,
      totalVotes: totalVotesOn(register, today),
      policy: { ...register.policy },
    },
    term: termOn(register.covenantSignedOn, today),
    history: versions.map(summaryOf),
    ...(changes ? { changes } : {}),
  };
}

/** A change as the API shows it: added parties by id only (their representatives are personal data). */
export function changeView({ change, signatures, missing, status }: ChangeState): z.infer<typeof ChangeView> {
  const rc = change.registerChanges;
  return {
    id: change.id,
    kind: change.kind,
    summary: change.summary,
    text: change.text,
    effectiveDate: change.effectiveDate,
    proposedBy: change.proposedBy,
    proposedAt: change.proposedAt,
    proposedUnder: change.proposedUnder,
    addsParties: (rc?.add ?? []).map((p) => p.id),
    updatesParties: (rc?.update ?? []).map((p) => p.id),
    removesParties: [...(rc?.remove ?? [])],
    ...(change.policyChanges ? { policyChanges: change.policyChanges } : {}),
    signatories: [...change.signatories],
    ...(change.consents ? { consents: [...change.consents] } : {}),
    signatures: signatures.map(({ party, at }) => ({ party, at })),
    missing: [...missing],
    status,
    ...(change.inForceAs === undefined ? {} : { inForceAs: change.inForceAs }),
  };
}

/** A member posts a notice (art. 12): kept, and e-mailed at once to every member. @throws NotAMemberError */
export async function postNotice(
  deps: AppDeps,
  body: z.infer<typeof NoticeBody>,
  by: Caller,
): Promise<CovenantNotice> {
  const at = nowOf(deps);
  const today = amsterdamDateOf(at);
  const party = deps.register.parties.find((p) => p.id === by.party);
  if (!party || !isMemberOn(party, today)) throw new NotAMemberError(by.party, today);
  const notice: CovenantNotice = {
    id: `n-${idSuffix()}`,
    by: by.party,
    subject: body.subject,
    body: body.body,
    at,
    covenantVersion: deps.covenantVersion,
  };
  // A resumed request mails the notice its first attempt kept, unless that attempt mailed it.
  const created = deps.resumed?.createdId;
  const kept =
    (created === undefined
      ? await deps.store.covenant.addCovenantNotice(notice)
      : (await deps.store.covenant.listCovenantNotices()).find((n) => n.id === created)) ?? notice;
  await mailMembers(deps, deps.register, today, {
    step: 'notice-posted',
    ref: kept.id,
    subject: {
      nl: `Mededeling van ${kept.by}: ${kept.subject}`,
      en: `Notice from ${kept.by}: ${kept.subject}`,
    },
    nl: [`${kept.by} meldt (art. 12, informatieplicht):`, '', kept.body],
    en: [`${kept.by} gives notice (art. 12, information duty):`, '', kept.body],
  });
  return kept;
}

/** Every notice, oldest first. */
export async function listNotices(deps: AppDeps): Promise<{ notices: CovenantNotice[] }> {
  return { notices: await deps.store.covenant.listCovenantNotices() };
}
