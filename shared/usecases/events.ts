/**
 * The event feed (GET /events): every audit event as a CloudEvent, oldest first, from a cursor on.
 * Also the reading side of webhook deliveries, so that a webhook and a poller see the same events
 * in the same order.
 */
import type { Clock } from '#shared/ports/clock.ts';
import {
  type EventFeedStore,
  type FeedEntry,
  type FeedPage,
  isMeetingEvent,
} from '#shared/ports/integrations.ts';
import { InvalidCursorError } from '#shared/ports/store-errors.ts';
import { type CloudEvent, cloudEventOf, meetingCloudEventOf } from '#shared/views/cloudevents.ts';
import type { Caller } from '#statemachines/proposal-lifecycle/events.ts';
import type { AppDeps } from './deps.ts';

/**
 * How old an event must be before the feed shows it. An event is stamped when its transition is
 * decided and stored a moment later; a younger one may still be committing with an earlier stamp
 * than one already visible. Waiting this long means a cursor never skips an event.
 */
export const FEED_SETTLE_MS = 5_000;

const POSITION = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z#[A-Za-z0-9_-]{1,64}#\d{10}$/;

/** A feed position as the API hands it out: opaque, URL-safe. */
export const cursorOf = (position: string): string => Buffer.from(position, 'utf8').toString('base64url');

/** The position a cursor stands for. @throws InvalidCursorError */
export function positionOf(cursor: string): string {
  const position = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!POSITION.test(position)) throw new InvalidCursorError();
  return position;
}

/** The newest position the feed may show now (see {@link FEED_SETTLE_MS}). */
export function settledUntil(now: Date): string {
  // '~' sorts after every character of an id and a version: all events of that millisecond.
  return `${new Date(now.getTime() - FEED_SETTLE_MS).toISOString()}#~`;
}

/** Whether `party` may read this event: today every party may read every proposal (DESIGN 5). */
export const mayRead = (_party: string, _event: FeedEntry['event']): boolean => true;

/** Reads settled feed entries after `after` (a position). */
export function readSettled(
  deps: { readonly store: Pick<EventFeedStore, 'readFeed'>; readonly clock: Clock },
  after: string | undefined,
  limit: number,
): Promise<FeedPage> {
  return deps.store.readFeed({
    ...(after === undefined ? {} : { after }),
    until: settledUntil(deps.clock.now()),
    limit,
  });
}

/** A feed entry as the CloudEvent a party receives. */
export const cloudEventOfEntry = (entry: FeedEntry, apiBaseUrl: string): CloudEvent =>
  isMeetingEvent(entry.event)
    ? meetingCloudEventOf(entry.event, cursorOf(entry.position), apiBaseUrl)
    : cloudEventOf(entry.event, cursorOf(entry.position), apiBaseUrl);

/** A page of the feed for the caller; `next` is where to continue (absent: nothing read yet). */
export async function listEvents(
  deps: AppDeps,
  caller: Caller,
  page: { readonly after?: string | undefined; readonly limit: number },
): Promise<{ events: CloudEvent[]; next?: string }> {
  const after = page.after === undefined ? undefined : positionOf(page.after);
  const read = await readSettled(deps, after, page.limit);
  const events = read.entries
    .filter((entry) => mayRead(caller.party, entry.event))
    .map((entry) => cloudEventOfEntry(entry, deps.apiBaseUrl));
  const last = read.last ?? after;
  return last === undefined ? { events } : { events, next: cursorOf(last) };
}
