/**
 * The covenant's dated effects (DESIGN 2.5): what happens by itself on a day — a withdrawal three
 * months after its notice (art. 10), a signed change on its date (art. 9.2–9.4), the reminder a
 * month before each renewal (art. 9.1). Each is an item in the table and one workflow execution
 * that waits for its day (statemachines/dated-effects); applying it is one conditional write, so
 * a repeated or late execution changes nothing twice.
 */
import {
  amsterdamDateOf,
  type CovenantVersion,
  changedRegister,
  type Register,
  registerAfterWithdrawal,
  startOfAmsterdamDay,
  termOn,
} from '#shared/covenant/index.ts';
import { liftMailSuppression } from '#shared/mail/suppression.ts';
import type { DatedEffect } from '#shared/ports/covenant.ts';
import type { EffectTimer } from '#statemachines/dated-effects/asl.ts';
import { mailMembers } from './covenant-mail.ts';
import { withCovenantToday } from './covenant-source.ts';
import { type AppDeps, nowOf } from './deps.ts';
import { derivedIdSuffix } from './ids.ts';
import { submitProposal } from './proposals.ts';

/** A Standard execution lives a year: a park waits at most this long, then times the effect again. */
const MAX_PARK_SECONDS = 300 * 24 * 3600;

/** The instant an effect falls due: the start of its day in Amsterdam. */
export const dueInstantOf = (dueOn: string): number => startOfAmsterdamDay(dueOn);

/** Records the effect (once) and starts its execution; a repeated call starts nothing new. */
export async function scheduleEffect(deps: AppDeps, effect: DatedEffect): Promise<DatedEffect> {
  const kept = (await deps.store.covenant.addDatedEffect(effect)) ?? effect;
  if (kept.status === 'pending' && deps.effects) await deps.effects.start(kept.id);
  return kept;
}

/** Starts the executions of every pending effect (at start: one lost to a crash is started again). */
export async function resumeDatedEffects(deps: AppDeps): Promise<number> {
  const pending = await deps.store.covenant.listPendingDatedEffects();
  for (const effect of pending) await deps.effects?.start(effect.id);
  return pending.length;
}

/** The reminder of the renewal after `day` (art. 9.1): due a month before it. */
export function renewalReminderAfter(signedOn: string, day: string): DatedEffect {
  let term = termOn(signedOn, day);
  // Past this term's reminder day: the next term's reminder.
  if (term.reminderOn <= day) term = termOn(signedOn, term.renewsOn);
  return {
    id: `renewal-${term.renewsOn}`,
    kind: 'renewal-reminder',
    dueOn: term.reminderOn,
    ref: term.renewsOn,
    status: 'pending',
  };
}

/** Writes version 1 from the seed when the table has none, and schedules the next renewal reminder. */
export async function ensureCovenant(deps: AppDeps): Promise<void> {
  const now = nowOf(deps);
  await deps.covenant.seed(now);
  const { register } = await deps.covenant.inForceOn(amsterdamDateOf(now));
  await scheduleEffect(deps, renewalReminderAfter(register.covenantSignedOn, amsterdamDateOf(now)));
  await resumeDatedEffects(deps);
}

/** How long the execution of `effectId` waits still, or that it applies now, or stops. */
export async function timeEffect(deps: AppDeps, effectId: string): Promise<EffectTimer> {
  const effect = await deps.store.covenant.getDatedEffect(effectId);
  if (effect?.status !== 'pending') return { next: 'done', seconds: 1 };
  const seconds = Math.ceil((dueInstantOf(effect.dueOn) - deps.clock.now().getTime()) / 1000);
  if (seconds <= 0) return { next: 'apply', seconds: 1 };
  return { next: 'wait', seconds: Math.min(seconds, MAX_PARK_SECONDS) };
}

/** Applies a due effect once; a second call (a retried task) only repeats its idempotent follow-ups. */
export async function applyEffect(deps: AppDeps, effectId: string): Promise<DatedEffect['status']> {
  const effect = await deps.store.covenant.getDatedEffect(effectId);
  if (!effect || effect.status === 'revoked') return 'revoked';
  if (effect.kind === 'renewal-reminder') return applyRenewalReminder(deps, effect);
  return applyNewVersion(deps, effect);
}

async function applyRenewalReminder(deps: AppDeps, effect: DatedEffect): Promise<'applied'> {
  const today = await withCovenantToday(deps);
  const renewsOn = effect.ref;
  await mailMembers(today, today.register, effect.dueOn, {
    step: 'covenant-renewal',
    ref: renewsOn,
    subject: { nl: `Het convenant verlengt zich op ${renewsOn}`, en: `The covenant renews on ${renewsOn}` },
    nl: [
      `Het convenant wordt op ${renewsOn} stilzwijgend met een jaar verlengd (art. 9.1). Wie wil evalueren of opzeggen, doet dat nu.`,
    ],
    en: [
      `The covenant renews itself silently by a year on ${renewsOn} (art. 9.1). Evaluate or withdraw now if you wish to.`,
    ],
  });
  await deps.store.covenant.markDatedEffectApplied(effect.id);
  await scheduleEffect(deps, renewalReminderAfter(today.register.covenantSignedOn, renewsOn));
  return 'applied';
}

