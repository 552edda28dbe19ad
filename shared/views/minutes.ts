/**
 * The minutes (notulen) of a meeting, drawn from the audit trail of the proposals on its agenda:
 * what was decided and how the vote went, the pauses, and every objection with who lodged it and
 * why — art. 7.2 requires an objection to be recorded in the minutes of the meeting it concerns.
 */
import { checkAttendanceQuorum, type Register } from '#shared/covenant/index.ts';
import type { AuditEvent, MeetingWithAgenda, ProposalAggregate, VotingRound } from '#shared/ports/store.ts';
import type { MinutesBody, MinutesEntryBody } from '#shared/schemas/meetings.ts';
import type { TallyBody } from '#shared/schemas/proposal-views.ts';
import { phaseOf } from '#statemachines/proposal-lifecycle/phase.ts';
import { meetingView } from './meetings.ts';

const optionalReason = (payload: AuditEvent['payload']) =>
  typeof payload.reason === 'string' ? { reason: payload.reason } : {};

const tallyOf = (rounds: readonly VotingRound[], round: number): { tally?: TallyBody } => {
  const tally = rounds.find((r) => r.round === round)?.tally;
  // The round keeps the tally it was closed with (dispatch/votes.ts): the count as decided.
  return tally && 'outcome' in tally ? { tally: tally as unknown as TallyBody } : {};
};

/** The minutes entry of one audit event, or undefined for events that are not part of a meeting. */
function entryOf(
  event: AuditEvent,
  round: number,
  rounds: readonly VotingRound[],
): MinutesEntryBody | undefined {
  const base = { at: event.at, by: { party: event.by.party, roles: [...event.by.roles] } };
  const p = event.payload;
  switch (event.type) {
    case 'CONSENSUS':
      // DESIGN 2.2.9: dropping is a consensus of the group; the minutes say it was dropped.
      if (p.outcome === 'dropped') return { ...base, kind: 'dropped', ...optionalReason(p) };
      return { ...base, kind: 'consensus', outcome: p.outcome === 'rejected' ? 'rejected' : 'adopted' };
    case 'OPEN_VOTE':
      return {
        ...base,
        kind: 'vote-opened',
        round,
        present: Array.isArray(p.present) ? p.present.map(String) : [],
      };
    case 'CLOSE_VOTE':
      return { ...base, kind: 'vote', round, ...tallyOf(rounds, round) };
    case 'REQUEST_PAUSE':
      return { ...base, kind: 'pause', reason: String(p.reason ?? '') };
    case 'OBJECT':
      return { ...base, kind: 'objection', reason: String(p.reason ?? '') };
    case 'WITHDRAW_OBJECTION':
      return { ...base, kind: 'objection-withdrawn', ...optionalReason(p) };
    case 'NO_DECISION':
      return { ...base, kind: 'no-decision' };
    case 'WITHDRAW':
      return { ...base, kind: 'withdrawn', ...optionalReason(p) };
    case 'MEETING_CLOSED':
      return { ...base, kind: 'objection-window-closed' };
    default:
      return undefined;
  }
}

/**
 * What happened to one proposal at the meeting: its events from the moment it was scheduled on
 * (or voted in) the meeting until it was scheduled elsewhere. Rounds are numbered as the model
 * numbers them: one per OPEN_VOTE.
 */
export function meetingRecord(meetingId: string, aggregate: ProposalAggregate): MinutesEntryBody[] {
  const entries: MinutesEntryBody[] = [];
  let current: unknown;
  let round = 0;
  for (const event of aggregate.events) {
    if (event.type === 'SCHEDULE') current = event.payload.meetingId;
    if (event.type === 'OPEN_VOTE') {
      round += 1;
      current = event.payload.meetingId;
    }
    if (current !== meetingId) continue;
    const entry = entryOf(event, round, aggregate.rounds);
    if (entry) entries.push(entry);
  }
  return entries;
}

/** The minutes of a meeting, its agenda in the order items were added. */
export function minutesView(
  register: Register,
  { meeting, agenda }: MeetingWithAgenda,
  aggregates: readonly ProposalAggregate[],
): MinutesBody {
  const byId = new Map(aggregates.map((a) => [a.proposal.id, a]));
  const items = [...agenda]
    .sort((a, b) => a.addedAt.localeCompare(b.addedAt))
    .flatMap((entry) => {
      const aggregate = byId.get(entry.proposalId);
      if (!aggregate) return [];
      const { proposal } = aggregate;
      return [
        {
          proposalId: proposal.id,
          title: proposal.title,
          phase: phaseOf(proposal.stateKey),
          record: meetingRecord(meeting.id, aggregate),
        },
      ];
    });
  return {
    meeting: meetingView(meeting),
    attendance: checkAttendanceQuorum(register, meeting.date, meeting.present),
    items,
  };
}
