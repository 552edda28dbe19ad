/**
 * The release calendar (DESIGN 2.4): ZIN records an implementation date agreed before this system
 * existed; anyone reads the calendar; the objection guard reads the entries of a proposal's
 * standards (the blackout of art. 7.4). Entries from decisions in force are written by the
 * transition that puts them in force (putReleaseEntryWrite in shared/store/release-calendar.ts).
 */

import { objectionBlackout } from '#shared/covenant/deadlines.ts';
import {
  type CalendarBlackout,
  checkReleaseDates,
  findBlackout,
  RELEASE_STANDARDS,
  type ReleaseCalendarEntry,
  type ReleaseDates,
  ReleaseEntryExistsError,
} from '#shared/covenant/release-calendar.ts';
import type { ReleaseCalendarStore, ReleaseEntryRecord } from '#shared/ports/store.ts';
import { type AppDeps, nowOf } from './deps.ts';
import { requestRef } from './ids.ts';

/** An entry as the API shows it: with the first day of its objection blackout, without the request. */
export function releaseEntryView(record: ReleaseEntryRecord) {
  const { request: _request, ...entry } = record;
  return { ...entry, blackoutFrom: objectionBlackout(record.implementationDate).from };
}

/**
 * Records an implementation date agreed before this system existed (source `recorded`). A version
 * is recorded once; a retry of the request that recorded it (same Idempotency-Key) answers with it.
 * @throws InvalidReleaseEntryError, StrategyDeadlineError (art. 7.4), ReleaseEntryExistsError
 */
export async function recordReleaseEntry(
  deps: AppDeps,
  input: ReleaseDates,
  by: { readonly party: string },
  idempotencyKey?: string,
): Promise<ReleaseEntryRecord> {
  const dates = checkReleaseDates(input);
  const request = idempotencyKey === undefined ? undefined : requestRef(by.party, idempotencyKey);
  const entry: ReleaseEntryRecord = {
    ...dates,
    source: 'recorded',
    recordedAt: nowOf(deps),
    recordedBy: by.party,
    ...(request === undefined ? {} : { request }),
  };
  const earlier = await deps.store.addReleaseEntry(entry);
  if (!earlier) return entry;
  if (request !== undefined && earlier.request === request) return earlier;
  throw new ReleaseEntryExistsError(releaseEntryView(earlier));
}

/** The calendar of one standard, or of all, by implementation date. */
export async function getReleaseCalendar(deps: AppDeps, standard?: string) {
  const records = await deps.store.listReleaseCalendar(standard === undefined ? {} : { standard });
  return { entries: records.map(releaseEntryView) };
}

/**
 * The calendar entries of `standards`, for the objection guard: one consistent Query per standard
 * (at most three), so an entry written a moment ago by a decision coming into force is seen.
 * Standards the calendar does not know are skipped.
 */
export async function calendarEntriesFor(
  store: Pick<ReleaseCalendarStore, 'listReleaseCalendar'>,
  standards: readonly string[],
): Promise<ReleaseCalendarEntry[]> {
  const known = RELEASE_STANDARDS.filter((standard) => standards.includes(standard));
  const calendars = await Promise.all(
    known.map((standard) => store.listReleaseCalendar({ standard }, { consistent: true })),
  );
  return calendars.flat().map(({ request: _request, recordedBy: _by, ...entry }) => entry);
}

/**
 * The calendar entry that shuts out, at `at`, an objection to implementing a new version of one
 * of `standards` (art. 7.4, last sentence; see findBlackout), or undefined.
 */
export async function releaseBlackoutFor(
  store: Pick<ReleaseCalendarStore, 'listReleaseCalendar'>,
  standards: readonly string[],
  at: string,
): Promise<CalendarBlackout | undefined> {
  return findBlackout(await calendarEntriesFor(store, standards), standards, at);
}