/** The version the effect makes, following `previous` (the version in force on its day). */
async function versionOf(
  deps: AppDeps,
  effect: DatedEffect,
  previous: CovenantVersion,
  id: number,
): Promise<CovenantVersion> {
  const base = { id, effectiveOn: effect.dueOn, text: previous.text, recordedAt: nowOf(deps) };
  if (effect.kind === 'withdrawal') {
    const notice = (await deps.store.listWithdrawalNotices()).find((n) => n.party === effect.ref);
    const noticeOn = notice?.noticeOn ?? effect.dueOn;
    const register = registerAfterWithdrawal(previous.register, effect.ref, noticeOn, effect.dueOn);
    return { ...base, register, cause: { kind: 'withdrawal', party: effect.ref } };
  }
  const found = await deps.store.covenant.getCovenantChange(effect.ref);
  if (!found) throw new Error(`dated effect ${effect.id}: change ${effect.ref} is not in the table`);
  const { change } = found;
  const register = changedRegister(
    previous.register,
    change.registerChanges ?? {},
    change.policyChanges ?? {},
    effect.dueOn,
  );
  const text =
    change.kind === 'accession'
      ? previous.text
      : { ...previous.text, reference: `${previous.text.reference} + ${change.id}` };
  return { ...base, text, register, cause: { kind: 'change', changeId: change.id } };
}

async function applyNewVersion(deps: AppDeps, effect: DatedEffect): Promise<DatedEffect['status']> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const listed = await deps.store.covenant.listCovenantVersions();
    const versions = listed.length > 0 ? listed : [await deps.covenant.seed(nowOf(deps))];
    const previous = [...versions].reverse().find((v) => v.effectiveOn <= effect.dueOn) ?? versions.at(-1);
    if (!previous) throw new Error('no covenant version to change: the seed was never written');
    const latest = Math.max(...versions.map((v) => v.id));
    // Through the covenant source: this process's requests see the new version at once.
    const outcome = await deps.covenant.record(
      await versionOf(deps, effect, previous, latest + 1),
      effect.id,
    );
    if (outcome === 'conflict') continue;
    const now = await deps.store.covenant.getDatedEffect(effect.id);
    if (now?.status !== 'applied') return now?.status ?? 'revoked';
    await followUps(deps, now);
    return 'applied';
  }
  throw new Error(`dated effect ${effect.id}: the covenant's versions kept changing; retry`);
}

/**
 * A change that adds parties or updates them (their representatives, say) lifts the bounce
 * suppression of their addresses: "until the register changes" (issue 14, item 1).
 */
async function mailAgain(deps: AppDeps, register: Register, changeId: string): Promise<void> {
  const found = await deps.store.covenant.getCovenantChange(changeId);
  const changes = found?.change.registerChanges ?? {};
  const parties = [...(changes.add ?? []).map((p) => p.id), ...(changes.update ?? []).map((u) => u.id)];
  for (const party of parties) await liftMailSuppression(deps.store, { party, register });
}

/** What follows a new version: e-mails, the agenda item of art. 10, the membership seam. Idempotent. */
async function followUps(deps: AppDeps, effect: DatedEffect): Promise<void> {
  const today = await withCovenantToday(deps);
  if (effect.kind === 'change') {
    await mailMembers(today, today.register, effect.dueOn, {
      step: 'covenant-change-in-force',
      ref: effect.ref,
      subject: {
        nl: `Wijziging ${effect.ref} van het convenant is van kracht`,
        en: `Covenant change ${effect.ref} is in force`,
      },
      nl: [
        `Alle partijen hebben getekend; de wijziging ${effect.ref} is van kracht vanaf ${effect.dueOn} (art. 9), als versie ${effect.appliedAs}.`,
      ],
      en: [
        `Every party signed; change ${effect.ref} is in force from ${effect.dueOn} (art. 9), as version ${effect.appliedAs}.`,
      ],
    });
    await mailAgain(deps, today.register, effect.ref);
    return;
  }
  const party = effect.ref;
  await mailMembers(
    today,
    today.register,
    effect.dueOn,
    {
      step: 'withdrawal-effective',
      ref: `${party}-${effect.dueOn}`,
      subject: {
        nl: `De opzegging van ${party} is van kracht`,
        en: `${party}'s withdrawal has taken effect`,
      },
      nl: [
        `${party} is vanaf ${effect.dueOn} geen partij meer (art. 10). Het quorum en de drempel tellen zonder ${party}. ZIN adviseert over de vertegenwoordiging van de achterban van ${party}; dat punt staat op de agenda.`,
      ],
      en: [
        `${party} is no longer a party from ${effect.dueOn} (art. 10). The quorum and the threshold count without ${party}. ZIN advises on how ${party}'s constituency is represented; the item is on the agenda.`,
      ],
    },
    [party],
  );
  await deps.membership?.membershipEnded(party, effect.dueOn);
  // art. 10: the group agrees, on ZIN's advice, how the party's constituency is represented from now on.
  const left = today.register.parties.find((p) => p.id === party);
  const secretary = today.register.parties.find((p) => p.roles.includes('secretary'));
  if (!secretary) throw new Error('the register has no secretary to table the item');
  await submitProposal(
    today,
    {
      title: `Vertegenwoordiging van de achterban van ${party} / Representation of ${party}'s constituency`,
      description: `${party} withdrew from the covenant on ${effect.dueOn} (art. 10). ZIN advises how its constituency is represented from now on.`,
      standards: [...(left?.standards.length ? left.standards : (['iWmo', 'iJw', 'iEb'] as const))],
      kind: 'other',
    },
    { party: secretary.id, roles: [] },
    // The effect may run twice (a retried execution): the item's id is the effect's own, so it is tabled once.
    `p-${derivedIdSuffix(`${secretary.id}\nwithdrawal-${party}-${effect.dueOn}`)}`,
  );
}
