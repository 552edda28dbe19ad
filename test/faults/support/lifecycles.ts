/**
 * Proposal lifecycles as scripts of API calls, the way the parties would drive them, each with the
 * final state the covenant gives it. A script is data: the crash test runs it once without
 * faults (the reference) and once with kills, and compares the two.
 */
import type { ApiRequest } from './api-client.ts';

export const VOTING_PARTIES = ['ACTIZ', 'GGZ', 'JZN', 'VALENTE', 'VGN', 'ZTNL', 'VNG', 'CAK'] as const;
/**
 * Meetings are held today: what happens at a meeting is recorded on or after its date (DESIGN
 * 2.2.5), and the stack's clock starts at the real time and only moves forward.
 */
export const MEETING_DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(
  new Date(),
);

/** What the script learns on the way: the ids the API gave. */
export interface ScriptContext {
  readonly name: string;
  proposalId?: string;
  meetingId?: string;
}

/**
 * How to tell, when a request's Idempotency-Key stays "in use" after a crash, whether its effect
 * happened: `repeatable` requests (PUT) may simply be sent again; a proposal event left exactly one
 * audit event; created things are found by their unique title; a meeting close can be repeated.
 */
export type Effect =
  | { readonly kind: 'repeatable' }
  | { readonly kind: 'proposal-event'; readonly event: string }
  | { readonly kind: 'creates-proposal' }
  | { readonly kind: 'creates-meeting' }
  | { readonly kind: 'closes-meeting' };

export interface RequestStep {
  readonly kind: 'request';
  readonly label: string;
  readonly request: (ctx: ScriptContext) => Omit<ApiRequest, 'idempotencyKey'>;
  readonly expect: 200 | 201;
  readonly effect: Effect;
}

/** Moves the stack's clock forward (deadlines due by then fire). */
export interface AdvanceStep {
  readonly kind: 'advance';
  readonly label: string;
  readonly days: number;
}

export type Step = RequestStep | AdvanceStep;

/** The decision as GET /proposals/{id} shows it at the end. */
export interface ExpectedEnd {
  readonly phase: 'closed' | 'withdrawn' | 'dropped';
  readonly stateKey: string;
  readonly decision?: {
    readonly outcome: 'adopted' | 'rejected' | 'dropped';
    readonly via: string;
    readonly objection?: 'lapsed' | 'withdrawn';
  };
  /** The e-mail steps sent, in order. */
  readonly mail: readonly string[];
}

export interface Lifecycle {
  readonly template: string;
  readonly steps: readonly Step[];
  readonly expected: ExpectedEnd;
}

const idOf = (value: string | undefined, what: string): string => {
  if (value === undefined) throw new Error(`the script has no ${what} yet`);
  return value;
};
const proposal = (ctx: ScriptContext) => `/proposals/${idOf(ctx.proposalId, 'proposal')}`;
const meeting = (ctx: ScriptContext) => `/meetings/${idOf(ctx.meetingId, 'meeting')}`;

/** A POST to `/proposals/{id}<suffix>` that the model turns into `event`. */
function onProposal(label: string, suffix: string, as: string, event: string, body?: unknown): RequestStep {
  return {
    kind: 'request',
    label,
    request: (ctx) => ({
      method: 'POST',
      path: `${proposal(ctx)}${suffix}`,
      as,
      ...(as === 'VWS' ? { roles: ['dglz'] } : {}),
      ...(body === undefined ? {} : { body }),
    }),
    expect: 200,
    effect: { kind: 'proposal-event', event },
  };
}

const table = (submitter: string): RequestStep => ({
  kind: 'request',
  label: 'table',
  request: (ctx) => ({
    method: 'POST',
    path: '/proposals',
    as: submitter,
    body: {
      title: `Fault test ${ctx.name}`,
      description: 'Release contents tabled by the fault-tolerance suite.',
      standards: ['iWmo', 'iJw'],
      kind: 'release',
    },
  }),
  expect: 201,
  effect: { kind: 'creates-proposal' },
});

const createMeeting: RequestStep = {
  kind: 'request',
  label: 'meeting',
  request: (ctx) => ({
    method: 'POST',
    path: '/meetings',
    as: 'ZIN',
    body: { date: MEETING_DATE, title: `Fault test ${ctx.name} meeting` },
  }),
  expect: 201,
  effect: { kind: 'creates-meeting' },
};

const attendance: RequestStep = {
  kind: 'request',
  label: 'attendance',
  request: (ctx) => ({
    method: 'PUT',
    path: `${meeting(ctx)}/attendance`,
    as: 'ZIN',
    body: { present: [...VOTING_PARTIES, 'ZIN'] },
  }),
  expect: 200,
  effect: { kind: 'repeatable' },
};

