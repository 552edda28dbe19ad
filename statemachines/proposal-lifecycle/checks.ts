/**
 * The covenant's checks on an event, as pure functions of the register, the policy, the proposal's
 * context and the event. The machine's guards are these checks answered yes or no
 * (`guards.ts`); dispatch uses them to say why an event is refused.
 */
import {
  amsterdamDateOf,
  type Ballot,
  canObject,
  checkAttendanceQuorum,
  holdsRole,
  isProviderAssociation,
  isVotingParty,
  membershipOn,
  type Policy,
  type Register,
  tally,
} from '#shared/covenant/index.ts';
import { describeBlackout, findBlackout } from '#shared/covenant/release-calendar.ts';
import { openObjectionOf, type ProposalContext, standingObjections } from './context.ts';
import type { ProposalEvent } from './events.ts';
import { lapseDue, type ObjectionsLeft, objectionsLeft, updateObjectionOf } from './objections.ts';
import { isDeadlineEvent } from './phase.ts';
import { covenantRule, forbidden, type Refusal, routing } from './refusals.ts';

export interface CheckDeps {
  readonly register: Register;
  readonly policy: Policy;
}

/** A check returns `null` when the event may take the transition, or the reason it may not. */
export type Check = (deps: CheckDeps, context: ProposalContext, event: ProposalEvent) => Refusal | null;

/** Runs checks in order and returns the first refusal: who may act is checked before what the covenant says. */
export const all =
  (...checks: readonly Check[]): Check =>
  (deps, context, event) => {
    for (const check of checks) {
      const refusal = check(deps, context, event);
      if (refusal) return refusal;
    }
    return null;
  };

const knownParty = (deps: CheckDeps, partyId: string) => deps.register.parties.find((p) => p.id === partyId);

/** Only the party holding this register role (ZIN is chair and secretary, art. 6.2). */
export const byRole =
  (role: 'chair' | 'secretary'): Check =>
  (deps, _context, event) => {
    const party = knownParty(deps, event.by.party);
    return party && holdsRole(party, role)
      ? null
      : forbidden(`only the ${role} of the steering group may do this`);
  };

/** The party that tabled the item, or the secretary (ZIN), may withdraw it. */
export const bySubmitterOrSecretary: Check = (deps, context, event) => {
  if (event.by.party === context.submittedBy) return null;
  return byRole('secretary')(deps, context, event) === null
    ? null
    : forbidden('only the party that tabled the item or the secretary may withdraw it');
};

/** Footnote 11: only the provider associations may ask to pause decision-making. */
export const byProviderAssociation: Check = (deps, _context, event) => {
  const party = knownParty(deps, event.by.party);
  return party && isProviderAssociation(party)
    ? null
    : forbidden('only a provider association may ask to pause decision-making (footnote 11)');
};

/** Art. 7.2: lodging an objection is reserved for the Ketenpartijen (voting parties): a who-may rule (403). */
export const byKetenpartij: Check = (deps, _context, event) => {
  const party = knownParty(deps, event.by.party);
  return party && canObject(party)
    ? null
    : forbidden('only a Ketenpartij (a voting party) may lodge an objection (art. 7.2)');
};

/**
 * Art. 7.4, last sentence: no objection to the implementation of a new version of a standard
 * within one month before a previously agreed implementation date of that standard's version.
 * The agreed dates come from the release calendar (DESIGN 2.4), carried by the event; a date typed
 * into the proposal itself is never an agreed date.
 */
export const outsideObjectionBlackout: Check = (_deps, context, event) => {
  if (event.type !== 'OBJECT' || context.kind !== 'implementation') return null;
  const blackout = findBlackout(event.calendar ?? [], context.standards, event.at);
  if (!blackout) return null;
  const { reason, details } = describeBlackout(blackout);
  return covenantRule('objection-blackout', '7.4', reason, { ...details });
};

/** Art. 7.1: a party objects once; its objection stands (or waits for the decision) until it ends. */
export const noOpenObjectionOfCaller: Check = (_deps, context, event) =>
  openObjectionOf(context, event.by.party)
    ? covenantRule(
        'objection-already-lodged',
        '7.1',
        `${event.by.party} has already objected to this proposal`,
      )
    : null;

/** Art. 7.2: a decision taken in a meeting whose closing has not yet ended its objection window. */
export const decisionWindowOpen: Check = (deps, context, event) =>
  context.decision?.meetingId === undefined
    ? routing('no decision of a meeting waits for its closing')
    : objectionWindowOpen(deps, context, event);

