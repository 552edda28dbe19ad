/**
 * The minutes (notulen) of a meeting, drawn from the audit trail of the proposals on its agenda:
 * what was decided and how the vote went, the pauses, and every objection with who lodged it and
 * why — art. 7.2 requires an objection to be recorded in the minutes of the meeting it concerns.
 */
import { checkAttendanceQuorum, type Register } from '#shared/covenant/index.ts';
import type {
  AuditEvent,
  MeetingWithAgenda,
  ProposalAggregate,
  RoundBallot,
  SupersededBallot,
  VotingRound,
} from '#shared/ports/store.ts';
import type { MinutesBody, MinutesEntryBody, UndeliveredMailEntryBody } from '#shared/schemas/meetings.ts';
import type { TallyBody } from '#shared/schemas/proposal-views.ts';
import { phaseOf } from '#statemachines/proposal-lifecycle/phase.ts';
import { meetingView } from './meetings.ts';

/** The audit event type of an e-mail the notify task could not deliver (shared/store/mail-deliveries.ts). */
const MAIL_UNDELIVERED_EVENT = 'MAIL_UNDELIVERED';

const optionalReason = (payload: AuditEvent['payload']) =>
  typeof payload.reason === 'string' ? { reason: payload.reason } : {};

const tallyOf = (rounds: readonly VotingRound[], round: number): { tally?: TallyBody } => {
  const tally = rounds.find((r) => r.round === round)?.tally;
  // The round keeps the tally it was closed with (dispatch/votes.ts): the count as decided.
  return tally && 'outcome' in tally ? { tally: tally as unknown as TallyBody } : {};
};

/**
 * What the minutes are drawn from for one proposal: everything under its partition, and the
 * ballots its voting rounds' changes replaced (kept apart from the round: shared/store/voting.ts).
 */
export type MinutesSource = ProposalAggregate & {
  readonly supersededBallots?: readonly SupersededBallot[];
};

type GivenBallot = RoundBallot & { readonly party: string; readonly concurrent?: true };

/** A party's ballots in the order given: by number; one given concurrently right after the one it followed. */
const partyOrder = (a: GivenBallot, b: GivenBallot) =>
  a.party.localeCompare(b.party) ||
  (a.ballotNumber ?? 1) - (b.ballotNumber ?? 1) ||
  Number(a.concurrent === true) - Number(b.concurrent === true) ||
  a.at.localeCompare(b.at);

/**
 * Every ballot given in the round, oldest first: the ones changes replaced and the ones current,
 * each once (a replaced ballot may also still be current: its copy is written before the change).
 * A party's ballots keep their own order; a ballot is never placed before one the party gave
 * earlier, even when its clock reading was earlier (two connections of one party at once).
 */
function givenBallots(round: VotingRound, superseded: readonly SupersededBallot[]): GivenBallot[] {
  // A round written by earlier code kept every ballot in its log, in the order written.
  if (round.log !== undefined) return [...round.log];
  const copies = superseded.filter((b) => b.round === round.round);
  const copied = new Set(copies.filter((b) => !b.concurrent).map((b) => `${b.party}#${b.ballotNumber}`));
  const current = Object.entries(round.ballots)
    .map(([party, b]) => ({ ...b, party }))
    .filter((b) => !copied.has(`${b.party}#${b.ballotNumber}`));
  const byParty = [...copies, ...current].sort(partyOrder);
  // Each ballot is placed at the latest time any earlier ballot of its party was given.
  const placedAt = new Map<GivenBallot, string>();
  byParty.forEach((b, i) => {
    const previous = byParty[i - 1];
    const earlier = previous?.party === b.party ? (placedAt.get(previous) ?? '') : '';
    placedAt.set(b, earlier.localeCompare(b.at) > 0 ? earlier : b.at);
  });
  const at = (b: GivenBallot) => placedAt.get(b) ?? b.at;
  return byParty.sort((a, b) => at(a).localeCompare(at(b)) || partyOrder(a, b));
}

/** Every ballot given in the round, oldest first, and the abstentions the chair asked to account for. */
function ballotsOf(rounds: readonly VotingRound[], round: number, superseded: readonly SupersededBallot[]) {
  const found = rounds.find((r) => r.round === round);
  if (!found) return {};
  const ballots = givenBallots(found, superseded).map((b) => ({
    party: b.party,
    choice: b.choice,
    at: b.at,
    ...(b.justification ? { justification: b.justification } : {}),
    ...(b.recordedBy ? { recordedBy: b.recordedBy } : {}),
  }));
  const accountability = Object.entries(found.ballots).flatMap(([party, b]) =>
    b.accountability
      ? [
          {
            party,
            question: b.accountability.question,
            ...(b.accountability.answer ? { answer: b.accountability.answer } : {}),
          },
        ]
      : [],
  );
  return {
    ...(ballots.length > 0 ? { ballots } : {}),
    ...(accountability.length > 0 ? { accountability } : {}),
  };
}

/** Lodged before the decision it objects to was taken: in writing beforehand (art. 7.1). */
const IN_WRITING_FROM = new Set(['scheduled', 'voting', 'pauseRequested']);

