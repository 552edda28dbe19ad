// Reading proposals: the whole partition in one Query, the list of proposals (gsi2) and the gsi1 lists.
import type {
  AuditEvent,
  DeadlineRecord,
  DecisionRecord,
  Page,
  PageRequest,
  ParkedTaskToken,
  ProposalAggregate,
  ProposalListing,
  ProposalRecord,
  SignalRecord,
  VotingRound,
} from '#shared/ports/store.ts';
import { queryAll, queryGsi1, queryPartition, type StoreContext } from './context.ts';
import { deadlineOf, decisionOf, type Item, listingOf, proposalRecordOf, recordOf } from './items.ts';
import { GSI1_PARTITION, GSI2_PARTITION, proposalPhasePrefix, proposalPk, SK } from './keys.ts';
import { keyCondition, queryPage } from './pages.ts';

/** A page of records of one kind. */
const recordsOf = <T>(page: Page<Item>): Page<T> => ({
  items: page.items.map((item) => recordOf<T>(item)),
  ...(page.next === undefined ? {} : { next: page.next }),
});

interface MutableAggregate {
  proposal?: ProposalRecord;
  events: AuditEvent[];
  rounds: VotingRound[];
  tokens: ParkedTaskToken[];
  signals: SignalRecord[];
  deadline?: DeadlineRecord;
  decision?: DecisionRecord;
}

/** Sorts one item of a proposal's partition into the aggregate, by its sort key. */
function addItem(aggregate: MutableAggregate, item: Item): void {
  const sk = String(item.sk);
  if (sk === SK.proposal) aggregate.proposal = proposalRecordOf(item);
  // An older version's deadline item sorts before the register entry, which holds it now.
  else if (sk === SK.deadline) aggregate.deadline = deadlineOf(item);
  else if (sk === SK.decision) registerEntry(aggregate, item);
  else if (sk.startsWith(SK.event)) aggregate.events.push(recordOf(item));
  else if (sk.startsWith(SK.round)) aggregate.rounds.push(recordOf(item));
  else if (sk.startsWith(SK.token)) aggregate.tokens.push(recordOf(item));
  else if (sk.startsWith(SK.signal)) aggregate.signals.push(recordOf(item));
  // Anything else belongs to a newer version of this code: ignoring it keeps reads working.
}

/** The register entry: the decision and the open deadline, each if there is one. */
function registerEntry(aggregate: MutableAggregate, item: Item): void {
  const decision = decisionOf(item);
  const deadline = deadlineOf(item);
  if (decision !== undefined) aggregate.decision = decision;
  if (deadline !== undefined) aggregate.deadline = deadline;
}

/**
 * The proposal with everything under it, from ONE Query on its partition (more pages only when
 * the partition exceeds 1 MB). Sort keys are zero-padded, so each list comes out in order.
 */
export async function getProposal(
  ctx: StoreContext,
  proposalId: string,
  consistent = false,
): Promise<ProposalAggregate | undefined> {
  const aggregate: MutableAggregate = { events: [], rounds: [], tokens: [], signals: [] };
  for (const item of await queryPartition(ctx, proposalPk(proposalId), { consistent }))
    addItem(aggregate, item);
  const { proposal, ...rest } = aggregate;
  return proposal === undefined ? undefined : { proposal, ...rest };
}

/** Where the list of proposals lives: gsi2 `PROPOSALS`, or one phase of it (a prefix). */
const proposalList = (phase: string | undefined) =>
  ({
    index: 'gsi2',
    partition: GSI2_PARTITION.proposals,
    prefix: phase === undefined ? undefined : proposalPhasePrefix(phase),
  }) as const;

/** All proposals' list entries from gsi2 `PROPOSALS` (by phase, then oldest first), or one phase's by prefix. */
export async function listProposals(ctx: StoreContext, phase?: string): Promise<ProposalListing[]> {
  return (await queryAll(ctx, keyCondition(proposalList(phase)))).map(listingOf);
}

/** The audit trail, oldest first, read consistently (the minutes must not miss the last event). */
export async function listEvents(ctx: StoreContext, proposalId: string): Promise<AuditEvent[]> {
  const items = await queryPartition(ctx, proposalPk(proposalId), { prefix: SK.event, consistent: true });
  return items.map((item) => recordOf<AuditEvent>(item));
}

/** The open deadlines of entries listed in gsi1 `DEADLINES` (each has one). */
const deadlinesOf = (items: readonly Item[]) =>
  items.map(deadlineOf).filter((deadline) => deadline !== undefined);

/** The decisions of entries listed in gsi2 `DECISIONS` (each has one). */
const decisionsOf = (items: readonly Item[]) =>
  items.map(decisionOf).filter((decision) => decision !== undefined);

/** Where the decision register lives: gsi2 `DECISIONS`, oldest first. */
const decisionList = { index: 'gsi2', partition: GSI2_PARTITION.decisions } as const;

/** Open deadlines from gsi1 `DEADLINES`, soonest first (the register entries' and older deadline items). */
export async function listDeadlines(ctx: StoreContext): Promise<DeadlineRecord[]> {
  return deadlinesOf(await queryGsi1(ctx, GSI1_PARTITION.deadlines));
}

/** The decision register from gsi2 `DECISIONS`, oldest first. */
export async function listDecisions(ctx: StoreContext): Promise<DecisionRecord[]> {
  return decisionsOf(await queryAll(ctx, keyCondition(decisionList)));
}

/**
 * A page of proposals' list entries from gsi2 `PROPOSALS`, of one phase (by prefix) and/or one
 * standard (filter). The index projects only the listed fields, a few hundred bytes a proposal, so
 * a page of 100 reads a few tens of KB.
 */
export async function pageProposals(
  ctx: StoreContext,
  filter: { readonly phase?: string | undefined; readonly standard?: string | undefined },
  page: PageRequest,
): Promise<Page<ProposalListing>> {
  const where = proposalList(filter.phase);
  const byStandard =
    filter.standard === undefined
      ? undefined
      : {
          FilterExpression: 'contains(#standards, :standard)',
          ExpressionAttributeNames: { '#standards': 'standards' },
          ExpressionAttributeValues: { ':standard': filter.standard },
        };
  const found = await queryPage(ctx, where, page, byStandard);
  return { items: found.items.map(listingOf), ...(found.next === undefined ? {} : { next: found.next }) };
}

/** A page of the open deadlines from gsi1 `DEADLINES`, soonest first. */
export async function pageDeadlines(ctx: StoreContext, page: PageRequest): Promise<Page<DeadlineRecord>> {
  const found = await queryPage(ctx, { index: 'gsi1', partition: GSI1_PARTITION.deadlines }, page);
  return { items: deadlinesOf(found.items), ...(found.next === undefined ? {} : { next: found.next }) };
}

/** A page of the decision register from gsi2 `DECISIONS`, oldest first. */
export async function pageDecisions(ctx: StoreContext, page: PageRequest): Promise<Page<DecisionRecord>> {
  const found = await queryPage(ctx, decisionList, page);
  return { items: decisionsOf(found.items), ...(found.next === undefined ? {} : { next: found.next }) };
}

/** A page of the audit trail, oldest first, read consistently (the minutes must not miss the last event). */
export async function pageEvents(
  ctx: StoreContext,
  proposalId: string,
  page: PageRequest,
): Promise<Page<AuditEvent>> {
  const where = {
    index: 'table',
    partition: proposalPk(proposalId),
    prefix: SK.event,
    consistent: true,
  } as const;
  return recordsOf(await queryPage(ctx, where, page));
}
