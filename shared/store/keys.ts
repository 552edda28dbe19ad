// The key schema of the single table: every item's `pk`/`sk` and, where it is listed, its `gsi1`
// keys. Every key the code writes or queries is built here; shared/store/README.md documents them.
//
// Key parts are joined with `#`, so ids must not contain it (they are generated or come from the
// register). Numbers are zero-padded so that string order is numeric order.

import { createHash } from 'node:crypto';

/** A primary key of the table. (A type, not an interface, so it fits `Record<string, unknown>`.) */
export type TableKey = { readonly pk: string; readonly sk: string };

/** The keys of the one global secondary index, `gsi1`. */
export type Gsi1Key = { readonly gsi1pk: string; readonly gsi1sk: string };

/** The fixed `gsi1pk` partitions: each lists one kind of item across the table. */
export const GSI1_PARTITION = {
  proposals: 'PROPOSALS',
  signals: 'SIGNALS',
  deadlines: 'DEADLINES',
  decisions: 'DECISIONS',
  meetings: 'MEETINGS',
  withdrawals: 'WITHDRAWALS',
  releases: 'RELEASES',
  events: 'EVENTS',
  subscriptions: 'SUBSCRIPTIONS',
  covenantChanges: 'COVENANT_CHANGES',
  covenantNotices: 'COVENANT_NOTICES',
  datedEffects: 'DATED_EFFECTS',
} as const;

/** The `sk` of an item, or the prefix of its `sk` when a partition holds many of that kind. */
export const SK = {
  proposal: 'PROPOSAL',
  listing: 'LISTING',
  event: 'EVENT#',
  round: 'ROUND#',
  token: 'TOKEN#',
  signal: 'SIGNAL#',
  deadline: 'DEADLINE',
  decision: 'DECISION',
  meeting: 'MEETING',
  agenda: 'AGENDA#',
  withdrawal: 'WITHDRAWAL',
  openProposals: 'OPEN_PROPOSALS',
  idempotency: 'IDEMPOTENCY',
  mailbox: 'MAILBOX',
  sentMail: 'SENT',
  release: 'VERSION#',
  subscription: 'SUBSCRIPTION#',
  deadLetter: 'DEADLETTER#',
  calendar: 'CALENDAR#',
  redelivery: 'REDELIVERY#',
  covenantVersion: 'VERSION#',
  covenantChange: 'CHANGE',
  signature: 'SIGNATURE#',
  notice: 'NOTICE',
  datedEffect: 'EFFECT',
} as const;

/** Widths of the zero-padded numbers in sort keys. */
const VERSION_WIDTH = 10;
const ROUND_WIDTH = 4;

/** Zero-pads a non-negative integer to `width` digits; refuses what would not sort correctly. */
export function pad(value: number, width: number): string {
  if (!Number.isSafeInteger(value) || value < 0 || String(value).length > width) {
    throw new RangeError(`key number must be an integer from 0 to ${'9'.repeat(width)}, got ${value}`);
  }
  return String(value).padStart(width, '0');
}

/** Refuses an id that would break the `#`-joined key structure. */
function part(id: string): string {
  if (id === '' || id.includes('#'))
    throw new RangeError(`key part must be non-empty without '#', got '${id}'`);
  return id;
}

/** `PROPOSAL#<id>`: the partition holding a proposal and everything that belongs to it. */
export function proposalPk(proposalId: string): string {
  return `PROPOSAL#${part(proposalId)}`;
}

/** The proposal item (snapshot, version, public fields): `PROPOSAL#<id>` / `PROPOSAL`. */
export function proposalKey(proposalId: string): TableKey {
  return { pk: proposalPk(proposalId), sk: SK.proposal };
}

/**
 * The list entry an older version wrote beside the proposal item: `PROPOSAL#<id>` / `LISTING`.
 * No longer written (the proposal item is listed itself, in gsi2); `backfillLists` removes
 * those it finds (shared/store/README.md, "Older data").
 */
export function proposalListingKey(proposalId: string): TableKey {
  return { pk: proposalPk(proposalId), sk: SK.listing };
}

/**
 * An older version's key in the list of all proposals, on gsi1: `PROPOSALS` / `<phase>#<createdAt>#<id>`.
 * Only older items carry it (a list entry, or a proposal item written before list entries existed);
 * `backfillLists` moves them to gsi2.
 */
