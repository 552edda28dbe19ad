// Records ↔ items: an item is its record plus its keys. Pure functions, no AWS imports.
import type {
  AgendaEntry,
  AuditEvent,
  DeadlineRecord,
  DecisionRecord,
  MeetingRecord,
  ParkedTaskToken,
  ProposalListing,
  ProposalRecord,
  ReleaseEntryRecord,
  SignalRecord,
  TransitionSignal,
  VotingRound,
  WithdrawalNotice,
} from '#shared/ports/store.ts';
import {
  agendaKey,
  deadlineGsi1,
  deadlineKey,
  decisionKey,
  decisionListKey,
  eventGsi1,
  eventKey,
  meetingGsi1,
  meetingKey,
  proposalKey,
  proposalListKey,
  releaseEntryGsi1,
  releaseEntryKey,
  roundKey,
  SK,
  signalGsi1,
  signalKey,
  signalListKey,
  tokenKey,
  withdrawalGsi1,
  withdrawalKey,
} from './keys.ts';
import { decodeSnapshot, encodeSnapshot, SNAPSHOT_ATTRIBUTE, TALLY_ATTRIBUTE } from './snapshot-codec.ts';

/** An item as the document client reads and writes it. */
export type Item = Record<string, unknown>;

const KEY_ATTRIBUTES = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'signalpk', 'signalsk']);

/**
 * Drops `undefined` values at any depth. The document client refuses them unless it was built
 * with `removeUndefinedValues`, and the client is injected, so we do not rely on that option.
 */
export function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutUndefined) as T;
  if (!isPlainObject(value)) return value; // numbers, strings, Sets, binary: as they are
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return Object.fromEntries(entries.map(([k, v]) => [k, withoutUndefined(v)])) as T;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * The record stored in an item: the item without its key attributes. A closed round's tally is
 * stored compressed ({@link TALLY_ATTRIBUTE}) and read back as `tally`; a round closed by an
 * older version keeps a plain `tally`, read as it is.
 */
export function recordOf<T>(item: Item): T {
  const record: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) {
    if (KEY_ATTRIBUTES.has(name)) continue;
    if (name === TALLY_ATTRIBUTE) record.tally = decodeSnapshot(value as Uint8Array);
    else record[name] = value;
  }
  return record as T;
}

/** The snapshot as items written before it was compressed kept it (a map): still read. */
const PLAIN_SNAPSHOT_ATTRIBUTE = 'snapshot';

/**
 * The proposal item: the record with its snapshot compressed (snapshot-codec.ts), listed in gsi2
 * `PROPOSALS`, which projects only the {@link LISTED_FIELDS}: the lists never read the snapshot.
 */
export function proposalItem(proposal: ProposalRecord): Item {
  // `parked` is what a read found beside the proposal (its own TOKEN item), never an attribute.
  const { snapshot, parked: _parked, latestRound: _latestRound, ...rest } = proposal;
  return withoutUndefined({
    ...proposalKey(proposal.id),
    ...proposalListKey(proposal.phase, proposal.createdAt, proposal.id),
    ...rest,
    [SNAPSHOT_ATTRIBUTE]: encodeSnapshot(withoutUndefined(snapshot)),
  });
}

/** The proposal record of a proposal item, compressed snapshot or (older items) plain. */
export function proposalRecordOf(item: Item): ProposalRecord {
  const { [SNAPSHOT_ATTRIBUTE]: compressed, ...rest } = recordOf<Record<string, unknown>>(item);
  if (compressed === undefined) return rest as unknown as ProposalRecord;
  return {
    ...rest,
    [PLAIN_SNAPSHOT_ATTRIBUTE]: decodeSnapshot(compressed as Uint8Array),
  } as unknown as ProposalRecord;
}

/** The fields a list page shows of a proposal: what gsi2 projects of the proposal item. */
export const LISTED_FIELDS = [
  'id',
  'title',
  'standards',
  'kind',
  'implementationDate',
  'standardVersion',
  'submittedBy',
  'meetingId',
  'phase',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof ProposalRecord & keyof ProposalListing)[];

/** The listed fields of a record or of an entry of gsi2 `PROPOSALS` (its keys left out). */
export function listingOf(source: object): ProposalListing {
  const fields = source as Readonly<Record<string, unknown>>;
  const listing: Record<string, unknown> = {};
  for (const field of LISTED_FIELDS) if (fields[field] !== undefined) listing[field] = fields[field];
  return listing as unknown as ProposalListing;
}

/** The signal an audit event carries to the workflow (DESIGN 3.2), and who relays it. */
export interface CarriedSignal {
  readonly signal: TransitionSignal;
  /** Its own task takes it (a deadline's): no relay sends it, it is kept for that task's retry. */
  readonly takenByTask?: boolean;
  /** In the local relay loop's list (table.ts `SIGNALS_INDEX`): a store with `listSignals`. */
  readonly listed?: boolean;
}

/**
 * An audit event item (listed in gsi1 `EVENTS`: the feed of parties' systems), with the signal of
 * its transition when it has one: the outbox of DESIGN 3.2 without an item of its own.
 */
export function eventItem(event: AuditEvent, carried?: CarriedSignal): Item {
  const fromVersion = event.version - 1;
  const listed = carried?.listed === true && carried.takenByTask !== true;
  return withoutUndefined({
    ...eventKey(event.proposalId, event.version),
    ...eventGsi1(event.at, event.proposalId, event.version),
    ...(listed ? signalListKey(event.at, event.proposalId, fromVersion) : {}),
    ...event,
    ...(carried ? { signal: carried.signal } : {}),
    ...(carried?.takenByTask ? { signalTakenByTask: true } : {}),
  });
}

