/**
 * The API's queries: store reads turned into the read models of shared/views. No Scan: every read
 * is a Query or GetItem of shared/store's access-pattern table.
 */

import type { Standard } from '#shared/covenant/index.ts';
import { MeetingNotFoundError, ProposalNotFoundError } from '#shared/ports/store-errors.ts';
import { deadlinesView } from '#shared/views/deadlines.ts';
import { historyView } from '#shared/views/history.ts';
import { meetingDetailView, meetingView } from '#shared/views/meetings.ts';
import { minutesView } from '#shared/views/minutes.ts';
import { proposalView } from '#shared/views/proposal-view.ts';
import { decisionsView, partiesView } from '#shared/views/registers.ts';
import type { ProposalKind } from '#statemachines/proposal-lifecycle/context.ts';
import type { Caller } from '#statemachines/proposal-lifecycle/events.ts';
import type { Phase } from '#statemachines/proposal-lifecycle/phase.ts';
import { type AppDeps, nowOf } from './deps.ts';

/** The proposal as `caller` sees it now; read consistently, so a change just made shows. */
export async function getProposalView(deps: AppDeps, proposalId: string, caller: Caller) {
  const aggregate = await deps.store.getProposal(proposalId, { consistent: true });
  if (!aggregate) throw new ProposalNotFoundError(proposalId);
  // art. 7.4: whether `object` is possible depends on the release calendar's agreed dates.
  const calendar =
    aggregate.proposal.kind === 'implementation'
      ? await deps.store.agreedImplementations(aggregate.proposal.standards)
      : [];
  return proposalView(deps, aggregate, caller, nowOf(deps), { calendar });
}

/** Proposals in a phase and/or concerning a standard, by phase then age. */
export async function listProposals(
  deps: AppDeps,
  filter: { phase?: Phase | undefined; standard?: Standard | undefined },
) {
  const records = await deps.store.listProposals(filter.phase ? { phase: filter.phase } : {});
  const proposals = records
    .filter((p) => filter.standard === undefined || p.standards.includes(filter.standard))
    // The store keeps these as strings; they were validated when the proposal was tabled.
    .map((p) => ({
      id: p.id,
      title: p.title,
      standards: [...p.standards] as Standard[],
      kind: p.kind as ProposalKind,
      ...(p.implementationDate ? { implementationDate: p.implementationDate } : {}),
      submittedBy: p.submittedBy,
      ...(p.meetingId ? { meetingId: p.meetingId } : {}),
      phase: p.phase as Phase,
      updatedAt: p.updatedAt,
    }));
  return { proposals };
}

/** The audit trail. */
export async function getHistory(deps: AppDeps, proposalId: string) {
  const events = await deps.store.listEvents(proposalId);
  // Every proposal has its SUBMIT event: no events means no proposal.
  if (events.length === 0) throw new ProposalNotFoundError(proposalId);
  return historyView(proposalId, events);
}

/** All meetings, earliest first. */
export async function listMeetings(deps: AppDeps) {
  return { meetings: (await deps.store.listMeetings()).map(meetingView) };
}

async function meetingWithAgenda(deps: AppDeps, meetingId: string) {
  const found = await deps.store.getMeeting(meetingId, { consistent: true });
  if (!found) throw new MeetingNotFoundError(meetingId);
  return found;
}

/** A meeting with its agenda. */
export async function getMeeting(deps: AppDeps, meetingId: string) {
  return meetingDetailView(await meetingWithAgenda(deps, meetingId));
}

/** The minutes: the meeting, and one Query per proposal on its agenda for its audit trail. */
export async function getMinutes(deps: AppDeps, meetingId: string) {
  const found = await meetingWithAgenda(deps, meetingId);
  const aggregates = await Promise.all(
    found.agenda.map((a) => deps.store.getProposal(a.proposalId, { consistent: true })),
  );
  return minutesView(
    deps.register,
    found,
    aggregates.filter((a) => a !== undefined),
  );
}

/** The decision register, oldest first. */
export async function listDecisions(deps: AppDeps) {
  return decisionsView(await deps.store.listDecisions());
}

/** Open deadlines, soonest first, as JSON. */
export async function listDeadlines(deps: AppDeps) {
  return deadlinesView(await deps.store.listDeadlines(), nowOf(deps));
}

/** The register and the notices of withdrawal. */
export async function listParties(deps: AppDeps) {
  return partiesView(deps.register, await deps.store.listWithdrawalNotices(), nowOf(deps));
}
