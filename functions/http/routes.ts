/**
 * The route table: every route of the HTTP API (DESIGN 5) as data — method, path, the handler
 * module that serves it, who may call it, and its request and response schemas. The handlers, the
 * local server, the CDK stack and the OpenAPI document all read this table.
 */
import type { z } from 'zod';
import { anyone, anyParty, byEvent, byRule } from '#shared/http/authority.ts';
import { type RouteDef, type RouteImpl, route } from '#shared/http/route.ts';
import {
  AccountabilityBody,
  ArgumentationBody,
  AttendanceBody,
  AttendanceResult,
  BallotParams,
  BallotView,
  CastVoteBody,
  CloseMeetingResult,
  CloseVoteBody,
  ConsensusBody,
  CreateMeetingBody,
  CreateProposalBody,
  DeadlineList,
  DeadlinesQuery,
  DecisionList,
  DraftBody,
  EmptyBody,
  EscalationBody,
  FinalDecisionBody,
  History,
  ListProposalsQuery,
  Meeting,
  MeetingDetail,
  MeetingList,
  MeetingParams,
  MinistryOutcomeBody,
  Minutes,
  MinutesQuery,
  NoteApprovalBody,
  NoteBody,
  ObjectionBody,
  OpenApiDocumentShape,
  PartyList,
  PartyParams,
  PauseBody,
  PauseDecisionBody,
  ProposalList,
  ProposalParams,
  ProposalView,
  ReasonBody,
  ScheduleBody,
  WithdrawalNoticeResult,
} from '#shared/schemas/index.ts';
import type { ProposalEventType } from '#statemachines/proposal-lifecycle/index.ts';

/** The handler modules under functions/http/, one per resource (one Lambda function each). */
export const handlerModules = [
  'parties',
  'meetings',
  'proposals',
  'decisions',
  'deadlines',
  'openapi',
] as const;

const changed = { status: 200, description: 'The proposal after the change.', schema: ProposalView } as const;

/** A route that sends one model event to a proposal: `POST /proposals/{id}<suffix>`. */
const onProposal = <const S extends string, const B extends z.ZodType>(
  suffix: S,
  event: ProposalEventType,
  def: { operationId: string; summary: string; body: B; bodyOptional?: boolean },
) =>
  route({
    method: 'POST',
    path: `/proposals/{id}${suffix}`,
    handler: 'proposals',
    tag: 'Proposals',
    who: byEvent(event),
    params: ProposalParams,
    success: changed,
    problems: [404, 409, 422, 503],
    ...def,
  });

