/**
 * The proposal commands: each applies one event through dispatch (the only writer of a proposal's
 * state) and then wakes the workflow. Tabling a proposal also starts its workflow execution.
 */

import { amsterdamDateOf, membershipOn } from '#shared/covenant/index.ts';
import { createProposal } from '#shared/dispatch/create.ts';
import {
  type DispatchOptions,
  type DispatchResult,
  dispatch,
  type EventSource,
} from '#shared/dispatch/dispatch.ts';
import { CovenantRuleError, EventNotPossibleError } from '#shared/dispatch/errors.ts';
import { accountForAbstention, castVote, closeVote } from '#shared/dispatch/votes.ts';
import { composeAccountabilityRequest } from '#shared/mail/accountability.ts';
import type {
  AgreedImplementation,
  MeetingRecord,
  ProposalRecord,
  VotingRound,
} from '#shared/ports/store.ts';
import {
  MeetingClosedError,
  MeetingNotFoundError,
  ProposalNotFoundError,
  VersionConflictError,
} from '#shared/ports/store-errors.ts';
import type { CreateProposalInput } from '#shared/schemas/proposal-requests.ts';
import { contextOf } from '#shared/views/proposal-view.ts';
import {
  acceptedEventTypes,
  type Caller,
  type ProposalEvent,
  phaseOf,
} from '#statemachines/proposal-lifecycle/index.ts';
import { sendOnce } from './covenant-mail.ts';
import { type AppDeps, nowOf } from './deps.ts';
import { idSuffix } from './ids.ts';
import { openProposalLimit, openProposalRefusal } from './open-proposals.ts';
import { createdOf, dispatchedOf, relayAfterDispatch } from './relay.ts';

/** Applies an event (or an event built from the proposal as read) and relays its signal. */
export async function applyEvent(
  deps: AppDeps,
  proposalId: string,
  source: EventSource,
  options: DispatchOptions = {},
): Promise<DispatchResult> {
  const result = await dispatch(deps, proposalId, source, options);
  await relayAfterDispatch(deps, proposalId, dispatchedOf(result));
  return result;
}

/**
 * Tables an agenda item (art. 6.2) and starts its workflow execution. A resumed request (its first
 * attempt created the proposal and lost the answer) starts the workflow of that proposal instead.
 * @param ownId - the id of an item a step of the system tables (a dated effect), which may run
 *   twice: a second run finds the item and starts its workflow
 */
export async function submitProposal(
  deps: AppDeps,
  input: CreateProposalInput,
  by: Caller,
  ownId?: string,
): Promise<ProposalRecord> {
  const created = deps.resumed?.createdId;
  if (created !== undefined) return startedWorkflowOf(deps, created);
  const proposalId = ownId ?? `p-${idSuffix()}`;
  // art. 10, DESIGN 2.1: only a member on the day tables an item.
  const today = amsterdamDateOf(nowOf(deps));
  if (membershipOn(deps.register, by.party, today) === 'not-a-member') {
    throw new CovenantRuleError(
      'not-a-member',
      '10',
      `${by.party} is not a member of the steering group on ${today}`,
      {
        party: by.party,
        date: today,
      },
    );
  }
  let proposal: ProposalRecord;
  try {
    // The cap on open proposals is a condition of the creation's own transaction (issue 17, row 4).
    proposal = await createProposal(deps, { proposalId, ...input }, by, {
      openLimit: openProposalLimit(deps),
    });
  } catch (error) {
    // A retried creation (its proposal exists) starts that proposal's workflow, cap or no cap.
    if (!(error instanceof VersionConflictError) || ownId === undefined) throw openProposalRefusal(error);
    return startedWorkflowOf(deps, ownId);
  }
  // The creation wrote the start signal; relaying it starts the execution, and the relay loop
  // starts it later if this attempt fails: a proposal is never left without its workflow.
  await relayAfterDispatch(deps, proposalId, createdOf(proposal));
  return proposal;
}

