// Records ↔ items: an item is its record plus its keys. Pure functions, no AWS imports.
import type {
  AgendaEntry,
  AuditEvent,
  DeadlineRecord,
  DecisionRecord,
  MeetingRecord,
  ParkedTaskToken,
  ProposalRecord,
  ReleaseEntryRecord,
  SignalRecord,
  VotingRound,
  WithdrawalNotice,
} from '#shared/ports/store.ts';
import {
  agendaKey,
  deadlineGsi1,
  deadlineKey,
  decisionGsi1,
  decisionKey,
  eventGsi1,
  eventKey,
  meetingGsi1,
  meetingKey,
  proposalGsi1,
  proposalKey,
  releaseEntryGsi1,
  releaseEntryKey,
  roundKey,
  signalGsi1,
  signalKey,
  tokenKey,
  withdrawalGsi1,
  withdrawalKey,
} from './keys.ts';

/** An item as the document client reads and writes it. */
export type Item = Record<string, unknown>;

const KEY_ATTRIBUTES = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk']);

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

/** The record stored in an item: the item without its key attributes. */
export function recordOf<T>(item: Item): T {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !KEY_ATTRIBUTES.has(name))) as T;
}

/** The proposal item (listed in gsi1 `PROPOSALS`). */
export function proposalItem(proposal: ProposalRecord): Item {
  return withoutUndefined({
    ...proposalKey(proposal.id),
    ...proposalGsi1(proposal.phase, proposal.createdAt, proposal.id),
    ...proposal,
  });
}

/** An audit event item (listed in gsi1 `EVENTS`: the feed of parties' systems). */
export function eventItem(event: AuditEvent): Item {
  return withoutUndefined({
    ...eventKey(event.proposalId, event.version),
    ...eventGsi1(event.at, event.proposalId, event.version),
    ...event,
  });
}

/** A voting round item. */
export function roundItem(round: VotingRound): Item {
  return withoutUndefined({ ...roundKey(round.proposalId, round.round), ...round });
}

/** A parked task token item. */
export function tokenItem(token: ParkedTaskToken): Item {
  return withoutUndefined({ ...tokenKey(token.proposalId, token.version), ...token });
}

/** A signal item (listed in gsi1 `SIGNALS`). */
export function signalItem(signal: SignalRecord): Item {
  return withoutUndefined({
    ...signalKey(signal.proposalId, signal.fromVersion),
    ...signalGsi1(signal.createdAt, signal.proposalId, signal.fromVersion),
    ...signal,
  });
}

/** A deadline item (listed in gsi1 `DEADLINES`). */
export function deadlineItem(deadline: DeadlineRecord): Item {
  return withoutUndefined({
    ...deadlineKey(deadline.proposalId),
    ...deadlineGsi1(deadline.due, deadline.proposalId),
    ...deadline,
  });
}

/** A decision register item (listed in gsi1 `DECISIONS`). */
export function decisionItem(decision: DecisionRecord): Item {
  return withoutUndefined({
    ...decisionKey(decision.proposalId),
    ...decisionGsi1(decision.decidedAt, decision.proposalId),
    ...decision,
  });
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