/** Art. 7.2: objections to a decision are possible until the chair closes its meeting. */
export const objectionWindowOpen: Check = (_deps, context) =>
  context.decisionMeetingClosed
    ? covenantRule(
        'objection-window',
        '7.2',
        'the meeting in which the decision was taken is closed: its objection window has ended',
        context.decision?.meetingId ? { meetingId: context.decision.meetingId } : {},
      )
    : null;

const objectorsText = (context: ProposalContext) => {
  const standing = standingObjections(context).map((o) => o.by);
  return standing.length > 0 ? `standing objections: ${standing.join(', ')}` : 'no objection stands';
};

/** Art. 7.3: only a party whose objection waits for its arguments sends them. */
export const byAwaitingObjector: Check = (_deps, context, event) =>
  context.objections.some((o) => o.by === event.by.party && o.status === 'awaiting-arguments')
    ? null
    : forbidden(
        `only a party whose objection waits for its arguments may send them (${objectorsText(context)})`,
      );

/**
 * Art. 7.3: an objector acts on its objection awaiting arguments only within its six weeks. After
 * the due moment the objection has lapsed, whether or not the workflow's timer has fired yet: the
 * model refuses, and the deadline event (the timer's) is the only one that records the lapse.
 */
export const ownArgumentsDeadlineRunning: Check = (_deps, context, event) => {
  const awaiting = context.objections.find(
    (o) => o.by === event.by.party && o.status === 'awaiting-arguments',
  );
  const due = awaiting?.argumentsDue?.due;
  if (!due || Date.parse(due) > Date.parse(event.at)) return null;
  return covenantRule('deadline-passed', '7.3', `the arguments deadline passed at ${due}`, {
    deadline: 'arguments',
    due,
  });
};

/** Art. 7.1–7.5: a party that objected to this proposal (moot written objections aside). */
export const byObjectorOfRecord: Check = (_deps, context, event) =>
  context.objections.some((o) => o.by === event.by.party && o.status !== 'moot')
    ? null
    : forbidden(`only a party that objected may do this (${objectorsText(context)})`);

/** Art. 7.3–7.5: only a party whose objection stands may withdraw it. */
export const byStandingObjector: Check = (_deps, context, event) =>
  standingObjections(context).some((o) => o.by === event.by.party)
    ? null
    : forbidden(`only a party whose objection stands may do this (${objectorsText(context)})`);

/** Art. 7.5: every standing objector approves the note, each once per version of the note. */
export const byNoteApprover: Check = (deps, context, event) => {
  const refusal = byStandingObjector(deps, context, event);
  if (refusal) return refusal;
  return context.note?.approvals?.some((a) => a.party === event.by.party)
    ? covenantRule('note-already-approved', '7.5', `${event.by.party} has already approved this note`)
    : null;
};

/** What the objections would be after the event (argued, withdrawn, or lapsed on the deadline). */
function objectionsAfter(context: ProposalContext, event: ProposalEvent) {
  switch (event.type) {
    case 'SUBMIT_ARGUMENTS':
      return updateObjectionOf(context.objections, event.by.party, (o) => ({ ...o, status: 'argued' }));
    case 'WITHDRAW_OBJECTION':
      return updateObjectionOf(context.objections, event.by.party, (o) => ({ ...o, status: 'withdrawn' }));
    default:
      // A deadline event (`xstate.after.*`): every objection due by then lapses.
      return isDeadlineEvent(event.type) ? lapseDue(context.objections, event.at) : context.objections;
  }
}

/**
 * Routes on what the event leaves of the objections: none standing (with the decision's meeting
 * closed or still open), all standing ones argued, or some still awaiting arguments.
 */
export const objectionsLeave =
  (wanted: ObjectionsLeft, meeting?: 'closed' | 'open'): Check =>
  (_deps, context, event) => {
    const left = objectionsLeft(objectionsAfter(context, event));
    if (left !== wanted) return routing(`the objections leave ${left}`);
    if (meeting === undefined) return null;
    const closed = context.decisionMeetingClosed === true;
    return closed === (meeting === 'closed')
      ? null
      : routing(`the decision's meeting is ${closed ? 'closed' : 'open'}`);
  };

/** Art. 7.5: the note goes to the ministry once every standing objector has approved it. */
export const noteApprovedByAll: Check = (_deps, context, event) => {
  const approved = new Set([...(context.note?.approvals ?? []).map((a) => a.party), event.by.party]);
  const waiting = standingObjections(context).filter((o) => !approved.has(o.by));
  return waiting.length === 0 ? null : routing(`still to approve: ${waiting.map((o) => o.by).join(', ')}`);
};

/** DESIGN 2.2.9: escalated without an objection, no objector approves the note. */
export const noStandingObjection: Check = (_deps, context) =>
  standingObjections(context).length === 0
    ? null
    : routing('objections stand: the objectors approve the note');

