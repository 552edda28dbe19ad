/**
 * A party whose membership ended loses its access in the cloud (issue 17, item 2; art. 10): its
 * systems' machine client can no longer get tokens and its people are disabled. The covenant's
 * withdrawal calls this when the withdrawal takes effect; the membership check itself (who may
 * write on a day) lives in shared/covenant and holds even before this has run.
 */
import { amsterdamDateOf, parseCalendarDate } from '#shared/covenant/dates.ts';
import type { AccessDirectory, MachineClientClosure } from '#shared/ports/access-directory.ts';
import type { Clock } from '#shared/ports/clock.ts';

/** The party and the day its membership ended. */
export interface MembershipEnded {
  readonly party: string;
  /** `YYYY-MM-DD`: the first day the party is no longer a member. */
  readonly effectiveOn: string;
}

/** What was closed. */
export interface CloudAccessEnded extends MembershipEnded {
  readonly machineClient: MachineClientClosure;
  readonly peopleDisabled: number;
}

/** Asked to end a membership before the day it ends: nothing is closed. */
export class MembershipNotEndedError extends Error {
  override readonly name = 'MembershipNotEndedError';
  constructor(
    readonly party: string,
    readonly effectiveOn: string,
    readonly today: string,
  ) {
    super(
      `the membership of ${party} ends on ${effectiveOn}, not yet (today is ${today} in Amsterdam): its access stays open until then`,
    );
  }
}

/**
 * Closes the cloud access of a party whose membership ended on `effectiveOn`. Idempotent: a retry
 * closes nothing twice.
 * @throws MembershipNotEndedError when `effectiveOn` is after today (Amsterdam).
 * @throws InvalidDateError when `effectiveOn` is not a calendar date.
 */
export async function endCloudAccess(
  deps: { readonly directory: AccessDirectory; readonly clock: Clock },
  ended: MembershipEnded,
): Promise<CloudAccessEnded> {
  parseCalendarDate(ended.effectiveOn);
  const today = amsterdamDateOf(deps.clock.now().toISOString());
  if (ended.effectiveOn > today) throw new MembershipNotEndedError(ended.party, ended.effectiveOn, today);
  const machineClient = await deps.directory.closeMachineClient(ended.party, ended.effectiveOn);
  const peopleDisabled = await deps.directory.disablePeople(ended.party);
  return { ...ended, machineClient, peopleDisabled };
}
