/**
 * The covenant's checks on an event, as pure functions of the register, the policy, the proposal's
 * context and the event. The machine's guards are these checks answered yes or no
 * (`guards.ts`); dispatch uses them to say why an event is refused.
 */
import {
  canObject,
  checkAttendanceQuorum,
  getParty,
  holdsRole,
  isInObjectionBlackout,
  isProviderAssociation,
  isVotingParty,
  objectionBlackout,
  type Policy,
  type Register,
  tally,
} from '#shared/covenant/index.ts';
import type { ProposalContext } from './context.ts';
import type { ProposalEvent } from './events.ts';
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

/** Art. 7.4, last sentence: no objection within one month before the agreed implementation date. */
export const outsideObjectionBlackout: Check = (_deps, context, event) => {
  const date = context.implementationDate;
  if (!date || !isInObjectionBlackout(event.at, date)) return null;
  const blackout = objectionBlackout(date);
  return covenantRule(
    'objection-blackout',
    '7.4',
    `no objection is possible from ${blackout.from} up to the implementation date ${date}: one month before an agreed implementation date`,
    { implementationDate: date, blackoutFrom: blackout.from },
  );
};

/** Art. 7.3–7.5: only the objecting party argues, approves the note or withdraws its objection. */
export const byObjector: Check = (_deps, context, event) =>
  context.objection && event.by.party === context.objection.by
    ? null
    : forbidden(
        `only the objecting party${context.objection ? ` (${context.objection.by})` : ''} may do this`,
      );

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
    const { outcome } = closingTally(deps, context, event.ballots);
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
  (wanted: string): Check =>
  (_deps, _context, event) =>
    'outcome' in event && event.outcome === wanted ? null : routing(`the outcome is not ${wanted}`);

/** Routes a note review by approval. */
export const noteApproved =
  (wanted: boolean): Check =>
  (_deps, _context, event) =>
    event.type === 'REVIEW_NOTE' && event.approved === wanted
      ? null
      : routing(wanted ? 'note not approved' : 'note approved');

/** A meeting's closing only ends the objection window of decisions taken in that meeting (art. 7.2). */
export const decisionOfMeeting =
  (outcome: 'adopted' | 'rejected', via: 'consensus' | 'vote'): Check =>
  (_deps, context, event) => {
    if (event.type !== 'MEETING_CLOSED') return routing('not a meeting closing');
    if (event.meetingId !== context.decision?.meetingId)
      return routing(`the decision was not taken in meeting ${event.meetingId}`);
    return context.decision.outcome === outcome && context.decision.via === via
      ? null
      : routing(`the decision is not ${outcome} by ${via}`);
  };

/** Fails on an unknown caller before anything else, with a clear reason. */
export const callerInRegister: Check = (deps, _context, event) => {
  try {
    getParty(deps.register, event.by.party);
    return null;
  } catch {
    return forbidden(`party ${event.by.party} is not in the register`);
  }
};