const closeMeeting: RequestStep = {
  kind: 'request',
  label: 'close-meeting',
  request: (ctx) => ({ method: 'POST', path: `${meeting(ctx)}/close`, as: 'ZIN' }),
  expect: 200,
  effect: { kind: 'closes-meeting' },
};

const draft = onProposal('draft', '/draft', 'ZIN', 'DRAFT', { text: 'The worked-out proposal.' });
const schedule: RequestStep = {
  kind: 'request',
  label: 'schedule',
  request: (ctx) => ({
    method: 'POST',
    path: `${proposal(ctx)}/schedule`,
    as: 'ZIN',
    body: { meetingId: idOf(ctx.meetingId, 'meeting') },
  }),
  expect: 200,
  effect: { kind: 'proposal-event', event: 'SCHEDULE' },
};
const consensus = (outcome: 'adopted' | 'rejected') =>
  onProposal(`consensus-${outcome}`, '/consensus', 'ZIN', 'CONSENSUS', { outcome });
const object = (party: string) =>
  onProposal('object', '/objection', party, 'OBJECT', { reason: 'We cannot implement this in time.' });
const argue = (party: string) =>
  onProposal('arguments', '/objection/argumentation', party, 'SUBMIT_ARGUMENTS', {
    arguments: 'Our systems need a year.',
    alternativeProposal: 'Implement it a year later.',
  });
const note = onProposal('note', '/escalation/note', 'ZIN', 'SUBMIT_NOTE', {
  motive: 'No decision after reconsideration.',
  requestedDecision: 'Decide on the implementation date.',
});
const review = (party: string, approved: boolean) =>
  onProposal(
    approved ? 'note-approved' : 'note-returned',
    '/escalation/note/approval',
    party,
    'REVIEW_NOTE',
    approved ? { approved } : { approved, comments: 'Name the costs as well.' },
  );

function ballots(choices: Readonly<Record<(typeof VOTING_PARTIES)[number], 'for' | 'against' | 'abstain'>>) {
  return VOTING_PARTIES.map(
    (party): RequestStep => ({
      kind: 'request',
      label: `ballot-${party}`,
      request: (ctx) => ({
        method: 'PUT',
        path: `${proposal(ctx)}/votes/${party}`,
        as: party,
        body: { choice: choices[party] },
      }),
      expect: 200,
      effect: { kind: 'repeatable' },
    }),
  );
}

/** Worked out and on a new meeting's agenda. */
const scheduled = (submitter = 'VNG'): Step[] => [table(submitter), createMeeting, draft, schedule];
/** Decided by consensus in an open meeting. */
const decided = (outcome: 'adopted' | 'rejected' = 'adopted'): Step[] => [...scheduled(), consensus(outcome)];
/** Objected by `party` before the meeting closed, argued: the group reconsiders. */
const reconsidering = (party: string): Step[] => [...decided(), object(party), closeMeeting, argue(party)];
/** Escalated: the note approved (after being sent back once), at the ministry. */
const atMinistry = (party: string): Step[] => [
  ...reconsidering(party),
  onProposal('no-decision', '/reconsideration/no-decision', 'ZIN', 'NO_DECISION'),
  note,
  review(party, false),
  note,
  review(party, true),
];

const MAJORITY_FOR = {
  ACTIZ: 'for',
  GGZ: 'against',
  JZN: 'abstain',
  VALENTE: 'for',
  VGN: 'for',
  ZTNL: 'against',
  VNG: 'for',
  CAK: 'for',
} as const;
/** 9 against 9: no valid decision (art. 6.9). */
const TIED = {
  ACTIZ: 'for',
  GGZ: 'for',
  JZN: 'for',
  VALENTE: 'against',
  VGN: 'against',
  ZTNL: 'against',
  VNG: 'for',
  CAK: 'against',
} as const;

const OBJECTION_MAIL = ['decision-taken', 'objection-lodged'];

