/**
 * Changes of the covenant (art. 9.2–9.4): ZIN proposes a new version, an addendum or an accession;
 * every party in the register on the day it was proposed signs; once all have signed it takes
 * effect by itself on its date (a dated effect). A change that would leave the register invalid is
 * refused before anyone signs.
 */
import {
  amsterdamDateOf,
  changedRegister,
  isMemberOn,
  type Party,
  RegisterValidationError,
  UnknownPartyError,
} from '#shared/covenant/index.ts';
import { CovenantRuleError } from '#shared/dispatch/errors.ts';
import type { ChangeSignature, CovenantChange } from '#shared/ports/covenant.ts';
import type { ProposeChangeBody } from '#shared/schemas/covenant.ts';
import type { Caller } from '#statemachines/proposal-lifecycle/events.ts';
import { scheduleEffect } from './covenant-effects.ts';
import { mailMembers } from './covenant-mail.ts';
import { type AppDeps, nowOf } from './deps.ts';
import { CovenantChangeNotFoundError } from './errors.ts';
import { idSuffix } from './ids.ts';

/** A change with its signatures and where it stands. */
export interface ChangeState {
  readonly change: CovenantChange;
  readonly signatures: readonly ChangeSignature[];
  readonly missing: readonly string[];
  readonly status: 'awaiting-signatures' | 'signed' | 'in-force';
}

const changeEffectId = (changeId: string) => `change-${changeId}`;

/** The parties a change adds, members from its date (an accession's parties join on it). */
function addedParties(body: ProposeChangeBody): Party[] {
  return (body.registerChanges?.add ?? []).map((p) => ({
    ...p,
    roles: p.roles ?? [],
    memberFrom: body.effectiveDate,
  }));
}

/** Refuses a change that would leave the register invalid (422, before anyone signs). */
function validate(deps: AppDeps, body: ProposeChangeBody, today: string): void {
  if (body.effectiveDate <= today) {
    throw new CovenantRuleError(
      'change-effective-date',
      '9.2',
      `a change takes effect after the day it is proposed (${today}), not on ${body.effectiveDate}`,
      { effectiveDate: body.effectiveDate },
    );
  }
  const add = addedParties(body);
  if (body.kind === 'accession' && add.length === 0) {
    throw new CovenantRuleError(
      'invalid-register-change',
      '9.4',
      'an accession adds at least one party (registerChanges.add)',
      {},
    );
  }
  try {
    changedRegister(
      deps.register,
      { ...body.registerChanges, add },
      body.policyChanges ?? {},
      body.effectiveDate,
    );
  } catch (error) {
    if (error instanceof RegisterValidationError) {
      throw new CovenantRuleError(
        'invalid-register-change',
        '9.2',
        `the register after this change would be invalid: ${error.message}`,
        { errors: error.issues },
      );
    }
    if (error instanceof UnknownPartyError) {
      throw new CovenantRuleError('invalid-register-change', '9.2', error.message, {});
    }
    throw error;
  }
}

/** ZIN proposes a change; every member of the register today must sign it. @throws CovenantRuleError (422) */
export async function proposeChange(
  deps: AppDeps,
  body: ProposeChangeBody,
  by: Caller,
): Promise<ChangeState> {
  const now = nowOf(deps);
  const today = amsterdamDateOf(now);
  validate(deps, body, today);
  const add = addedParties(body);
  const change: CovenantChange = {
    // A resumed request proposes the change its first attempt stored (and mails it, unless that attempt did).
    id: deps.resumed?.createdId ?? `c-${idSuffix()}`,
    kind: body.kind,
    summary: body.summary,
    text: body.text,
    ...(body.registerChanges ? { registerChanges: { ...body.registerChanges, add } } : {}),
    ...(body.policyChanges ? { policyChanges: body.policyChanges } : {}),
    effectiveDate: body.effectiveDate,
    proposedBy: by.party,
    proposedAt: now,
    proposedUnder: deps.covenantVersion,
    signatories: deps.register.parties.filter((p) => isMemberOn(p, today)).map((p) => p.id),
    // art. 9.4: an acceding party's consent is its accession request, which ZIN records here.
    ...(body.kind === 'accession' ? { consents: add.map((p) => p.id) } : {}),
  };
  if (!deps.resumed) await deps.store.covenant.addCovenantChange(change);
  await mailMembers(deps, deps.register, today, {
    step: 'covenant-change-proposed',
    ref: change.id,
    subject: {
      nl: `Wijziging van het convenant ter ondertekening: ${body.summary}`,
      en: `Covenant change to sign: ${body.summary}`,
    },
    nl: [
      `ZIN stelt een wijziging (${body.kind}) van het convenant voor, van kracht op ${body.effectiveDate} zodra alle partijen hebben getekend (art. 9). Tekenen: POST /covenant/changes/${change.id}/signature.`,
      '',
      body.text,
    ],
    en: [
      `ZIN proposes a change (${body.kind}) of the covenant, in force on ${body.effectiveDate} once every party has signed (art. 9). Sign with POST /covenant/changes/${change.id}/signature.`,
      '',
      body.text,
    ],
  });
  return getChange(deps, change.id);
}

/** The change with its signatures. @throws CovenantChangeNotFoundError */
export async function getChange(deps: AppDeps, changeId: string): Promise<ChangeState> {
  const found = await deps.store.covenant.getCovenantChange(changeId);
  if (!found) throw new CovenantChangeNotFoundError(changeId);
  const signed = new Set(found.signatures.map((s) => s.party));
  const missing = found.change.signatories.filter((p) => !signed.has(p));
  const effect = await deps.store.covenant.getDatedEffect(changeEffectId(changeId));
  const status =
    effect?.status === 'applied' ? 'in-force' : missing.length === 0 ? 'signed' : 'awaiting-signatures';
  const change =
    effect?.appliedAs === undefined ? found.change : { ...found.change, inForceAs: effect.appliedAs };
  return { change, signatures: found.signatures, missing, status };
}

/**
 * A party signs; with the last signature the change is scheduled for its date (or today, when the
 * last signature comes after it). @throws CovenantChangeNotFoundError, CovenantRuleError
 */
export async function signChange(deps: AppDeps, changeId: string, party: string): Promise<ChangeState> {
  const before = await getChange(deps, changeId);
  if (!before.change.signatories.includes(party)) {
    const acceding = before.change.consents?.includes(party) ?? false;
    throw new CovenantRuleError(
      'not-a-signatory',
      '9.2',
      acceding
        ? `${party} accedes by this change: its consent is part of its accession request, it signs nothing before it is a party`
        : `${party} was not a party on the day change ${changeId} was proposed`,
      { party, signatories: before.change.signatories },
    );
  }
  const now = nowOf(deps);
  await deps.store.covenant.addChangeSignature({ changeId, party, at: now });
  const after = await getChange(deps, changeId);
  if (after.missing.length === 0) {
    const today = amsterdamDateOf(now);
    // biome-ignore lint/complexity/useMathMinMax: calendar dates as text; Math.max compares numbers
    const dueOn = after.change.effectiveDate > today ? after.change.effectiveDate : today;
    await scheduleEffect(deps, {
      id: changeEffectId(changeId),
      kind: 'change',
      dueOn,
      ref: changeId,
      status: 'pending',
    });
  }
  return after;
}
