/**
 * Meetings: creating them, recording attendance (the quorum reads it) and closing them, which ends
 * the objection window of the decisions taken in them (art. 7.2).
 */
import { type AttendanceQuorum, amsterdamDateOf, checkAttendanceQuorum } from '#shared/covenant/index.ts';
import { CovenantRuleError, EventNotPossibleError } from '#shared/dispatch/errors.ts';
import type {
  MeetingRecord,
  MeetingWithAgenda,
  ProposalAggregate,
  ProposalRecord,
} from '#shared/ports/store.ts';
import { MAX_CLOSE_CHECKS } from '#shared/ports/store.ts';
import { MeetingClosedError, MeetingNotFoundError } from '#shared/ports/store-errors.ts';
import {
  type Caller,
  finalPhases,
  type Phase,
  voteOpeningPhases,
  votingPhases,
} from '#statemachines/proposal-lifecycle/index.ts';
import { type AppDeps, nowOf } from './deps.ts';
import { UnknownPartiesError } from './errors.ts';
import { idSuffix } from './ids.ts';
import { applyEvent } from './proposals.ts';

/** Creates an open meeting (art. 6.3); a resumed request answers with the meeting it created. */
export async function createMeeting(
  deps: AppDeps,
  input: { readonly date: string; readonly title?: string | undefined },
): Promise<MeetingRecord> {
  const created = deps.resumed?.createdId;
  if (created !== undefined) return (await existingMeeting(deps, created)).meeting;
  const meeting: MeetingRecord = {
    id: `m-${input.date}-${idSuffix().slice(0, 8)}`,
    date: input.date,
    ...(input.title === undefined ? {} : { title: input.title }),
    status: 'open',
    present: [],
    createdAt: nowOf(deps),
  };
  await deps.store.putMeeting(meeting);
  return meeting;
}

/** The meeting and its agenda (consistent read). @throws MeetingNotFoundError */
async function existingMeeting(deps: AppDeps, meetingId: string): Promise<MeetingWithAgenda> {
  const found = await deps.store.getMeeting(meetingId, { consistent: true });
  if (!found) throw new MeetingNotFoundError(meetingId);
  return found;
}

/**
 * Replaces the attendance of an open meeting and reports the quorum it gives (art. 6.9). A resumed
 * request (its first attempt recorded it) is answered even after the meeting closed.
 * @throws UnknownPartiesError naming every party the register does not know
 */
export async function recordAttendance(
  deps: AppDeps,
  meetingId: string,
  present: readonly string[],
): Promise<{ meeting: MeetingRecord; quorum: AttendanceQuorum }> {
  const known = new Set(deps.register.parties.map((p) => p.id));
  const unknown = [...new Set(present.filter((p) => !known.has(p)))];
  if (unknown.length > 0) throw new UnknownPartiesError(unknown, 'body.present');
  const parties = [...new Set(present)];
  const found = await refuseBeforeItsDate(deps, meetingId);
  const meeting = deps.resumed
    ? found.meeting
    : await deps.store.recordAttendance(meetingId, parties, nowOf(deps));
  return { meeting, quorum: checkAttendanceQuorum(deps.register, meeting.date, meeting.present) };
}

/** A proposal whose objection window this closing ends. */
export interface WindowClosed {
  readonly proposalId: string;
  readonly phase: string;
}

/**
 * Closes the meeting, then sends MEETING_CLOSED to every proposal decided in it (art. 7.2), and
 * answers with every objection window the meeting's closing ended. Closing a closed meeting again
 * finishes what an interrupted close left; a resumed request (its first attempt closed it) answers
 * as the first attempt would have; otherwise it is refused.
 * @throws MeetingClosedError, MeetingNotFoundError, VoteStillOpenError (from the close's own
 *   transaction: the proposals voting in this meeting), AgendaTooLargeError
 */
export async function closeMeeting(
  deps: AppDeps,
  meetingId: string,
  by: Caller,
): Promise<{ meeting: MeetingRecord; windowsClosed: WindowClosed[] }> {
  const { agenda } = await refuseBeforeItsDate(deps, meetingId);
  let closedNow = true;
  try {
    // A decision taken after its meeting closed would have no objection window at all (art. 7.2):
    // the chair closes the votes first. The close's own transaction checks that no proposal of the
    // agenda is voting in this meeting, so no vote opens between a check and the close.
    if (!deps.resumed) {
      await deps.store.closeMeeting(meetingId, nowOf(deps), {
        proposalIds: await proposalsToCheck(deps, agenda),
        phases: [...votingPhases],
      });
    }
  } catch (error) {
    if (!(error instanceof MeetingClosedError)) throw error;
    closedNow = false;
  }
  // The agenda is read again after the close: a proposal scheduled until the close committed counts.
  const found = await existingMeeting(deps, meetingId);
  const { windowsClosed, finished } = await closeObjectionWindows(deps, found, by);
  if (!closedNow && !deps.resumed && finished === 0) throw new MeetingClosedError(meetingId);
  return { meeting: found.meeting, windowsClosed };
}

