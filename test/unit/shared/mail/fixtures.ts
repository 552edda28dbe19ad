/** Test fixtures for shared/mail: a proposal, its context at each e-mail step, the model's notify params. */
import { expect } from 'vitest';
import {
  argumentsDeadline,
  type Deadline,
  loadDefaultRegister,
  ministryDeadline,
  type Register,
  reconsiderationDeadline,
  tally,
} from '#shared/covenant/index.ts';
import type { MailProposal } from '#shared/mail/index.ts';
import type {
  Objection,
  ProposalContext,
  RunningDeadline,
} from '#statemachines/proposal-lifecycle/context.ts';
import { createProposalMachine } from '#statemachines/proposal-lifecycle/machine.ts';
import type { DecisionStep, NotifyParams } from '#statemachines/proposal-lifecycle/notifications.ts';
import { ballots } from '#test/unit/shared/covenant/fixtures.ts';

export const REGISTER: Register = loadDefaultRegister();
/** The web app's base URL: the e-mails link a proposal's page below it. */
export const WEB = 'https://besluitvorming.example';
export const FROM = 'besluitvorming@istandaarden.example';
export const PROPOSAL: MailProposal = {
  id: 'P-2027-001',
  title: 'Release iWmo 3.3',
  standards: ['iWmo', 'iEb'],
};

const MEETING = { meetingId: 'M-2027-02', meetingDate: '2027-02-17' };
export const DECIDED_AT = '2027-02-17T10:00:00.000Z';
/** Lodged on Wednesday 17 February 2027: the six weeks end on Wednesday 31 March 2027. */
export const LODGED_AT = '2027-02-17T11:00:00.000Z';
/** Arguments on Saturday 20 March 2027: the week ends on Saturday 27 March (a non-working day). */
export const ARGUMENTS_AT = '2027-03-20T09:00:00.000Z';
/** Note approved on Monday 12 April 2027: the month ends on Wednesday 12 May 2027. */
export const APPROVED_AT = '2027-04-12T08:00:00.000Z';

const VOTE = ballots({
  VNG: 'for',
  CAK: 'for',
  ACTIZ: 'against',
  GGZ: 'against',
  JZN: 'against',
  VALENTE: 'abstain',
  VGN: 'abstain',
  ZTNL: 'abstain',
});

const running = (kind: RunningDeadline['kind'], d: Deadline, party?: string): RunningDeadline => ({
  kind,
  startedAt: d.startedAt,
  due: d.due,
  lastDay: d.lastDay,
  extended: d.extended,
  ...(d.advice ? { advice: d.advice } : {}),
  ...(party ? { party } : {}),
});

const decided: ProposalContext = {
  proposalId: PROPOSAL.id,
  title: PROPOSAL.title,
  standards: PROPOSAL.standards,
  kind: 'release',
  submittedBy: 'VNG',
  submittedAt: '2027-01-10T09:00:00.000Z',
  round: 1,
  pauses: [],
  objections: [],
  ...MEETING,
  decision: {
    outcome: 'adopted',
    via: 'vote',
    decidedAt: DECIDED_AT,
    text: 'original',
    meetingId: MEETING.meetingId,
    tally: tally(REGISTER, { date: MEETING.meetingDate, standards: PROPOSAL.standards, ballots: VOTE }),
  },
};

/** ACTIZ's objection during the meeting (art. 7.2): its own six weeks run from its lodging (art. 7.3). */
export const ACTIZ_OBJECTION: Objection = {
  by: 'ACTIZ',
  reason: 'De implementatietermijn is te kort.',
  against: 'adopted',
  lodgedAt: LODGED_AT,
  status: 'awaiting-arguments',
  takesEffectAt: LODGED_AT,
  argumentsDue: running('arguments', argumentsDeadline(LODGED_AT), 'ACTIZ'),
};

const objected: ProposalContext = {
  ...decided,
  objections: [ACTIZ_OBJECTION],
  deadline: ACTIZ_OBJECTION.argumentsDue,
};

const arguedObjection: Objection = {
  ...ACTIZ_OBJECTION,
  status: 'argued',
  arguments: 'Leveranciers hebben drie maanden extra nodig.',
  alternativeProposal: 'Implementatie per 1 januari 2028.',
  argumentsReceivedAt: ARGUMENTS_AT,
};

const argued: ProposalContext = {
  ...objected,
  objections: [arguedObjection],
  deadline: running('reconsideration', reconsiderationDeadline(ARGUMENTS_AT)),
};

const note = {
  motive: 'Geen besluit na heroverweging.',
  requestedDecision: 'Besluit over de implementatiedatum.',
  submittedAt: '2027-04-01T08:00:00.000Z',
  returnedComments: [],
};

const atMinistry: ProposalContext = {
  ...argued,
  // No decision on reconsideration (art. 7.5): the model records the escalation before the note.
  escalation: {
    reason: 'no decision on reconsideration',
    at: '2027-03-30T08:00:00.000Z',
    after: 'reconsideration',
  },
  note: { ...note, approvedAt: APPROVED_AT },
  deadline: running('ministry', ministryDeadline(APPROVED_AT)),
};