/** Every route of the API by its routeKey (`METHOD /path`), as API Gateway names it. */
export const routes = {
  'GET /parties': route({
    method: 'GET',
    path: '/parties',
    handler: 'parties',
    tag: 'Parties',
    operationId: 'listParties',
    summary: 'The party register with weights and standards, and the notices of withdrawal',
    who: anyParty,
    success: { status: 200, description: 'The register.', schema: PartyList },
    problems: [],
  }),
  'POST /parties/{party}/withdrawal': route({
    method: 'POST',
    path: '/parties/{party}/withdrawal',
    handler: 'parties',
    tag: 'Parties',
    operationId: 'giveWithdrawalNotice',
    summary: 'Give notice of withdrawal from the covenant; it takes effect three months later (art. 10)',
    who: byRule('that-party'),
    params: PartyParams,
    body: EmptyBody,
    bodyOptional: true,
    success: {
      status: 201,
      description: 'The notice, and what the register must say.',
      schema: WithdrawalNoticeResult,
    },
    problems: [409],
  }),
  'GET /meetings': route({
    method: 'GET',
    path: '/meetings',
    handler: 'meetings',
    tag: 'Meetings',
    operationId: 'listMeetings',
    summary: 'All meetings, earliest first',
    who: anyParty,
    success: { status: 200, description: 'The meetings.', schema: MeetingList },
    problems: [],
  }),
  'POST /meetings': route({
    method: 'POST',
    path: '/meetings',
    handler: 'meetings',
    tag: 'Meetings',
    operationId: 'createMeeting',
    summary: 'Create a meeting (art. 6.3)',
    who: byRule('secretary'),
    body: CreateMeetingBody,
    success: { status: 201, description: 'The meeting.', schema: Meeting },
    problems: [409, 422],
  }),
  'GET /meetings/{id}': route({
    method: 'GET',
    path: '/meetings/{id}',
    handler: 'meetings',
    tag: 'Meetings',
    operationId: 'getMeeting',
    summary: 'A meeting with its agenda',
    who: anyParty,
    params: MeetingParams,
    success: { status: 200, description: 'The meeting.', schema: MeetingDetail },
    problems: [404],
  }),
  'PUT /meetings/{id}/attendance': route({
    method: 'PUT',
    path: '/meetings/{id}/attendance',
    handler: 'meetings',
    tag: 'Meetings',
    operationId: 'recordAttendance',
    summary: 'Record who is present; a vote needs every voting party present (art. 6.9)',
    who: byRule('secretary'),
    params: MeetingParams,
    body: AttendanceBody,
    success: {
      status: 200,
      description: 'The meeting and the quorum its attendance gives.',
      schema: AttendanceResult,
    },
    problems: [404, 409, 422],
  }),
  'POST /meetings/{id}/close': route({
    method: 'POST',
    path: '/meetings/{id}/close',
    handler: 'meetings',
    tag: 'Meetings',
    operationId: 'closeMeeting',
    summary: 'Close the meeting: the objection window of its decisions ends (art. 7.2)',
    who: byRule('chair'),
    params: MeetingParams,
    body: EmptyBody,
    bodyOptional: true,
    success: {
      status: 200,
      description: 'The closed meeting and the decisions now in force.',
      schema: CloseMeetingResult,
    },
    problems: [404, 409, 422, 503],
  }),
  'GET /meetings/{id}/minutes': route({
    method: 'GET',
    path: '/meetings/{id}/minutes',
    handler: 'meetings',
    tag: 'Meetings',
    operationId: 'getMinutes',
    summary: 'The minutes, drawn from the audit trail (`?format=md` for Markdown)',
    who: anyParty,
    params: MeetingParams,
    query: MinutesQuery,
    success: {
      status: 200,
      description: 'The minutes.',
      schema: Minutes,
      alternatives: [
        { contentType: 'text/markdown', description: 'The minutes in Markdown (`?format=md`).' },
      ],
    },
    problems: [404],
  }),
  'GET /proposals': route({
    method: 'GET',
    path: '/proposals',
    handler: 'proposals',
    tag: 'Proposals',
    operationId: 'listProposals',
    summary: 'Proposals, by phase then age; filter by phase and standard',
    who: anyParty,
    query: ListProposalsQuery,
    success: { status: 200, description: 'The proposals.', schema: ProposalList },
    problems: [],
  }),
  'POST /proposals': route({
    method: 'POST',
    path: '/proposals',
    handler: 'proposals',
    tag: 'Proposals',
    operationId: 'submitProposal',
    summary: 'Table an agenda item (art. 6.2)',
    who: anyParty,
    body: CreateProposalBody,
    success: { status: 201, description: 'The new proposal.', schema: ProposalView },
    problems: [422, 503],
  }),
  'GET /proposals/{id}': route({
    method: 'GET',
    path: '/proposals/{id}',
    handler: 'proposals',
    tag: 'Proposals',
    operationId: 'getProposal',
    summary: 'Where the proposal stands: phase, deadlines, tally, objection, what you may do now',
    who: anyParty,
    params: ProposalParams,
    success: { status: 200, description: 'The proposal.', schema: ProposalView },
    problems: [404],
  }),
  'POST /proposals/{id}/draft': onProposal('/draft', 'DRAFT', {
    operationId: 'draftProposal',
    summary: 'Work the agenda item out into a proposal (art. 6.2)',
    body: DraftBody,
  }),
  'POST /proposals/{id}/withdrawal': onProposal('/withdrawal', 'WITHDRAW', {
    operationId: 'withdrawProposal',
    summary: 'Withdraw the proposal before a decision',
    body: ReasonBody,
    bodyOptional: true,
  }),
  'POST /proposals/{id}/schedule': onProposal('/schedule', 'SCHEDULE', {
    operationId: 'scheduleProposal',
    summary: 'Put the proposal (again) on a meeting’s agenda; also for a reconsideration (art. 7.4)',
    body: ScheduleBody,
  }),
  'POST /proposals/{id}/pause': onProposal('/pause', 'REQUEST_PAUSE', {
    operationId: 'requestPause',
    summary:
      'Ask for a pause to reach consensus among the provider associations; the chair decides (footnote 11)',
    body: PauseBody,
  }),
  'POST /proposals/{id}/pause/decision': onProposal('/pause/decision', 'DECIDE_PAUSE', {
    operationId: 'decidePause',
    summary: 'Grant or refuse the requested pause (footnote 11)',
    body: PauseDecisionBody,
  }),
  'POST /proposals/{id}/consensus': onProposal('/consensus', 'CONSENSUS', {
    operationId: 'recordConsensus',
    summary: 'Record the group’s consensus: adopted, rejected, or dropped (art. 6.7, DESIGN 2.2.9)',
    body: ConsensusBody,
  }),
  'POST /proposals/{id}/escalation': onProposal('/escalation', 'ESCALATE', {
    operationId: 'escalateWithoutDecision',
    summary: 'Escalate a proposal without a valid decision to the ministry (art. 7.5)',
    body: EscalationBody,
  }),
  'POST /proposals/{id}/vote': onProposal('/vote', 'OPEN_VOTE', {
    operationId: 'openVote',
    summary: 'Open the vote; the meeting’s recorded attendance must include every voting party (art. 6.9)',
    body: EmptyBody,
    bodyOptional: true,
  }),
  'PUT /proposals/{id}/votes/{party}': route({
    method: 'PUT',
    path: '/proposals/{id}/votes/{party}',
    handler: 'proposals',
    tag: 'Proposals',
    operationId: 'castVote',
    summary: 'Cast or change your party’s bloc vote while the vote is open (art. 6.8)',
    who: byRule('that-voting-party'),
    params: BallotParams,
    body: CastVoteBody,
    success: { status: 200, description: 'Your ballot as recorded.', schema: BallotView },
    problems: [404, 409, 422],
  }),
  'POST /proposals/{id}/vote/close': onProposal('/vote/close', 'CLOSE_VOTE', {
    operationId: 'closeVote',
    summary:
      'Close the vote: tally and decide (art. 6.9); 422 naming the missing ballots unless missingBallots says how to record them',
    body: CloseVoteBody,
    bodyOptional: true,
  }),
  'POST /proposals/{id}/votes/{party}/accountability': route({
    method: 'POST',
    path: '/proposals/{id}/votes/{party}/accountability',
    handler: 'proposals',
    tag: 'Proposals',
    operationId: 'accountForAbstention',
    summary: 'ZIN asks an abstaining party to account for its abstention; that party answers (footnote 13)',
    who: byRule('chair-or-that-party'),
    params: BallotParams,
    body: AccountabilityBody,
    success: { status: 200, description: 'The ballot with its accountability.', schema: BallotView },
    problems: [404, 409, 422],
  }),
  'POST /proposals/{id}/objection': onProposal('/objection', 'OBJECT', {
    operationId: 'lodgeObjection',
    summary:
      'Lodge your own objection: in writing before the decision, or until the chair closes the meeting (art. 7.1, 7.2)',
    body: ObjectionBody,
  }),
  'POST /proposals/{id}/objection/argumentation': onProposal('/objection/argumentation', 'SUBMIT_ARGUMENTS', {
    operationId: 'submitArguments',
    summary: 'Send written arguments and a solution or new proposal, within six weeks (art. 7.3)',
    body: ArgumentationBody,
  }),
  'POST /proposals/{id}/objection/withdrawal': onProposal('/objection/withdrawal', 'WITHDRAW_OBJECTION', {
    operationId: 'withdrawObjection',
    summary: 'Withdraw the objection; the decision stands',
    body: ReasonBody,
    bodyOptional: true,
  }),
  'POST /proposals/{id}/reconsideration/no-decision': onProposal(
    '/reconsideration/no-decision',
    'NO_DECISION',
    {
      operationId: 'recordNoDecision',
      summary: 'Record that the reconsideration reached no decision: escalate to VWS (art. 7.4, 7.5)',
      body: EmptyBody,
      bodyOptional: true,
    },
  ),
  'POST /proposals/{id}/escalation/note': onProposal('/escalation/note', 'SUBMIT_NOTE', {
    operationId: 'submitEscalationNote',
    summary:
      'Submit the accompanying note for every standing objector’s approval; without an objector it goes to VWS at once (art. 7.5)',
    body: NoteBody,
  }),
  'POST /proposals/{id}/escalation/note/approval': onProposal('/escalation/note/approval', 'REVIEW_NOTE', {
    operationId: 'reviewEscalationNote',
    summary:
      'Approve the accompanying note (every standing objector must), or send it back with comments (art. 7.5)',
    body: NoteApprovalBody,
  }),
  'POST /proposals/{id}/escalation/ministry-outcome': onProposal(
    '/escalation/ministry-outcome',
    'MINISTRY_OUTCOME',
    {
      operationId: 'recordMinistryOutcome',
      summary: 'Record the outcome of the meeting with VWS (art. 7.6)',
      body: MinistryOutcomeBody,
    },
  ),
  'POST /proposals/{id}/escalation/final-decision': onProposal(
    '/escalation/final-decision',
    'FINAL_DECISION',
    {
      operationId: 'recordFinalDecision',
      summary: 'The DGLZ’s final decision (art. 7.6)',
      body: FinalDecisionBody,
    },
  ),
  'GET /proposals/{id}/history': route({
    method: 'GET',
    path: '/proposals/{id}/history',
    handler: 'proposals',
    tag: 'Proposals',
    operationId: 'getProposalHistory',
    summary: 'The audit trail of the proposal',
    who: anyParty,
    params: ProposalParams,
    success: { status: 200, description: 'The audit trail, oldest first.', schema: History },
    problems: [404],
  }),
  'GET /decisions': route({
    method: 'GET',
    path: '/decisions',
    handler: 'decisions',
    tag: 'Decisions',
    operationId: 'listDecisions',
    summary: 'The decision register',
    who: anyParty,
    success: { status: 200, description: 'The decision register.', schema: DecisionList },
    problems: [],
  }),
  'GET /deadlines': route({
    method: 'GET',
    path: '/deadlines',
    handler: 'deadlines',
    tag: 'Deadlines',
    operationId: 'listDeadlines',
    summary: 'Open deadlines (`?format=ics` for calendars)',
    who: anyParty,
    query: DeadlinesQuery,
    success: {
      status: 200,
      description: 'The open deadlines, soonest first.',
      schema: DeadlineList,
      alternatives: [{ contentType: 'text/calendar', description: 'An iCalendar feed (`?format=ics`).' }],
    },
    problems: [],
  }),
  'GET /openapi.json': route({
    method: 'GET',
    path: '/openapi.json',
    handler: 'openapi',
    tag: 'API',
    operationId: 'getOpenApiDocument',
    summary: 'This document (no token needed)',
    who: anyone,
    success: {
      status: 200,
      description: 'The OpenAPI 3.1 document.',
      schema: OpenApiDocumentShape,
    },
    problems: [],
  }),
} as const satisfies Record<string, RouteDef>;

/** The table's type: each route with its literal schemas, so implementations are typed by them. */
export type Routes = typeof routes;
/** A routeKey of the table, e.g. `POST /proposals/{id}/vote`. */
export type RouteKey = keyof Routes;
/** A module under functions/http/ (one Lambda function each). */
export type HandlerModule = (typeof handlerModules)[number];

/** The implementations a handler module must provide: one per route of the table it serves. */
export type ImplsOf<H extends HandlerModule> = {
  readonly [K in RouteKey as Routes[K]['handler'] extends H ? K : never]: RouteImpl<Routes[K]>;
};