/** Routes the chair's answer to a pause request (footnote 11). */
export const pauseGranted =
  (wanted: boolean): Check =>
  (_deps, _context, event) =>
    event.type === 'DECIDE_PAUSE' && event.granted === wanted
      ? null
      : routing(wanted ? 'the pause is refused' : 'the pause is granted');

/** DESIGN 2.2.5: what happens at a meeting is recorded on or after the meeting's date, never before. */
export const meetingHeld: Check = (_deps, context, event) => {
  const date = event.type === 'OPEN_VOTE' ? event.meetingDate : context.meetingDate;
  if (!date || amsterdamDateOf(event.at) >= date) return null;
  return covenantRule('meeting-not-held', '6.3', `the meeting of ${date} has not been held yet`, {
    meetingDate: date,
  });
};

const textOf = (event: ProposalEvent) =>
  event.type === 'CONSENSUS' || event.type === 'CLOSE_VOTE' ? event.text : undefined;

/**
 * Art. 7.4: on reconsideration the group decides on the original text or the alternative of an
 * objector who sent one.
 */
export const decisionTextKnown: Check = (_deps, context, event) => {
  const text = textOf(event);
  if (text === undefined || text === 'original') return null;
  const alternative = context.objections.find(
    (o) => o.by === text && o.status === 'argued' && o.alternativeProposal !== undefined,
  );
  return alternative
    ? null
    : covenantRule('decision-text', '7.4', `there is no alternative proposal of ${text} to decide on`, {
        text,
        alternatives: context.objections.filter((o) => o.status === 'argued').map((o) => o.by),
      });
};

/** Before an objection there is only the original text to decide on (art. 6.7, 6.9). */
export const originalText: Check = (_deps, _context, event) => {
  const text = textOf(event);
  return text === undefined || text === 'original'
    ? null
    : covenantRule(
        'decision-text',
        '7.4',
        'an alternative text can only be adopted on reconsideration of an objection',
        { text },
      );
};

/** Art. 7.6: the final decision is the DGLZ's: a VWS caller whose token carries the `dglz` role. */
export const byDglz: Check = (deps, _context, event) => {
  const party = knownParty(deps, event.by.party);
  const registerAllows = party !== undefined && holdsRole(party, 'dglz');
  return registerAllows && event.by.roles.includes('dglz')
    ? null
    : forbidden('only the director-general (DGLZ) of the ministry takes the final decision (art. 7.6)');
};

/** Art. 6.9: a vote can only be opened when all voting parties are present. */
export const attendanceQuorum: Check = (deps, context, event) => {
  if (event.type !== 'OPEN_VOTE') return routing('not a vote');
  if (context.meetingId !== undefined && event.meetingId !== context.meetingId) {
    return covenantRule(
      'vote-in-scheduled-meeting',
      '6.2',
      `the proposal is scheduled on meeting ${context.meetingId}`,
    );
  }
  const quorum = checkAttendanceQuorum(deps.register, event.meetingDate, event.present);
  return quorum.met
    ? null
    : covenantRule(
        'attendance-quorum',
        '6.9',
        `a vote needs all voting parties present; absent: ${quorum.absent.join(', ')}`,
        {
          absent: quorum.absent,
          required: quorum.required,
        },
      );
};

/** Art. 6.9: the tally of a closing vote decides (or not). Routing only: every branch is lawful. */
export const voteOutcomeIs =
  (wanted: 'decides' | 'adopted' | 'rejected' | 'no-valid-decision'): Check =>
  (deps, context, event) => {
    if (event.type !== 'CLOSE_VOTE') return routing('not a vote');
    const { outcome } = closingTally(deps, context, ballotsOfClosing(context, event));
    const matches = wanted === 'decides' ? outcome !== 'no-valid-decision' : outcome === wanted;
    return matches ? null : routing(`the vote's outcome is ${outcome}`);
  };

/** The tally of a closing vote, computed on the meeting's date with the register of that date. */
export const closingTally = (
  deps: CheckDeps,
  context: ProposalContext,
  ballots: Parameters<typeof tally>[1]['ballots'],
) =>
  tally(
    deps.register,
    { date: context.meetingDate ?? context.submittedAt.slice(0, 10), standards: context.standards, ballots },
    { abstentionsCountAsCast: deps.policy.abstentionsCountAsCast },
  );

/**
 * The ballots a closing counts: those given, plus, when the chair says so explicitly, every present
 * voting party without a ballot recorded as abstaining (DESIGN 2.2.6).
 */