export function proposalGsi1(phase: string, createdAt: string, proposalId: string): Gsi1Key {
  return { gsi1pk: GSI1_PARTITION.proposals, gsi1sk: proposalListSortKey(phase, createdAt, proposalId) };
}

/** The keys of gsi2, the list of proposals (shared/store/table.ts, GSI2). */
export type Gsi2Key = { readonly gsi2pk: string; readonly gsi2sk: string };

/** The `gsi2pk` partitions: every proposal, and the decision register. */
export const GSI2_PARTITION = { proposals: 'PROPOSALS', decisions: 'DECISIONS' } as const;

const proposalListSortKey = (phase: string, createdAt: string, proposalId: string) =>
  `${part(phase)}#${createdAt}#${part(proposalId)}`;

/**
 * The proposal item in the list of all proposals: gsi2 `PROPOSALS` / `<phase>#<createdAt>#<id>`
 * (by phase, then age). gsi2 projects only the listed fields, so a list reads small entries.
 */
export function proposalListKey(phase: string, createdAt: string, proposalId: string): Gsi2Key {
  return { gsi2pk: GSI2_PARTITION.proposals, gsi2sk: proposalListSortKey(phase, createdAt, proposalId) };
}

/** The `gsi2sk` prefix selecting the proposals in one phase. */
export function proposalPhasePrefix(phase: string): string {
  return `${part(phase)}#`;
}

/**
 * An undelivered e-mail, an audit event after the transition that sent it:
 * `PROPOSAL#<id>` / `EVENT#<version, 10 digits>#MAIL#<step>#<kind>`.
 */
export function undeliveredMailKey(
  proposalId: string,
  version: number,
  step: string,
  kind: string,
): TableKey {
  return {
    pk: proposalPk(proposalId),
    sk: `${SK.event}${pad(version, VERSION_WIDTH)}#MAIL#${part(step)}#${part(kind)}`,
  };
}

/**
 * A mailbox's bounce or complaint: `MAILBOX#<sha-256 of the lower-cased address>` / `MAILBOX`
 * (an address may hold `#`; the hash keeps it out of the key).
 */
export function mailboxKey(address: string): TableKey {
  const hash = createHash('sha256').update(address.trim().toLowerCase()).digest('hex');
  return { pk: `MAILBOX#${hash}`, sk: SK.mailbox };
}

/**
 * An e-mail the API sent itself: `MAIL#<sha-256 of its Message-ID>` / `SENT` (a Message-ID holds
 * `@` and `<>`; the hash keeps it out of the key).
 */
export function sentMailKey(messageId: string): TableKey {
  return { pk: `MAIL#${createHash('sha256').update(messageId).digest('hex')}`, sk: SK.sentMail };
}

/** An audit event (append-only): `PROPOSAL#<id>` / `EVENT#<version, 10 digits>`. */
export function eventKey(proposalId: string, version: number): TableKey {
  return { pk: proposalPk(proposalId), sk: `${SK.event}${pad(version, VERSION_WIDTH)}` };
}

/**
 * An audit event in the feed of all events: `EVENTS` / `<at>#<proposalId>#<version, 10 digits>`,
 * in time order. The gsi1sk is the event's feed position (shared/ports/integrations.ts).
 */
export function eventGsi1(at: string, proposalId: string, version: number): Gsi1Key {
  return {
    gsi1pk: GSI1_PARTITION.events,
    gsi1sk: `${part(at)}#${part(proposalId)}#${pad(version, VERSION_WIDTH)}`,
  };
}

/** The steps of a meeting the feed shows, in the order they can happen (the last part of their feed position). */
export const MEETING_STEPS = { created: 1, 'attendance-recorded': 2, closed: 3 } as const;

/** A step of a meeting in the feed: `MEETING#<id>` / `EVENT#<at>#<step>` (append-only). */
export function meetingEventKey(meetingId: string, at: string, step: keyof typeof MEETING_STEPS): TableKey {
  return { pk: meetingPk(meetingId), sk: `${SK.event}${part(at)}#${step}` };
}

/** A meeting's step in the feed of all events: `EVENTS` / `<at>#<meetingId>#<step number, 10 digits>`. */
export function meetingEventGsi1(at: string, meetingId: string, step: keyof typeof MEETING_STEPS): Gsi1Key {
  return {
    gsi1pk: GSI1_PARTITION.events,
    gsi1sk: `${part(at)}#${part(meetingId)}#${pad(MEETING_STEPS[step], VERSION_WIDTH)}`,
  };
}