/**
 * art. 7.5, first sentence: a 9–9 vote gave no valid decision and ZIN escalated it; the note went to
 * VWS at once, with no objector to approve it.
 */
export const ESCALATED_WITHOUT_OBJECTION: ProposalContext = {
  ...atMinistry,
  objections: [],
  escalation: {
    reason: 'De Stuurgroep komt niet tot een besluit.',
    at: '2027-04-01T08:00:00.000Z',
    after: 'no-valid-decision',
  },
};

/** GGZ asks for a pause while the proposal is on the agenda (footnote 11). */
const { decision: _none, ...onTheAgenda } = decided;
const pauseAsked: ProposalContext = {
  ...onTheAgenda,
  round: 0,
  pauseRequest: {
    by: 'GGZ',
    reason: 'De brancheorganisaties willen eerst onderling overleggen.',
    at: '2027-02-17T09:30:00.000Z',
    status: 'requested',
  },
};

/** The chair's answer: granted, with a reason (footnote 11). */
export const PAUSE_GRANTED: ProposalContext = {
  ...pauseAsked,
  pauseRequest: {
    ...(pauseAsked.pauseRequest as NonNullable<ProposalContext['pauseRequest']>),
    status: 'granted',
    decidedAt: '2027-02-17T09:45:00.000Z',
    decisionReason: 'Er is tijd tot de volgende vergadering.',
  },
  pauses: [
    {
      by: 'GGZ',
      reason: 'De brancheorganisaties willen eerst onderling overleggen.',
      at: '2027-02-17T09:45:00.000Z',
    },
  ],
};

/** The proposal's context when the model sends each e-mail step (stale deadlines left in, as the model does). */
export const CONTEXT_AT: Readonly<Record<DecisionStep, ProposalContext>> = {
  'decision-taken': decided,
  'objection-lodged': objected,
  'objection-lapsed': {
    ...objected,
    objections: [{ ...ACTIZ_OBJECTION, status: 'lapsed', endedAt: ACTIZ_OBJECTION.argumentsDue?.due }],
    objectionResult: 'lapsed',
  },
  'objection-withdrawn': {
    ...argued,
    objections: [{ ...arguedObjection, status: 'withdrawn', endedAt: '2027-03-22T09:00:00.000Z' }],
    objectionResult: 'withdrawn',
  },
  'arguments-received': argued,
  'reconsideration-overdue': argued,
  'escalation-note-for-approval': { ...argued, note },
  'escalation-note-returned': {
    ...argued,
    note: {
      ...note,
      returnedComments: [
        { comments: 'Noem de gevolgen voor gemeenten.', at: '2027-04-03T08:00:00.000Z', by: 'ACTIZ' },
      ],
    },
  },
  'escalated-to-ministry': atMinistry,
  'ministry-overdue': atMinistry,
  'escalated-to-dglz': atMinistry,
  'final-decision': {
    ...atMinistry,
    decision: {
      outcome: 'rejected',
      via: 'dglz',
      decidedAt: '2027-06-01T12:00:00.000Z',
      text: 'original',
      rationale: 'De keten is niet gereed.',
    },
  },
  'pause-requested': pauseAsked,
  'pause-decided': PAUSE_GRANTED,
};

/**
 * The `notify` params of each step, read from the model: the entry actions of its states and the
 * actions of its transitions (since DESIGN 2.2/2.3's change, `decision-taken`, `objection-lodged`
 * and `pause-decided` are sent on the transition that takes the step, not on entering a state).
 */
export function notifyParamsOf(step: DecisionStep): NotifyParams {
  const machine = createProposalMachine(REGISTER, REGISTER.policy);
  type Action = { type: string; params?: unknown };
  type Node = {
    entry: readonly Action[];
    transitions: Map<string, readonly { actions: readonly unknown[] }[]>;
    states: Record<string, Node>;
  };
  const found: NotifyParams[] = [];
  const look = (actions: readonly unknown[]): void => {
    for (const action of actions) {
      if (typeof action !== 'object' || action === null) continue;
      const { type, params } = action as Action;
      if (type === 'notify' && (params as NotifyParams | undefined)?.step === step) {
        found.push(params as NotifyParams);
      }
    }
  };
  const walk = (node: Node): void => {
    look(node.entry);
    for (const definitions of node.transitions.values()) for (const d of definitions) look(d.actions);
    for (const child of Object.values(node.states)) walk(child);
  };
  walk(machine.root as unknown as Node);
  const [params] = found;
  if (!params) throw new Error(`the model sends no '${step}' e-mail`);
  // Every place the model sends the step must address the same roles: the e-mail is one step.
  for (const other of found) expect(other).toEqual(params);
  return params;
}

/** The header section of an RFC 5322 message, unfolded, by lower-case field name. */
export function headersOf(mime: string): Map<string, string> {
  const [head = ''] = mime.split('\r\n\r\n');
  const fields = head.replace(/\r\n[ \t]+/g, ' ').split('\r\n');
  return new Map(
    fields.map((field) => {
      const colon = field.indexOf(':');
      return [field.slice(0, colon).toLowerCase(), field.slice(colon + 1).trim()];
    }),
  );
}
