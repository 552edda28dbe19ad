/**
 * The routes of the proposals handler (the route table's `handler: 'proposals'`): its Lambda entry
 * imports only these, so a cold request builds no other module's schemas (issue 16).
 */
import type { z } from 'zod';
import { anyParty, byEvent, byRule } from '#shared/http/authority.ts';
import { type RouteDef, route } from '#shared/http/route.ts';
import { PageQuery } from '#shared/schemas/common.ts';
import {
  AccountabilityBody,
  ArgumentationBody,
  BallotParams,
  CastVoteBody,
  CloseVoteBody,
  ConsensusBody,
  CreateProposalBody,
  DraftBody,
  EmptyBody,
  EscalationBody,
  FinalDecisionBody,
  ListProposalsQuery,
  MinistryOutcomeBody,
  NoteApprovalBody,
  NoteBody,
  ObjectionBody,
  PauseBody,
  PauseDecisionBody,
  ProposalParams,
  ReasonBody,
  ScheduleBody,
} from '#shared/schemas/proposal-requests.ts';
import { BallotView, History, ProposalList, ProposalView } from '#shared/schemas/proposal-views.ts';
import type { ProposalEventType } from '#statemachines/proposal-lifecycle/index.ts';

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
    resource: 'GET /proposals/{id}',
    problems: [404, 409, 412, 422, 503],
    ...def,
  });
export const proposalsRoutes = {
  'GET /proposals': route({
    method: 'GET',
    path: '/proposals',
    handler: 'proposals',
    tag: 'Proposals',
    operationId: 'listProposals',
    summary: 'Proposals, by phase then age, a page at a time; filter by phase and standard',
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
    resource: 'GET /proposals/{id}',
    problems: [404, 409, 412, 422],
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
    resource: 'GET /proposals/{id}',
    problems: [404, 409, 412, 422],
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
    summary: 'The audit trail of the proposal, a page at a time',
    who: anyParty,
    params: ProposalParams,
    query: PageQuery,
    success: { status: 200, description: 'The audit trail, oldest first.', schema: History },
    problems: [404],
  }),
} as const satisfies Record<string, RouteDef>;