/** `PARTY#<party>`: the partition of a party's subscriptions, dead letters and calendars. */
export function partyPk(party: string): string {
  return `PARTY#${part(party)}`;
}

/** A webhook subscription: `PARTY#<party>` / `SUBSCRIPTION#<id>`. */
export function subscriptionKey(party: string, id: string): TableKey {
  return { pk: partyPk(party), sk: `${SK.subscription}${part(id)}` };
}

/** Every subscription, for the delivery worker: `SUBSCRIPTIONS` / `<createdAt>#<id>`. */
export function subscriptionGsi1(createdAt: string, id: string): Gsi1Key {
  return { gsi1pk: GSI1_PARTITION.subscriptions, gsi1sk: `${part(createdAt)}#${part(id)}` };
}

/** A dead letter: `PARTY#<party>` / `DEADLETTER#<subscription id>#<feed position>`. */
export function deadLetterKey(party: string, subscriptionId: string, position: string): TableKey {
  return { pk: partyPk(party), sk: `${SK.deadLetter}${part(subscriptionId)}#${position}` };
}

/** A party's request to redeliver dead letters: `PARTY#<party>` / `REDELIVERY#<subscription id>#<id>`. */
export function redeliveryKey(party: string, subscriptionId: string, id: string): TableKey {
  return { pk: partyPk(party), sk: `${SK.redelivery}${part(subscriptionId)}#${part(id)}` };
}

/** A secret calendar URL: `PARTY#<party>` / `CALENDAR#<id>`. */
export function calendarKey(party: string, id: string): TableKey {
  return { pk: partyPk(party), sk: `${SK.calendar}${part(id)}` };
}

/** A voting round: `PROPOSAL#<id>` / `ROUND#<round, 4 digits>`. */
export function roundKey(proposalId: string, round: number): TableKey {
  return { pk: proposalPk(proposalId), sk: `${SK.round}${pad(round, ROUND_WIDTH)}` };
}

/**
 * The partition of a proposal's superseded ballots, `PROPOSAL#<id>#BALLOTS`: apart from the
 * proposal's own, so that the Query that reads a proposal whole does not grow with vote changes.
 */
export function supersededBallotsPk(proposalId: string): string {
  return `${proposalPk(proposalId)}#BALLOTS`;
}

/**
 * A ballot a change replaced: `PROPOSAL#<id>#BALLOTS` / `ROUND#<round, 4 digits>#<party>#<its
 * number, 10 digits>` (its number in the party's ballots of the round: see RoundBallot). A ballot
 * given while another of the party's was written (`concurrent`: shared/store/voting.ts) has the
 * number of the ballot it followed and `#<at>#<id>` after it.
 */
export function supersededBallotKey(
  proposalId: string,
  round: number,
  party: string,
  ballotNumber: number,
  concurrent?: { readonly at: string; readonly id: string },
): TableKey {
  const sk = `${SK.round}${pad(round, ROUND_WIDTH)}#${part(party)}#${pad(ballotNumber, VERSION_WIDTH)}`;
  return {
    pk: supersededBallotsPk(proposalId),
    sk: concurrent === undefined ? sk : `${sk}#${part(concurrent.at)}#${part(concurrent.id)}`,
  };
}

/** A parked task token of the state entered at `version`: `PROPOSAL#<id>` / `TOKEN#<version, 10 digits>`. */
export function tokenKey(proposalId: string, version: number): TableKey {
  return { pk: proposalPk(proposalId), sk: `${SK.token}${pad(version, VERSION_WIDTH)}` };
}

/**
 * The outbox row of the transition leaving `fromVersion`, as older versions wrote it (now the audit
 * event carries the signal): `PROPOSAL#<id>` / `SIGNAL#<fromVersion, 10 digits>`.
 */
export function signalKey(proposalId: string, fromVersion: number): TableKey {
  return { pk: proposalPk(proposalId), sk: `${SK.signal}${pad(fromVersion, VERSION_WIDTH)}` };
}

/** The keys of the local stack's signals index (table.ts `SIGNALS_INDEX`). */
export type SignalListKey = { readonly signalpk: string; readonly signalsk: string };

/**
 * An undelivered signal in the local relay loop's list, oldest first: `SIGNALS` /
 * `<createdAt>#<id>#<fromVersion>`, sparse keys on the audit event that carries it.
 */