/**
 * The agenda proposals the close's transaction checks: all of them, read by nobody, when they fit
 * in it (MAX_CLOSE_CHECKS: any agenda a monthly meeting has). A longer agenda (the bench parks
 * hundreds of proposals on one meeting) is read first, one consistent GetItem each, and only the
 * proposals voting or one transition from a vote are checked; the others would need two
 * transitions (an objection argued, then a reconsideration vote) between that read and the close.
 */
async function proposalsToCheck(deps: AppDeps, agenda: MeetingWithAgenda['agenda']): Promise<string[]> {
  const ids = agenda.map((entry) => entry.proposalId);
  if (ids.length <= MAX_CLOSE_CHECKS) return ids;
  const found = await Promise.all(ids.map((id) => deps.store.getProposalItem(id, { consistent: true })));
  return found
    .filter(
      (p) =>
        p !== undefined && (votingPhases.has(p.phase as Phase) || voteOpeningPhases.has(p.phase as Phase)),
    )
    .map((p) => (p as ProposalRecord).id);
}

/** DESIGN 2.2.5: what happens at a meeting is recorded on or after its date, never before. */
async function refuseBeforeItsDate(deps: AppDeps, meetingId: string): Promise<MeetingWithAgenda> {
  const found = await deps.store.getMeeting(meetingId, { consistent: true });
  if (!found) throw new MeetingNotFoundError(meetingId);
  const today = amsterdamDateOf(nowOf(deps));
  if (today < found.meeting.date) {
    throw new CovenantRuleError(
      'meeting-not-held',
      '6.3',
      `the meeting of ${found.meeting.date} has not been held yet`,
      {
        meetingDate: found.meeting.date,
        today,
      },
    );
  }
  return found;
}

/** The proposal item as a consistent read of it gives it: with its parked token and latest round. */
function recordOf({ proposal, tokens, rounds }: ProposalAggregate): ProposalRecord {
  const parked = tokens.find((t) => t.version === proposal.version);
  const latestRound = rounds.at(-1);
  return { ...proposal, ...(parked ? { parked } : {}), ...(latestRound ? { latestRound } : {}) };
}

/** Whether the audit trail shows that this meeting's closing ended the proposal's objection window. */
const windowClosedBy = (aggregate: ProposalAggregate, meetingId: string) =>
  aggregate.events.some((e) => e.type === 'MEETING_CLOSED' && e.payload.meetingId === meetingId);

/**
 * MEETING_CLOSED to each proposal on the agenda that is `decided` with a decision of this meeting.
 * Lists those and the ones an earlier closing reached (from their audit trail); `finished` counts
 * the windows this call closed.
 */
async function closeObjectionWindows(
  deps: AppDeps,
  { meeting, agenda }: MeetingWithAgenda,
  by: Caller,
): Promise<{ windowsClosed: WindowClosed[]; finished: number }> {
  const meetingId = meeting.id;
  const windowsClosed: WindowClosed[] = [];
  let finished = 0;
  for (const entry of agenda) {
    const aggregate = await deps.store.getProposal(entry.proposalId, { consistent: true });
    if (!aggregate) continue;
    if (windowClosedBy(aggregate, meetingId)) {
      windowsClosed.push({ proposalId: entry.proposalId, phase: aggregate.proposal.phase });
      continue;
    }
    // art. 7.2: the window closes for the decision whether or not objections already stand.
    if (finalPhases.has(aggregate.proposal.phase as Phase) || aggregate.decision?.meetingId !== meetingId)
      continue;
    try {
      const event = { type: 'MEETING_CLOSED', meetingId, by, at: nowOf(deps) } as const;
      // Decided on the read just made (after the close): the transaction's version condition
      // still refuses it if the proposal moved since, and dispatch then reads again.
      const result = await applyEvent(deps, entry.proposalId, event, { read: recordOf(aggregate) });
      windowsClosed.push({ proposalId: entry.proposalId, phase: result.proposal.phase });
      finished++;
    } catch (error) {
      // Another change won the race and left a state without this window (a withdrawal, say).
      if (!(error instanceof EventNotPossibleError)) throw error;
    }
  }
  return { windowsClosed, finished };
}
