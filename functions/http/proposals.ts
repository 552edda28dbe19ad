/**
 * Proposals (DESIGN 5): each route parses, authorizes (both in the common path), runs one use case
 * and answers with the proposal as the caller now sees it: a transition from what its decision holds
 * (the new proposal and its latest round), never read back, so its answer is the body a GET gives.
 */
import type { HttpHandler } from '#shared/http/handler.ts';
import { createRouteHandler } from '#shared/http/handler.ts';
import { pageOf, pageReply } from '#shared/http/pages.ts';
import { ok, type Reply, type RouteImpl, type RouteRequest } from '#shared/http/route.ts';
import { type AppDeps, nowOf } from '#shared/usecases/deps.ts';
import {
  type Applied,
  applyEvent,
  ballotView,
  castBallot,
  closeVoting,
  lodgeObjection,
  openMeeting,
  openVote,
  recordAccountability,
  scheduleProposal,
  submitProposal,
} from '#shared/usecases/proposals.ts';
import { getHistory, getProposalView, listProposals, viewOf } from '#shared/usecases/queries.ts';
import type { Caller, ProposalEvent } from '#statemachines/proposal-lifecycle/index.ts';
import { cloudDepsWithMail } from '../composition/mail.ts';
import { onFirstCall } from '../composition/on-first-call.ts';
import { proposalsRoutes } from './routes/proposals.ts';
import type { ImplsOf, Routes } from './routes.ts';

type EventPayload = ProposalEvent extends infer E
  ? E extends ProposalEvent
    ? Omit<E, 'by' | 'at'>
    : never
  : never;
type ProposalRoute = {
  [K in keyof Routes]: Routes[K]['handler'] extends 'proposals' ? Routes[K] : never;
}[keyof Routes];

/** The proposal as the caller sees it after the transition, from what the transition decided. */
const answer = async (deps: AppDeps, applied: Applied, caller: Caller) =>
  ok(await viewOf(deps, applied.proposal, caller, applied.calendar));

/** A route that sends the event built from the request, then shows the proposal. */
const send =
  <R extends ProposalRoute>(build: (request: RouteRequest<R>) => EventPayload) =>
  async (request: RouteRequest<R>) => {
    const { deps, caller } = request;
    const { id } = request.params as { readonly id: string };
    const event = { ...build(request), by: caller, at: nowOf(deps) } as ProposalEvent;
    return answer(deps, await applyEvent(deps, id, event), caller);
  };

/**
 * An implementation that needs `read` whatever the proposal holds: the common path starts it beside
 * authorization's read of the proposal (RouteImpl's `alongside`); `run` gets it, started or not.
 */
const withAlongside = <R extends ProposalRoute, T>(
  read: (request: Omit<RouteRequest<R>, 'alongside'>) => Promise<T>,
  run: (request: RouteRequest<R>, read: Promise<T>) => Promise<Reply>,
): RouteImpl<R> =>
  Object.assign(
    (request: RouteRequest<R>) =>
      run(request, (request.alongside as Promise<T> | undefined) ?? read(request)),
    { alongside: read },
  );

/** One implementation per route this module serves (the route table says which). */
const impls: ImplsOf<'proposals'> = {
  'GET /proposals': async ({ deps, query, event }) =>
    pageReply(await listProposals(deps, query, pageOf(query)), event, deps.apiBaseUrl),
  'POST /proposals': async ({ deps, body, caller }) => {
    const proposal = await submitProposal(deps, body, caller);
    return ok(await viewOf(deps, proposal, caller), 201, {
      Location: `${deps.apiBaseUrl}/proposals/${proposal.id}`,
    });
  },
  'GET /proposals/{id}': async ({ deps, params, caller }) =>
    ok(await getProposalView(deps, params.id, caller)),
  'GET /proposals/{id}/history': async ({ deps, params, query, event }) =>
    pageReply(await getHistory(deps, params.id, pageOf(query)), event, deps.apiBaseUrl),
  'POST /proposals/{id}/draft': send(({ body }) => ({ type: 'DRAFT', text: body.text })),
  'POST /proposals/{id}/withdrawal': send(({ body }) => ({ type: 'WITHDRAW', ...body })),
  // The meeting does not depend on the proposal: its read goes out with the proposal's (issue 15).
  'POST /proposals/{id}/schedule': withAlongside(
    ({ deps, body }) => openMeeting(deps, body.meetingId),
    async ({ deps, params, body, caller }, meeting) =>
      answer(deps, await scheduleProposal(deps, params.id, body.meetingId, caller, meeting), caller),
  ),
  'POST /proposals/{id}/pause': send(({ body }) => ({ type: 'REQUEST_PAUSE', reason: body.reason })),
  'POST /proposals/{id}/pause/decision': send(({ body }) => ({ type: 'DECIDE_PAUSE', ...body })),
  'POST /proposals/{id}/consensus': send(({ body }) => ({ type: 'CONSENSUS', ...body })),
  'POST /proposals/{id}/escalation': send(({ body }) => ({ type: 'ESCALATE', reason: body.reason })),
  'POST /proposals/{id}/vote': async ({ deps, params, caller }) =>
    answer(deps, await openVote(deps, params.id, caller), caller),
  'PUT /proposals/{id}/votes/{party}': async ({ deps, params, body, caller }) => {
    const round = await castBallot(deps, params.id, caller, params.party, body);
    return ok(ballotView(params.id, params.party, round));
  },
  'POST /proposals/{id}/votes/{party}/accountability': async ({ deps, params, body, caller }) => {
    const round = await recordAccountability(deps, params.id, params.party, caller, body);
    return ok(ballotView(params.id, params.party, round));
  },
  'POST /proposals/{id}/vote/close': async ({ deps, params, body, caller }) =>
    answer(deps, await closeVoting(deps, params.id, caller, body ?? {}), caller),
  'POST /proposals/{id}/objection': async ({ deps, params, body, caller }) =>
    answer(deps, await lodgeObjection(deps, params.id, caller, body), caller),
  'POST /proposals/{id}/objection/argumentation': send(({ body }) => ({
    type: 'SUBMIT_ARGUMENTS',
    ...body,
  })),
  'POST /proposals/{id}/objection/withdrawal': send(({ body }) => ({
    type: 'WITHDRAW_OBJECTION',
    ...body,
  })),
  'POST /proposals/{id}/reconsideration/no-decision': send(() => ({ type: 'NO_DECISION' })),
  'POST /proposals/{id}/escalation/note': send(({ body }) => ({ type: 'SUBMIT_NOTE', ...body })),
  'POST /proposals/{id}/escalation/note/approval': send(({ body }) => ({ type: 'REVIEW_NOTE', ...body })),
  'POST /proposals/{id}/escalation/ministry-outcome': send(({ body }) => ({
    type: 'MINISTRY_OUTCOME',
    outcome: body.outcome,
  })),
  'POST /proposals/{id}/escalation/final-decision': send(({ body }) => ({
    type: 'FINAL_DECISION',
    ...body,
  })),
};

/** The proposals resource's handler over `deps`. */
export function createProposalsHandler(deps: AppDeps): HttpHandler {
  return createRouteHandler(deps, proposalsRoutes, impls);
}

/** The Lambda entry point, wired by the cloud composition root on first use. */
export const handler: HttpHandler = onFirstCall(async () =>
  createProposalsHandler(await cloudDepsWithMail()),
);