export function signalListKey(createdAt: string, proposalId: string, fromVersion: number): SignalListKey {
  return {
    signalpk: GSI1_PARTITION.signals,
    signalsk: `${createdAt}#${part(proposalId)}#${pad(fromVersion, VERSION_WIDTH)}`,
  };
}

/**
 * An outbox row an older version wrote in the relay's queue (gsi1 `SIGNALS`); read, never written
 * any more: `SIGNALS` / `<createdAt>#<id>#<fromVersion>`.
 */
export function signalGsi1(createdAt: string, proposalId: string, fromVersion: number): Gsi1Key {
  return {
    gsi1pk: GSI1_PARTITION.signals,
    gsi1sk: `${createdAt}#${part(proposalId)}#${pad(fromVersion, VERSION_WIDTH)}`,
  };
}

/**
 * The item an older version kept the proposal's open deadline in: `PROPOSAL#<id>` / `DEADLINE`.
 * No longer written (the register entry holds it); `backfillLists` moves such an item.
 */
export function deadlineKey(proposalId: string): TableKey {
  return { pk: proposalPk(proposalId), sk: SK.deadline };
}

/**
 * The open deadline in the list of open deadlines, soonest first: `DEADLINES` / `<due>#<id>`, on the
 * proposal's register entry ({@link decisionKey}); an older version wrote it on an item of its own.
 */
export function deadlineGsi1(due: string, proposalId: string): Gsi1Key {
  return { gsi1pk: GSI1_PARTITION.deadlines, gsi1sk: `${due}#${part(proposalId)}` };
}

/**
 * The proposal's register entry: `PROPOSAL#<id>` / `DECISION`. It holds the proposal's decision
 * (listed in gsi2 `DECISIONS`) and its open deadline (listed in gsi1 `DEADLINES`), each while there
 * is one: a transition that changes both writes one item (issue 16).
 */
export function decisionKey(proposalId: string): TableKey {
  return { pk: proposalPk(proposalId), sk: SK.decision };
}

/**
 * An older version's key of a decision in the register, on gsi1: `DECISIONS` / `<decidedAt>#<id>`.
 * `backfillLists` moves it to gsi2 ({@link decisionListKey}).
 */
export function decisionGsi1(decidedAt: string, proposalId: string): Gsi1Key {
  return { gsi1pk: GSI1_PARTITION.decisions, gsi1sk: `${decidedAt}#${part(proposalId)}` };
}

/**
 * The decision register, oldest first: gsi2 `DECISIONS` / `<decidedAt>#<id>`. gsi2 projects the
 * decision's fields, not the entry's deadline, so a deadline that changes leaves it as it is.
 */
export function decisionListKey(decidedAt: string, proposalId: string): Gsi2Key {
  return { gsi2pk: GSI2_PARTITION.decisions, gsi2sk: `${decidedAt}#${part(proposalId)}` };
}

/** `MEETING#<id>`: the partition holding a meeting and its agenda. */
export function meetingPk(meetingId: string): string {
  return `MEETING#${part(meetingId)}`;
}

/** A meeting: `MEETING#<id>` / `MEETING`. */
export function meetingKey(meetingId: string): TableKey {
  return { pk: meetingPk(meetingId), sk: SK.meeting };
}

/** The meeting in the list of meetings, by date: `MEETINGS` / `<date>#<id>`. */
export function meetingGsi1(date: string, meetingId: string): Gsi1Key {
  return { gsi1pk: GSI1_PARTITION.meetings, gsi1sk: `${date}#${part(meetingId)}` };
}

/** A proposal on a meeting's agenda: `MEETING#<id>` / `AGENDA#<proposalId>`. */
export function agendaKey(meetingId: string, proposalId: string): TableKey {
  return { pk: meetingPk(meetingId), sk: `${SK.agenda}${part(proposalId)}` };
}

/** How many open proposals a party has (issue 17, row 4): `PARTY#<id>` / `OPEN_PROPOSALS`. */
export function openProposalsKey(party: string): TableKey {
  return { pk: partyPk(party), sk: SK.openProposals };
}

/** A party's notice of withdrawal from the covenant (art. 10): `PARTY#<id>` / `WITHDRAWAL`. */
export function withdrawalKey(party: string): TableKey {
  return { pk: `PARTY#${part(party)}`, sk: SK.withdrawal };
}

