import { QuorumNotMetError } from './errors.ts';
import { getParty, votingPartiesOn } from './register.ts';
import type { Register } from './registerSchema.ts';

/** Whether a meeting may vote, and who is missing. */
export interface AttendanceQuorum {
  /** True when every required party is present (and there is at least one). */
  readonly met: boolean;
  /** Every voting party that is a member on the meeting's date, in register order. */
  readonly required: string[];
  /** The required parties recorded present, in register order. */
  readonly present: string[];
  /** The required parties not recorded present, in register order. */
  readonly absent: string[];
}

/**
 * Checks the attendance quorum for a vote at a meeting on `meetingDate` (`YYYY-MM-DD`).
 * Coordinating parties (ZIN, VWS, KBSD) and former members may be present; they do not count.
 * With no voting members at all the quorum is not met: there would be no one to vote.
 * @throws UnknownPartyError when `present` names a party the register does not know.
 */
export function checkAttendanceQuorum(
  register: Register,
  meetingDate: string,
  present: readonly string[],
): AttendanceQuorum {
  for (const id of present) getParty(register, id);
  // art. 6.9: the attendance quorum to vote is always all voting parties (today eight).
  const required = votingPartiesOn(register, meetingDate).map((p) => p.id);
  const attending = new Set(present);
  const presentRequired = required.filter((id) => attending.has(id));
  const absent = required.filter((id) => !attending.has(id));
  return { met: required.length > 0 && absent.length === 0, required, present: presentRequired, absent };
}

/**
 * Like {@link checkAttendanceQuorum}, but refuses when the quorum is not met.
 * @throws QuorumNotMetError naming the absent voting parties.
 */
export function assertAttendanceQuorum(
  register: Register,
  meetingDate: string,
  present: readonly string[],
): AttendanceQuorum {
  const quorum = checkAttendanceQuorum(register, meetingDate, present);
  if (!quorum.met) throw new QuorumNotMetError(quorum.absent);
  return quorum;
}