export function ballotsOfClosing(
  context: ProposalContext,
  event: { readonly ballots: readonly Ballot[]; readonly missingBallots?: 'abstain' | undefined },
): Ballot[] {
  if (event.missingBallots !== 'abstain') return [...event.ballots];
  const missing = missingBallots(context, event.ballots).map(
    (party): Ballot => ({ party, choice: 'abstain', recordedAsMissing: true }),
  );
  return [...event.ballots, ...missing];
}

/** The present voting parties (at the vote's opening) that gave no ballot. */
export const missingBallots = (context: ProposalContext, ballots: readonly Ballot[]): string[] =>
  (context.voters ?? []).filter((party) => !ballots.some((b) => b.party === party));

/**
 * DESIGN 2.2.6: closing the vote needs a ballot from every voting party present, unless the chair
 * closes with `missingBallots: "abstain"`. One ballot of eighteen votes is not the covenant's vote.
 */
export const everyBallotGiven: Check = (_deps, context, event) => {
  if (event.type !== 'CLOSE_VOTE' || event.missingBallots === 'abstain') return null;
  const missing = missingBallots(context, event.ballots);
  return missing.length === 0
    ? null
    : covenantRule(
        'missing-ballots',
        '6.9',
        `every voting party present must vote before the vote closes; no ballot from: ${missing.join(', ')} (close with missingBallots "abstain" to record them as abstaining)`,
        { missing },
      );
};

/** Art. 6.9: ballots only from voting parties; checked before a vote is closed so a bad ballot never lands. */
export const ballotsFromVotingParties: Check = (deps, _context, event) => {
  if (event.type !== 'CLOSE_VOTE') return null;
  const strangers = event.ballots.filter((b) => {
    const party = knownParty(deps, b.party);
    return !party || !isVotingParty(party);
  });
  return strangers.length === 0
    ? null
    : covenantRule(
        'vote-by-voting-party',
        '6.8',
        `only voting parties vote; refused: ${strangers.map((b) => b.party).join(', ')}`,
      );
};

/** Routes an event by its `outcome` field (consensus, ministry, DGLZ). */
export const outcomeIs =
  (...wanted: string[]): Check =>
  (_deps, _context, event) =>
    'outcome' in event && wanted.includes(event.outcome)
      ? null
      : routing(`the outcome is not ${wanted.join(' or ')}`);

/** The outcome a decision event takes: the consensus's, or the closing vote's tally. */
function decisionOutcomeOf(deps: CheckDeps, context: ProposalContext, event: ProposalEvent) {
  if (event.type === 'CONSENSUS') return event.outcome;
  if (event.type === 'CLOSE_VOTE')
    return closingTally(deps, context, ballotsOfClosing(context, event)).outcome;
  return undefined;
}

/** Art. 7.1: an objection lodged in writing before the meeting takes effect when its decision is taken. */
export const writtenObjectionTakesEffect: Check = (deps, context, event) => {
  const outcome = decisionOutcomeOf(deps, context, event);
  return context.objections.some((o) => o.status === 'pending' && o.against === outcome)
    ? null
    : routing('no written objection against this outcome');
};

/** Routes a note review by approval. */
export const noteApproved =
  (wanted: boolean): Check =>
  (_deps, _context, event) =>
    event.type === 'REVIEW_NOTE' && event.approved === wanted
      ? null
      : routing(wanted ? 'note not approved' : 'note approved');

/** A meeting's closing only ends the objection window of decisions taken in that meeting (art. 7.2). */
export const decisionOfMeeting =
  (outcome?: 'adopted' | 'rejected', via?: 'consensus' | 'vote'): Check =>
  (_deps, context, event) => {
    if (event.type !== 'MEETING_CLOSED') return routing('not a meeting closing');
    if (event.meetingId !== context.decision?.meetingId)
      return routing(`the decision was not taken in meeting ${event.meetingId}`);
    if (outcome === undefined || via === undefined) return null;
    return context.decision.outcome === outcome && context.decision.via === via
      ? null
      : routing(`the decision is not ${outcome} by ${via}`);
  };

/**
 * Fails on an unknown caller before anything else, with a clear reason; a party whose membership
 * has ended (or not begun) on the event's day acts no more (art. 10, DESIGN 2.1).
 */
export const callerInRegister: Check = (deps, _context, event) => {
  const party = event.by.party;
  const day = amsterdamDateOf(event.at);
  // The one answer to "is PARTY a member on DAY", from the covenant version in force (DESIGN 2.5).
  switch (membershipOn(deps.register, party, day)) {
    case 'unknown':
      return forbidden(`party ${party} is not in the register`);
    case 'not-a-member':
      return covenantRule('not-a-member', '10', `${party} is not a member of the steering group on ${day}`, {
        party,
        date: day,
      });
    case 'member':
      return null;
  }
};