/** The notice in the list of notices, by notice date: `WITHDRAWALS` / `<noticeOn>#<party>`. */
export function withdrawalGsi1(noticeOn: string, party: string): Gsi1Key {
  return { gsi1pk: GSI1_PARTITION.withdrawals, gsi1sk: `${noticeOn}#${part(party)}` };
}

/** `RELEASE#<standard>`: the partition holding one standard's release calendar. */
export function releaseCalendarPk(standard: string): string {
  return `RELEASE#${part(standard)}`;
}

/** A version's entry in the release calendar (DESIGN 2.4): `RELEASE#<standard>` / `VERSION#<version>`. */
export function releaseEntryKey(standard: string, version: string): TableKey {
  return { pk: releaseCalendarPk(standard), sk: `${SK.release}${part(version)}` };
}

/** The entry in the calendar of all standards, by date: `RELEASES` / `<implementationDate>#<standard>#<version>`. */
export function releaseEntryGsi1(implementationDate: string, standard: string, version: string): Gsi1Key {
  return {
    gsi1pk: GSI1_PARTITION.releases,
    gsi1sk: `${part(implementationDate)}#${part(standard)}#${part(version)}`,
  };
}

/**
 * An idempotency record: `IDEMPOTENCY#<callerParty>#<key>` / `IDEMPOTENCY`. The key comes last
 * and is the client's `Idempotency-Key` verbatim, so it may contain `#`; it must not be empty.
 */
export function idempotencyKey(party: string, key: string): TableKey {
  if (key === '') throw new RangeError('idempotency key must not be empty');
  return { pk: `IDEMPOTENCY#${part(party)}#${key}`, sk: SK.idempotency };
}

/** The partition of the covenant's versions (DESIGN 2.5). */
export const COVENANT_PK = 'COVENANT';

/** The latest covenant version's id: `COVENANT` / `HEAD` (two new versions at once cannot share an id). */
export function covenantHeadKey(): TableKey {
  return { pk: COVENANT_PK, sk: 'HEAD' };
}

/**
 * A covenant version: `COVENANT` / `VERSION#<effectiveOn>#<id, 6 digits>`. The version in force on
 * day D is the last `sk` up to `VERSION#<D>#~`: one Query, newest first, Limit 1.
 */
export function covenantVersionKey(effectiveOn: string, id: number): TableKey {
  return { pk: COVENANT_PK, sk: `${SK.covenantVersion}${part(effectiveOn)}#${pad(id, 6)}` };
}

/** A proposed covenant change: `COVENANT#CHANGE#<id>` / `CHANGE`; its signatures share the partition. */
export function covenantChangeKey(id: string): TableKey {
  return { pk: `COVENANT#CHANGE#${part(id)}`, sk: SK.covenantChange };
}

/** A signature under a change: `COVENANT#CHANGE#<id>` / `SIGNATURE#<party>`. */
export function changeSignatureKey(changeId: string, party: string): TableKey {
  return { pk: covenantChangeKey(changeId).pk, sk: `${SK.signature}${part(party)}` };
}

/** The change in the list of changes: `COVENANT_CHANGES` / `<proposedAt>#<id>`. */
export function covenantChangeGsi1(proposedAt: string, id: string): Gsi1Key {
  return { gsi1pk: GSI1_PARTITION.covenantChanges, gsi1sk: `${proposedAt}#${part(id)}` };
}

/** A notice under art. 12: `COVENANT#NOTICE#<id>` / `NOTICE`. */
export function covenantNoticeKey(id: string): TableKey {
  return { pk: `COVENANT#NOTICE#${part(id)}`, sk: SK.notice };
}

/** The notice in the list of notices: `COVENANT_NOTICES` / `<at>#<id>`. */
export function covenantNoticeGsi1(at: string, id: string): Gsi1Key {
  return { gsi1pk: GSI1_PARTITION.covenantNotices, gsi1sk: `${at}#${part(id)}` };
}

/** A dated effect (withdrawal, change, renewal reminder): `EFFECT#<id>` / `EFFECT`. */
export function datedEffectKey(id: string): TableKey {
  return { pk: `EFFECT#${part(id)}`, sk: SK.datedEffect };
}

/** The effect in the list of effects, soonest first: `DATED_EFFECTS` / `<dueOn>#<id>`. */
export function datedEffectGsi1(dueOn: string, id: string): Gsi1Key {
  return { gsi1pk: GSI1_PARTITION.datedEffects, gsi1sk: `${part(dueOn)}#${part(id)}` };
}