/** The templates: every route of the procedure, and each way a proposal ends. */
export const TEMPLATES: readonly Lifecycle[] = [
  {
    template: 'consensus',
    steps: [...decided('adopted'), closeMeeting],
    expected: {
      phase: 'closed',
      stateKey: 'adoptedByConsensus',
      decision: { outcome: 'adopted', via: 'consensus' },
      mail: ['decision-taken'],
    },
  },
  {
    template: 'pause-then-consensus',
    steps: [
      ...scheduled('CAK'),
      // footnote 11: the associations ask for a pause; the chair grants it.
      onProposal('pause', '/pause', 'ACTIZ', 'REQUEST_PAUSE', { reason: 'The associations confer first.' }),
      onProposal('pause-granted', '/pause/decision', 'ZIN', 'DECIDE_PAUSE', { granted: true }),
      schedule,
      consensus('rejected'),
      closeMeeting,
    ],
    expected: {
      phase: 'closed',
      stateKey: 'rejectedByConsensus',
      decision: { outcome: 'rejected', via: 'consensus' },
      mail: ['pause-requested', 'pause-decided', 'decision-taken'],
    },
  },
  {
    template: 'vote-objection-lapses',
    steps: [
      ...scheduled(),
      attendance,
      onProposal('open-vote', '/vote', 'ZIN', 'OPEN_VOTE'),
      ...ballots(MAJORITY_FOR),
      onProposal('close-vote', '/vote/close', 'ZIN', 'CLOSE_VOTE'),
      object('CAK'),
      // art. 7.2: the decision comes into force when its meeting is closed and no objection stands.
      closeMeeting,
      { kind: 'advance', label: 'advance-43-days', days: 43 },
    ],
    expected: {
      phase: 'closed',
      stateKey: 'objectionLapsed',
      decision: { outcome: 'adopted', via: 'vote', objection: 'lapsed' },
      mail: [...OBJECTION_MAIL, 'objection-lapsed'],
    },
  },
  {
    template: 'escalation-to-dglz',
    steps: [
      ...atMinistry('CAK'),
      onProposal('ministry-no-decision', '/escalation/ministry-outcome', 'ZIN', 'MINISTRY_OUTCOME', {
        outcome: 'no-decision',
      }),
      onProposal('dglz-decides', '/escalation/final-decision', 'VWS', 'FINAL_DECISION', {
        outcome: 'rejected',
        rationale: 'The costs outweigh the benefits.',
      }),
    ],
    expected: {
      phase: 'closed',
      stateKey: 'rejectedByDglz',
      decision: { outcome: 'rejected', via: 'dglz' },
      mail: [
        ...OBJECTION_MAIL,
        'arguments-received',
        'escalation-note-for-approval',
        'escalation-note-returned',
        'escalation-note-for-approval',
        'escalated-to-ministry',
        'escalated-to-dglz',
        'final-decision',
      ],
    },
  },
  {
    template: 'escalation-to-ministry',
    steps: [
      ...atMinistry('VNG'),
      onProposal('ministry-adopts', '/escalation/ministry-outcome', 'ZIN', 'MINISTRY_OUTCOME', {
        outcome: 'adopted',
      }),
    ],
    expected: {
      phase: 'closed',
      stateKey: 'adoptedByMinistry',
      decision: { outcome: 'adopted', via: 'ministry' },
      mail: [
        ...OBJECTION_MAIL,
        'arguments-received',
        'escalation-note-for-approval',
        'escalation-note-returned',
        'escalation-note-for-approval',
        'escalated-to-ministry',
        'final-decision',
      ],
    },
  },
  {
    template: 'reconsideration-consensus',
    steps: [...reconsidering('GGZ'), consensus('rejected')],
    expected: {
      phase: 'closed',
      stateKey: 'rejectedOnReconsideration',
      decision: { outcome: 'rejected', via: 'reconsideration' },
      mail: [...OBJECTION_MAIL, 'arguments-received', 'final-decision'],
    },
  },
  {
    template: 'objection-withdrawn',
    steps: [
      ...reconsidering('VALENTE'),
      onProposal('withdraw-objection', '/objection/withdrawal', 'VALENTE', 'WITHDRAW_OBJECTION'),
    ],
    expected: {
      phase: 'closed',
      stateKey: 'objectionWithdrawn',
      decision: { outcome: 'adopted', via: 'consensus', objection: 'withdrawn' },
      mail: [...OBJECTION_MAIL, 'arguments-received', 'objection-withdrawn'],
    },
  },
  {
    template: 'proposal-withdrawn',
    steps: [...scheduled('VGN'), onProposal('withdraw', '/withdrawal', 'VGN', 'WITHDRAW')],
    expected: { phase: 'withdrawn', stateKey: 'withdrawn', mail: [] },
  },
  {
    template: 'tie-then-drop',
    steps: [
      ...scheduled(),
      attendance,
      onProposal('open-vote', '/vote', 'ZIN', 'OPEN_VOTE'),
      ...ballots(TIED),
      onProposal('close-vote', '/vote/close', 'ZIN', 'CLOSE_VOTE'),
      // DESIGN 2.2.9: the group drops the item by consensus.
      onProposal('drop', '/consensus', 'ZIN', 'CONSENSUS', { outcome: 'dropped' }),
    ],
    expected: {
      phase: 'dropped',
      stateKey: 'dropped',
      decision: { outcome: 'dropped', via: 'consensus' },
      mail: [],
    },
  },
  {
    template: 'consensus-objection-lapses',
    steps: [
      ...decided('rejected'),
      object('ZTNL'),
      closeMeeting,
      { kind: 'advance', label: 'advance-43-days', days: 43 },
    ],
    expected: {
      phase: 'closed',
      stateKey: 'objectionLapsed',
      decision: { outcome: 'rejected', via: 'consensus', objection: 'lapsed' },
      mail: [...OBJECTION_MAIL, 'objection-lapsed'],
    },
  },
];