/** The proposal an earlier attempt created, with its start signal relayed (the relay is idempotent). */
async function startedWorkflowOf(deps: AppDeps, proposalId: string): Promise<ProposalRecord> {
  const proposal = await deps.store.getProposalItem(proposalId, { consistent: true });
  if (!proposal) throw new ProposalNotFoundError(proposalId);
  await relayAfterDispatch(deps, proposalId);
  return proposal;
}

/** The open meeting, or why not. */
export async function openMeeting(deps: AppDeps, meetingId: string): Promise<MeetingRecord> {
  const found = await deps.store.getMeeting(meetingId, { consistent: true });
  if (!found) throw new MeetingNotFoundError(meetingId);
  if (found.meeting.status === 'closed') throw new MeetingClosedError(meetingId);
  return found.meeting;
}

/**
 * Puts the proposal (again) on an open meeting's agenda (art. 6.2, 6.3, 7.4). The meeting's date goes
 * into the event (the day its decisions are taken); that it is still open when the transition commits
 * is a condition of the transaction itself.
 * @param meeting - the meeting's read, when the caller started it already (together with the
 *   proposal's: it does not depend on it); read here otherwise
 */
export async function scheduleProposal(
  deps: AppDeps,
  proposalId: string,
  meetingId: string,
  by: Caller,
  meeting: Promise<MeetingRecord> = openMeeting(deps, meetingId),
): Promise<DispatchResult> {
  // Awaited only once the proposal is read: an unknown proposal is reported before the meeting.
  meeting.catch(() => undefined);
  return applyEvent(deps, proposalId, async () => {
    const event: ProposalEvent = {
      type: 'SCHEDULE',
      meetingId,
      meetingDate: (await meeting).date,
      by,
      at: nowOf(deps),
    };
    return { event };
  });
}

/**
 * Opens the vote in the meeting the proposal is scheduled on, with that meeting's recorded
 * attendance: the model checks the quorum (art. 6.9). The meeting is read only when the proposal's
 * state accepts a vote at all, so that "not possible now" is reported as such.
 */
export function openVote(deps: AppDeps, proposalId: string, by: Caller): Promise<DispatchResult> {
  return applyEvent(deps, proposalId, async ({ context, stateKey }) => {
    const at = nowOf(deps);
    const unchecked = { type: 'OPEN_VOTE', by, at, meetingId: context.meetingId ?? '', present: [] } as const;
    if (!acceptedEventTypes(deps.machine, stateKey).includes('OPEN_VOTE')) {
      return { event: { ...unchecked, meetingDate: context.meetingDate ?? '' } };
    }
    if (!context.meetingId) {
      const possible = acceptedEventTypes(deps.machine, stateKey);
      throw new EventNotPossibleError(
        stateKey,
        phaseOf(stateKey),
        possible,
        'schedule the proposal on a meeting first',
      );
    }
    const meeting = await openMeeting(deps, context.meetingId);
    const event: ProposalEvent = { ...unchecked, meetingDate: meeting.date, present: meeting.present };
    return { event };
  });
}

/**
 * Records (or changes) `party`'s bloc vote in the open round (art. 6.8): cast by the party itself,
 * or recorded by the chair as given in the room (DESIGN 2.2.5). A resumed request (its first
 * attempt counted) is answered with the round, even after the vote closed.
 */
export function castBallot(
  deps: AppDeps,
  proposalId: string,
  by: Caller,
  party: string,
  ballot: { readonly choice: 'for' | 'against' | 'abstain'; readonly justification?: string | undefined },
): Promise<VotingRound> {
  return castVote(deps, proposalId, by, party, {
    choice: ballot.choice,
    ...(ballot.justification === undefined ? {} : { justification: ballot.justification }),
    ...(deps.resumed ? { resumed: true } : {}),
  });
}

/** A ballot as the API shows it: the party's recorded ballot in its round, and who has voted. */
export function ballotView(proposalId: string, party: string, round: VotingRound) {
  // Ballots cast before the Idempotency-Key record kept the request in `request`: never shown; nor
  // the store's count of the party's ballots in the round (`ballotNumber`).
  const {
    request: _request,
    ballotNumber: _number,
    ...ballot
  } = (round.ballots[party] ?? {}) as { readonly request?: string; readonly ballotNumber?: number };
  return {
    proposalId,
    round: round.round,
    party,
    ...ballot,
    voted: Object.keys(round.ballots).sort(),
  };
}