/**
 * The signal an item holds: the one an audit event carries (not one its own task takes, unless
 * `taken`), or an older version's outbox row (`SIGNAL#`); undefined for any other item.
 */
export function signalRecordOf(
  item: Item,
  options: { readonly taken?: boolean } = {},
): SignalRecord | undefined {
  const sk = String(item.sk);
  if (sk.startsWith(SK.signal)) return { ...recordOf<SignalRecord>(item), stored: 'row' };
  const carried = item.signal as TransitionSignal | undefined;
  if (!sk.startsWith(SK.event) || carried === undefined) return undefined;
  if (item.signalTakenByTask === true && options.taken !== true) return undefined;
  return {
    proposalId: String(item.proposalId),
    fromVersion: Number(item.version) - 1,
    signal: carried,
    createdAt: String(item.at),
  };
}

/** A voting round item. */
export function roundItem(round: VotingRound): Item {
  return withoutUndefined({ ...roundKey(round.proposalId, round.round), ...round });
}

/** A parked task token item. */
export function tokenItem(token: ParkedTaskToken): Item {
  return withoutUndefined({ ...tokenKey(token.proposalId, token.version), ...token });
}

/** An outbox row as older versions wrote it (listed in gsi1 `SIGNALS`): tests of reading older data. */
export function signalItem(signal: SignalRecord, options: { readonly listed?: boolean } = {}): Item {
  return withoutUndefined({
    ...signalKey(signal.proposalId, signal.fromVersion),
    // Unlisted: a row its own task takes (a deadline's), which the relay loop could not deliver.
    ...(options.listed === false ? {} : signalGsi1(signal.createdAt, signal.proposalId, signal.fromVersion)),
    ...signal,
  });
}

/** The attribute of the register entry that holds the open deadline (a map: the record without `proposalId`). */
export const DEADLINE_ATTRIBUTE = 'deadline';

/** The fields of a decision, the register entry's own attributes; gsi2 projects them. */
export const DECISION_FIELDS = [
  'proposalId',
  'title',
  'standards',
  'outcome',
  'via',
  'text',
  'decidedAt',
  'inForce',
  'meetingId',
  'objection',
  'covenantVersion',
] as const satisfies readonly (keyof DecisionRecord)[];

/** A deadline item as an older version wrote it (listed in gsi1 `DEADLINES`): tests and the backfill. */
export function deadlineItem(deadline: DeadlineRecord): Item {
  return withoutUndefined({
    ...deadlineKey(deadline.proposalId),
    ...deadlineGsi1(deadline.due, deadline.proposalId),
    ...deadline,
  });
}

/** The register entry holding only a decision (listed in gsi2 `DECISIONS`). */
export function decisionItem(decision: DecisionRecord): Item {
  return withoutUndefined({
    ...decisionKey(decision.proposalId),
    ...decisionListKey(decision.decidedAt, decision.proposalId),
    ...decision,
  });
}

/** The open deadline as the register entry holds it (the map of {@link DEADLINE_ATTRIBUTE}). */
export function deadlineAttribute(deadline: DeadlineRecord): Record<string, unknown> {
  const { proposalId: _id, ...rest } = deadline;
  return withoutUndefined(rest);
}

/** The decision of a register entry (or of its gsi2 entry), if it has one. */
export function decisionOf(item: Item): DecisionRecord | undefined {
  if (item.outcome === undefined) return undefined;
  const { [DEADLINE_ATTRIBUTE]: _deadline, ...decision } = recordOf<Record<string, unknown>>(item);
  return decision as unknown as DecisionRecord;
}

/**
 * The open deadline of an entry of gsi1 `DEADLINES` or of the proposal's partition: the register
 * entry's deadline, or (an older version's) a deadline item of its own.
 */
export function deadlineOf(item: Item): DeadlineRecord | undefined {
  if (item.sk === SK.deadline) return recordOf<DeadlineRecord>(item);
  const deadline = item[DEADLINE_ATTRIBUTE] as Record<string, unknown> | undefined;
  if (deadline === undefined) return undefined;
  return { proposalId: String(item.pk).slice('PROPOSAL#'.length), ...deadline } as unknown as DeadlineRecord;
}

/** A meeting item (listed in gsi1 `MEETINGS`). */
export function meetingItem(meeting: MeetingRecord): Item {
  return withoutUndefined({
    ...meetingKey(meeting.id),
    ...meetingGsi1(meeting.date, meeting.id),
    ...meeting,
  });
}

/** An agenda entry item. */
export function agendaItem(entry: AgendaEntry): Item {
  return withoutUndefined({ ...agendaKey(entry.meetingId, entry.proposalId), ...entry });
}

/** A withdrawal notice item (listed in gsi1 `WITHDRAWALS`). */
export function withdrawalItem(notice: WithdrawalNotice): Item {
  return withoutUndefined({
    ...withdrawalKey(notice.party),
    ...withdrawalGsi1(notice.noticeOn, notice.party),
    ...notice,
  });
}

/** A release calendar entry item (listed in gsi1 `RELEASES`). */
export function releaseEntryItem(entry: ReleaseEntryRecord): Item {
  return withoutUndefined({
    ...releaseEntryKey(entry.standard, entry.version),
    ...releaseEntryGsi1(entry.implementationDate, entry.standard, entry.version),
    ...entry,
  });
}
