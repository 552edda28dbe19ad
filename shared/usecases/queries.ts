/**
 * The API's queries: store reads turned into the read models of shared/views. No Scan: every read
 * is a Query or GetItem of shared/store's access-pattern table.
 */

import type { Standard } from '#shared/covenant/index.ts';
import type {
  AgreedImplementation,
  DecisionRecord,
  PageRequest,
  ProposalRecord,
} from '#shared/ports/store.ts';
import { MeetingNotFoundError, ProposalNotFoundError } from '#shared/ports/store-errors.ts';
import { PAGE_SIZE } from '#shared/schemas/common.ts';
import { deadlinesView } from '#shared/views/deadlines.ts';
import { historyView } from '#shared/views/history.ts';
import { meetingDetailView, meetingView } from '#shared/views/meetings.ts';
import { minutesView } from '#shared/views/minutes.ts';
import { needsCalendar, proposalView } from '#shared/views/proposal-view.ts';
import { decisionsView, partiesView } from '#shared/views/registers.ts';
import type { ProposalKind } from '#statemachines/proposal-lifecycle/context.ts';
import type { Caller } from '#statemachines/proposal-lifecycle/events.ts';
import type { Phase } from '#statemachines/proposal-lifecycle/phase.ts';
import { type AppDeps, nowOf } from './deps.ts';

/**
 * The proposal as `caller` sees it now, from ONE consistent Query (the item, its voting rounds and
 * workflow rows, not the audit trail), so a change just made shows.
 */
export async function getProposalView(deps: AppDeps, proposalId: string, caller: Caller) {
  const proposal = await deps.store.getProposalItem(proposalId, { consistent: true });
  if (!proposal) throw new ProposalNotFoundError(proposalId);
  return viewOf(deps, proposal, caller);
}

/**
 * The proposal as `caller` sees it now, from a record already in hand: the one a GET read, or the
 * one a transition just decided (with its latest voting round as the transition left it).
 * @param calendar - the release calendar's agreed dates the transition's event read (an objection),
 *   if it read them; otherwise they are read here only when they can change `actions` (art. 7.4)
 */
export async function viewOf(
  deps: AppDeps,
  proposal: ProposalRecord,
  caller: Caller,
  calendar?: readonly AgreedImplementation[],
) {
  const now = nowOf(deps);
  const agreed =
    calendar ??
    (needsCalendar(deps, proposal, caller, now)
      ? await deps.store.agreedImplementations(proposal.standards)
      : []);
  return proposalView(deps, proposal, caller, now, { calendar: agreed });
}

/** `next` when the page has one. */
const nextOf = (page: { readonly next?: string }) => (page.next === undefined ? {} : { next: page.next });

/** A page of the proposals in a phase and/or concerning a standard, by phase then age. */
export async function listProposals(
  deps: AppDeps,
  filter: { phase?: Phase | undefined; standard?: Standard | undefined },
  page: PageRequest,
) {
  const found = await deps.store.pageProposals(filter, page);
  const proposals = found.items
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
  return { proposals, ...nextOf(found) };
}

/** A page of the audit trail. */
export async function getHistory(deps: AppDeps, proposalId: string, page: PageRequest) {
  const found = await deps.store.pageEvents(proposalId, page);
  // Every proposal has its SUBMIT event: no events on the first page means no proposal.
  if (found.items.length === 0 && page.cursor === undefined) throw new ProposalNotFoundError(proposalId);
  return { ...historyView(proposalId, found.items), ...nextOf(found) };
}

/** A page of the meetings, earliest first. */
export async function listMeetings(deps: AppDeps, page: PageRequest) {
  const found = await deps.store.pageMeetings(page);
  return { meetings: found.items.map(meetingView), ...nextOf(found) };
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

/**
 * The minutes: the meeting, and one Query per proposal on its agenda for its audit trail; for a
 * proposal that was voted on, one more for the ballots its changes replaced, read after the rounds:
 * a change made in between then shows as not yet made (the ballot it replaced is read as current,
 * its copy deduplicated), never as a ballot missing.
 */
export async function getMinutes(deps: AppDeps, meetingId: string) {
  const found = await meetingWithAgenda(deps, meetingId);
  const aggregates = await Promise.all(
    found.agenda.map(async (a) => {
      const aggregate = await deps.store.getProposal(a.proposalId, { consistent: true });
      if (aggregate === undefined || aggregate.rounds.length === 0) return aggregate;
      return { ...aggregate, supersededBallots: await deps.store.listSupersededBallots(a.proposalId) };
    }),
  );
  return minutesView(
    deps.register,
    found,
    aggregates.filter((a) => a !== undefined),
  );
}

/** A page of the decision register, oldest first. */
export async function listDecisions(deps: AppDeps, page: PageRequest) {
  const found = await deps.store.pageDecisions(page);
  return { ...decisionsView(found.items), ...nextOf(found) };
}

/** Pages read for a whole-register document: 10,000 decisions, far beyond a covenant's lifetime. */
const WHOLE_REGISTER_PAGES = 50;

/**
 * The whole decision register, oldest first, for a document (CSV, Word) that lists every decision.
 * @throws Error when the register holds more than a document may list (it never should).
 */
export async function listAllDecisions(deps: AppDeps) {
  const decisions: DecisionRecord[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < WHOLE_REGISTER_PAGES; page++) {
    const found = await deps.store.pageDecisions({ limit: PAGE_SIZE.max, cursor });
    decisions.push(...found.items);
    if (found.next === undefined) return decisionsView(decisions).decisions;
    cursor = found.next;
  }
  throw new Error(`the decision register holds more than ${WHOLE_REGISTER_PAGES * PAGE_SIZE.max} decisions`);
}

/** A page of the open deadlines, soonest first, as JSON. */
export async function listDeadlines(deps: AppDeps, page: PageRequest) {
  const found = await deps.store.pageDeadlines(page);
  return { ...deadlinesView(found.items, nowOf(deps)), ...nextOf(found) };
}

/** The register and the notices of withdrawal. */
export async function listParties(deps: AppDeps) {
  return partiesView(deps.register, await deps.store.listWithdrawalNotices(), nowOf(deps));
}
