/** Test fixtures for shared/mail: a proposal, its context at each e-mail step, the model's notify params. */
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
import type { ProposalContext, RunningDeadline } from '#statemachines/proposal-lifecycle/context.ts';
import { createProposalMachine } from '#statemachines/proposal-lifecycle/machine.ts';
import type { DecisionStep, NotifyParams } from '#statemachines/proposal-lifecycle/notifications.ts';
import { ballots } from '#test/unit/shared/covenant/fixtures.ts';

export const REGISTER: Register = loadDefaultRegister();
export const API = 'https://api.example';
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

const running = (kind: RunningDeadline['kind'], d: Deadline): RunningDeadline => ({
  kind,
  startedAt: d.startedAt,
  due: d.due,
  lastDay: d.lastDay,
  extended: d.extended,
  ...(d.advice ? { advice: d.advice } : {}),
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
  ...MEETING,
  decision: {
    outcome: 'adopted',
    via: 'vote',
    decidedAt: DECIDED_AT,
    meetingId: MEETING.meetingId,
    tally: tally(REGISTER, { date: MEETING.meetingDate, standards: PROPOSAL.standards, ballots: VOTE }),
  },
};

const objected: ProposalContext = {
  ...decided,
  objection: { by: 'ACTIZ', reason: 'De implementatietermijn is te kort.', lodgedAt: LODGED_AT },
  deadline: running('arguments', argumentsDeadline(LODGED_AT)),
};

const argued: ProposalContext = {
  ...objected,
  objection: {
    ...(objected.objection as NonNullable<ProposalContext['objection']>),
    arguments: 'Leveranciers hebben drie maanden extra nodig.',
    alternativeProposal: 'Implementatie per 1 januari 2028.',
    argumentsReceivedAt: ARGUMENTS_AT,
  },
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
  note: { ...note, approvedAt: APPROVED_AT },
  deadline: running('ministry', ministryDeadline(APPROVED_AT)),
};

/** The proposal's context when the model enters each e-mail step (stale deadlines left in, as the model does). */
export const CONTEXT_AT: Readonly<Record<DecisionStep, ProposalContext>> = {
  'decision-taken': decided,
  'objection-lodged': objected,
  'objection-lapsed': { ...objected, objectionResult: 'lapsed' },
  'objection-withdrawn': { ...argued, objectionResult: 'withdrawn' },
  'arguments-received': argued,
  'reconsideration-overdue': argued,
  'escalation-note-for-approval': { ...argued, note },
  'escalation-note-returned': {
    ...argued,
    note: {
      ...note,
      returnedComments: [{ comments: 'Noem de gevolgen voor gemeenten.', at: '2027-04-03T08:00:00.000Z' }],
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
      rationale: 'De keten is niet gereed.',
    },
  },
};

/** The `notify` params of each step, read from the model's entry actions (one per step id). */
export function notifyParamsOf(step: DecisionStep): NotifyParams {
  const machine = createProposalMachine(REGISTER, REGISTER.policy);
  type Node = { entry: readonly { type: string; params?: unknown }[]; states: Record<string, Node> };
  const found: NotifyParams[] = [];
  const walk = (node: Node): void => {
    for (const action of node.entry) {
      const params = action.params as NotifyParams | undefined;
      if (action.type === 'notify' && params?.step === step) found.push(params);
    }
    for (const child of Object.values(node.states)) walk(child);
  };
  walk(machine.root as unknown as Node);
  const [params] = found;
  if (!params) throw new Error(`the model sends no '${step}' e-mail`);
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
