// The store port of what parties' systems subscribe to: the event feed, webhook subscriptions with
// their dead letters, and secret calendar URLs. Interfaces only; the DynamoDB adapter is
// shared/store/event-feed.ts, subscriptions.ts and calendars.ts.
import type { AuditEvent } from './store.ts';

/** A step of a meeting, as the feed shows it beside the proposals' audit events. */
export interface MeetingEvent {
  readonly meetingId: string;
  readonly step: 'created' | 'attendance-recorded' | 'closed';
  readonly at: string;
  /** The meeting's date, `YYYY-MM-DD`. */
  readonly date: string;
}

/** An audit event (or a meeting's step) at its place in the feed of all events. */
export interface FeedEntry {
  /** Where it stands in the feed: opaque, ordered, the cursor that follows it. */
  readonly position: string;
  readonly event: AuditEvent | MeetingEvent;
}

/** Whether a feed entry is a meeting's step (the rest are proposals' audit events). */
export const isMeetingEvent = (event: FeedEntry['event']): event is MeetingEvent =>
  'meetingId' in event && 'step' in event;

/** A page of the feed; `last` is the position of its last entry (absent when empty). */
export interface FeedPage {
  readonly entries: readonly FeedEntry[];
  readonly last?: string;
}

/** The feed of every proposal's audit events, oldest first. */
export interface EventFeedStore {
  /**
   * At most `limit` entries after `after` (from the start without it) and not after `until`
   * (a position: entries younger than it may still be committing).
   */
  readFeed(options: {
    readonly after?: string;
    readonly until: string;
    readonly limit: number;
  }): Promise<FeedPage>;
}

/** A party's webhook subscription (DESIGN 5). */
export interface SubscriptionRecord {
  readonly id: string;
  readonly party: string;
  readonly url: string;
  /** The CloudEvents types it wants; absent: all. */
  readonly types?: readonly string[];
  /** The Standard Webhooks secret, `whsec_<base64>`: HMAC needs it, so it is kept (encrypted at rest). */
  readonly secret: string;
  readonly createdAt: string;
  /** The feed position of the last event handled (delivered, skipped or dead-lettered). */
  readonly cursor: string;
  /** While the head event fails: when it first failed, how often, and when to try again. */
  readonly failingSince?: string;
  readonly attempts?: number;
  readonly nextAttemptAt?: string;
  readonly lastError?: string;
}

/** A delivery given up after 24 hours of retries; the party sees it and may ask to redeliver it. */
export interface DeadLetterRecord {
  readonly subscriptionId: string;
  readonly party: string;
  /** The CloudEvent's id. */
  readonly eventId: string;
  /** Its feed position. */
  readonly position: string;
  /** The CloudEvent as it was sent (JSON): a redelivery sends the same bytes under the same id. */
  readonly body: string;
  readonly failedAt: string;
  readonly attempts: number;
  readonly lastError: string;
  /** `dead`, or `redeliver` once the party asked for another attempt. */
  readonly status: 'dead' | 'redeliver';
}

/** A party's request to deliver dead letters again (POST /subscriptions/{id}/redelivery), kept for its retries. */
export interface RedeliveryRecord {
  readonly id: string;
  readonly party: string;
  readonly subscriptionId: string;
  /** The event ids of the dead letters it queued. */
  readonly queued: readonly string[];
  readonly at: string;
}

/** Webhook subscriptions and their dead letters. */
export interface SubscriptionStore {
  putSubscription(subscription: SubscriptionRecord): Promise<void>;
  getSubscription(party: string, id: string): Promise<SubscriptionRecord | undefined>;
  /** A party's subscriptions, oldest first. */
  listSubscriptions(party: string): Promise<SubscriptionRecord[]>;
  /** Every party's subscriptions (the delivery worker), oldest first. */
  allSubscriptions(): Promise<SubscriptionRecord[]>;
  /** Deletes it with its dead letters; false when there was none. */
  deleteSubscription(party: string, id: string): Promise<boolean>;
  /**
   * Records how delivery went, only if the cursor is still `expectedCursor` (another worker did not
   * move it): the new cursor and failure fields (absent fields are removed). False when it moved.
   */
  updateDelivery(
    party: string,
    id: string,
    expectedCursor: string,
    next: Pick<SubscriptionRecord, 'cursor' | 'failingSince' | 'attempts' | 'nextAttemptAt' | 'lastError'>,
  ): Promise<boolean>;
  putDeadLetter(letter: DeadLetterRecord): Promise<void>;
  /** A subscription's dead letters, in feed order. */
  listDeadLetters(party: string, subscriptionId: string): Promise<DeadLetterRecord[]>;
  deleteDeadLetter(party: string, subscriptionId: string, position: string): Promise<void>;
  /**
   * Queues `letters` for another attempt (status `redeliver`) and keeps `redelivery`, in one
   * transaction with the request's writes (its Idempotency-Key's mark, `redelivery.id` as the id it
   * created). More letters than one transaction holds go first in transactions of their own.
   */
  queueRedelivery(redelivery: RedeliveryRecord, letters: readonly DeadLetterRecord[]): Promise<void>;
  /** A redelivery request kept by queueRedelivery (for a day), or undefined. */
  getRedelivery(party: string, subscriptionId: string, id: string): Promise<RedeliveryRecord | undefined>;
}

/** A party's secret calendar URL; only a hash of the secret is kept. */
export interface CalendarRecord {
  readonly id: string;
  readonly party: string;
  /** SHA-256 of the secret, hex. */
  readonly secretHash: string;
  readonly createdAt: string;
}

/** Secret calendar URLs. */
export interface CalendarStore {
  putCalendar(calendar: CalendarRecord): Promise<void>;
  /** A party's calendars, oldest first. */
  listCalendars(party: string): Promise<CalendarRecord[]>;
  /** Revokes it; false when there was none. */
  deleteCalendar(party: string, id: string): Promise<boolean>;
}

/** Everything above, as the one table keeps it. */
export interface IntegrationStore extends EventFeedStore, SubscriptionStore, CalendarStore {}