/**
 * Footnote 13: the chair asks an abstaining party to account for its abstention; the party answers.
 * A resumed request (its first attempt wrote the question or the answer and lost its reply) answers
 * with the round as it is, writing nothing again (a question asked since is not overwritten), and
 * e-mails the question only if no e-mail of it went out (covenant-mail.ts).
 */
export async function recordAccountability(
  deps: AppDeps,
  proposalId: string,
  party: string,
  by: Caller,
  body: { readonly question: string } | { readonly answer: string },
): Promise<VotingRound> {
  // Resumed: the latest round as it is (the first attempt wrote there; a later request may have since).
  const proposal = deps.resumed
    ? await deps.store.getProposalItem(proposalId, { consistent: true })
    : undefined;
  const latest = proposal ? contextOf(deps.machine, proposal).round : 0;
  const written =
    latest > 0 ? await deps.store.getRound(proposalId, latest, { consistent: true }) : undefined;
  const resumed = written?.ballots[party]?.accountability ? written : undefined;
  const round = resumed ?? (await accountForAbstention(deps, proposalId, party, by, body));
  const asked = round.ballots[party]?.accountability;
  if ('question' in body && asked && deps.mail) {
    // Footnote 13: the request is e-mailed to the abstaining party (and the chair, for its record).
    const title = (proposal ?? (await deps.store.getProposalItem(proposalId)))?.title ?? proposalId;
    const request = composeAccountabilityRequest({
      proposalId,
      title,
      party,
      askedBy: asked.askedBy,
      question: asked.question,
      round: round.round,
      askedAt: asked.askedAt,
      register: deps.register,
      from: deps.mail.from,
      // The app and the API share one origin (DESIGN 7): the request links the proposal's page.
      webBaseUrl: deps.apiBaseUrl,
      messageIdDomain: deps.mail.messageIdDomain,
    });
    // Its Message-ID names the question (round, party, when asked): a resumed request sends it only if it did not go out.
    await sendOnce(deps, request);
  }
  return round;
}

/** Closes the vote: counts the round and decides (art. 6.9). */
export async function closeVoting(
  deps: AppDeps,
  proposalId: string,
  by: Caller,
  options: { readonly missingBallots?: 'abstain' | undefined; readonly text?: string | undefined },
): Promise<DispatchResult> {
  const result = await closeVote(deps, proposalId, by, options);
  await relayAfterDispatch(deps, proposalId, dispatchedOf(result));
  return result;
}

/** A transition applied for a request, with the release calendar its event read (an objection), if it read it. */
export interface Applied extends DispatchResult {
  readonly calendar?: readonly AgreedImplementation[];
}

/**
 * A Ketenpartij lodges its own objection (art. 7.1, 7.2). For an implementation proposal the release
 * calendar's agreed implementation dates of its standards go with it, for the blackout of art. 7.4
 * (read after the proposal: which standards is the proposal's); no other kind reads the calendar.
 */
export async function lodgeObjection(
  deps: AppDeps,
  proposalId: string,
  by: Caller,
  body: { readonly reason: string; readonly against?: 'adopted' | 'rejected' | undefined },
): Promise<Applied> {
  let read: readonly AgreedImplementation[] | undefined;
  const result = await applyEvent(deps, proposalId, async ({ context }) => {
    read =
      context.kind === 'implementation'
        ? await deps.store.agreedImplementations(context.standards)
        : undefined;
    const event: ProposalEvent = {
      type: 'OBJECT',
      reason: body.reason,
      ...(body.against ? { against: body.against } : {}),
      ...(read ? { calendar: read } : {}),
      by,
      at: nowOf(deps),
    };
    return { event };
  });
  return read ? { ...result, calendar: read } : result;
}
