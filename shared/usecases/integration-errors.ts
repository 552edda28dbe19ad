/** Errors of the event feed, webhook subscriptions and calendars (shared/http/problems.ts maps them). */

/** No subscription with this id for the caller's party (404). */
export class SubscriptionNotFoundError extends Error {
  constructor(readonly subscriptionId: string) {
    super(`your party has no subscription ${subscriptionId}`);
    this.name = 'SubscriptionNotFoundError';
  }
}

/** No calendar with this id for the caller's party, or a calendar URL whose secret is unknown or revoked (404). */
export class CalendarNotFoundError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'CalendarNotFoundError';
  }
}

/** A webhook URL the system will not call (400). */
export class WebhookUrlRefusedError extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`url ${reason}`);
    this.name = 'WebhookUrlRefusedError';
  }
}
