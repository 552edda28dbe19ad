/**
 * The release calendar (DESIGN 2.4): ZIN records an implementation date agreed before this system
 * existed; anyone reads the calendar. The objection guard reads a proposal's standards' entries
 * through the store's `agreedImplementations` (the blackout of art. 7.4); entries from decisions are
 * written by the transition that puts them in force (putReleaseEntryWrite, transition-writes.ts).
 */

import { objectionBlackout } from '#shared/covenant/deadlines.ts';
import {
  checkReleaseDates,
  type ReleaseDates,
  ReleaseEntryExistsError,
} from '#shared/covenant/release-calendar.ts';
import type { ReleaseEntryRecord } from '#shared/ports/store.ts';
import { type AppDeps, nowOf } from './deps.ts';

/** An entry as the API shows it: with the first day of its objection blackout. */
export function releaseEntryView(record: ReleaseEntryRecord) {
  // Entries written before the Idempotency-Key record kept the request in `request`: never shown.
  const { request: _request, ...entry } = record as ReleaseEntryRecord & { readonly request?: string };
  return { ...entry, blackoutFrom: objectionBlackout(record.implementationDate).from };
}

/**
 * Records an implementation date agreed before this system existed (source `recorded`). A version
 * is recorded once; a resumed request (its first attempt recorded it) answers with it.
 * @throws InvalidReleaseEntryError, StrategyDeadlineError (art. 7.4), ReleaseEntryExistsError
 */
export async function recordReleaseEntry(
  deps: AppDeps,
  input: ReleaseDates,
  by: { readonly party: string },
): Promise<ReleaseEntryRecord> {
  const dates = checkReleaseDates(input);
  const entry: ReleaseEntryRecord = {
    ...dates,
    source: 'recorded',
    recordedAt: nowOf(deps),
    recordedBy: by.party,
  };
  const earlier = await deps.store.addReleaseEntry(entry);
  if (!earlier) return entry;
  if (deps.resumed) return earlier;
  throw new ReleaseEntryExistsError(releaseEntryView(earlier));
}

/** The calendar of one standard, or of all, by implementation date. */
export async function getReleaseCalendar(deps: AppDeps, standard?: string) {
  const records = await deps.store.listReleaseCalendar(standard === undefined ? {} : { standard });
  return { entries: records.map(releaseEntryView) };
}