/** The minutes entry of one audit event, or undefined for events that are not part of a meeting. */
function entryOf(
  event: AuditEvent,
  round: number,
  { rounds, supersededBallots = [] }: MinutesSource,
): MinutesEntryBody | undefined {
  const base = {
    at: event.at,
    by: { party: event.by.party, roles: [...event.by.roles] },
    ...(event.covenantVersion ? { covenantVersion: event.covenantVersion } : {}),
  };
  const p = event.payload;
  switch (event.type) {
    case 'CONSENSUS':
      // DESIGN 2.2.9: dropping is a consensus of the group; the minutes say it was dropped.
      if (p.outcome === 'dropped') return { ...base, kind: 'dropped', ...optionalReason(p) };
      return {
        ...base,
        kind: 'consensus',
        outcome: p.outcome === 'rejected' ? 'rejected' : 'adopted',
        ...(typeof p.text === 'string' ? { text: p.text } : {}),
      };
    case 'OPEN_VOTE':
      return {
        ...base,
        kind: 'vote-opened',
        round,
        present: Array.isArray(p.present) ? p.present.map(String) : [],
      };
    case 'CLOSE_VOTE':
      return {
        ...base,
        kind: 'vote',
        round,
        ...tallyOf(rounds, round),
        ...ballotsOf(rounds, round, supersededBallots),
      };
    case 'REQUEST_PAUSE':
      return { ...base, kind: 'pause', reason: String(p.reason ?? '') };
    case 'DECIDE_PAUSE':
      return { ...base, kind: 'pause-decided', granted: p.granted === true, ...optionalReason(p) };
    case 'OBJECT':
      return {
        ...base,
        kind: 'objection',
        reason: String(p.reason ?? ''),
        ...(p.against === 'rejected' || p.against === 'adopted' ? { against: p.against } : {}),
        ...(IN_WRITING_FROM.has(event.fromState) ? { inWriting: true } : {}),
      };
    case 'ESCALATE':
      return { ...base, kind: 'escalated', ...optionalReason(p) };
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
 * (or voted in) the meeting until it was scheduled elsewhere, and never after the meeting closed
 * (its own closing excepted): what follows belongs to the minutes of the meeting where it is
 * discussed, or to the proposal's history. Rounds are numbered as the model numbers them: one per
 * OPEN_VOTE.
 */
export function meetingRecord(
  meeting: { readonly id: string; readonly closedAt?: string | undefined },
  aggregate: MinutesSource,
): MinutesEntryBody[] {
  return meetingEvents(meeting, aggregate).flatMap(({ event, round }) => {
    const entry = entryOf(event, round, aggregate);
    return entry ? [entry] : [];
  });
}

/** The events of {@link meetingRecord}, each with the voting round it falls in. */
function meetingEvents(
  meeting: { readonly id: string; readonly closedAt?: string | undefined },
  aggregate: ProposalAggregate,
): { event: AuditEvent; round: number }[] {
  const found: { event: AuditEvent; round: number }[] = [];
  let current: unknown;
  let round = 0;
  for (const event of aggregate.events) {
    if (event.type === 'SCHEDULE') current = event.payload.meetingId;
    if (event.type === 'OPEN_VOTE') {
      round += 1;
      current = event.payload.meetingId;
    }
    if (current !== meeting.id) continue;
    const closing = event.type === 'MEETING_CLOSED' && event.payload.meetingId === meeting.id;
    if (meeting.closedAt !== undefined && event.at > meeting.closedAt && !closing) continue;
    found.push({ event, round });
  }
  return found;
}

/**
 * The e-mails of the meeting's steps that did not arrive (the notify task's `MAIL_UNDELIVERED`
 * events): those sent by a transition the minutes record. An undelivered e-mail is recorded after
 * its transition, possibly after the meeting closed, so it is matched by version, not by time.
 */
export function undeliveredMailOf(
  meeting: { readonly id: string; readonly closedAt?: string | undefined },
  aggregate: ProposalAggregate,
): UndeliveredMailEntryBody[] {
  const versions = new Set(
    meetingEvents(meeting, aggregate)
      .filter(({ event }) => event.type !== MAIL_UNDELIVERED_EVENT)
      .map(({ event }) => event.version),
  );
  return aggregate.events
    .filter((e) => e.type === MAIL_UNDELIVERED_EVENT && versions.has(e.version))
    .map((e) => ({
      proposalId: aggregate.proposal.id,
      at: e.at,
      step: String(e.payload.step ?? ''),
      parties: Array.isArray(e.payload.parties) ? e.payload.parties.map(String) : [],
      kind: e.payload.kind === 'suppressed' ? 'suppressed' : 'refused',
      reason: String(e.payload.reason ?? ''),
      recipients: typeof e.payload.recipients === 'number' ? e.payload.recipients : 0,
    }));
}

/** The minutes of a meeting, its agenda in the order items were added. */
export function minutesView(
  register: Register,
  { meeting, agenda }: MeetingWithAgenda,
  aggregates: readonly MinutesSource[],
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
          record: meetingRecord(meeting, aggregate),
        },
      ];
    });
  const undeliveredMail = agenda
    .flatMap((entry) => {
      const aggregate = byId.get(entry.proposalId);
      return aggregate ? undeliveredMailOf(meeting, aggregate) : [];
    })
    .sort((a, b) => a.at.localeCompare(b.at));
  return {
    meeting: meetingView(meeting),
    attendance: checkAttendanceQuorum(register, meeting.date, meeting.present),
    items,
    annex: { undeliveredMail },
  };
}
