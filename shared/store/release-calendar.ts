// The release calendar (DESIGN 2.4): one partition per standard, one item per version, and the
// gsi1 list `RELEASES` of every standard by implementation date. A decision's entry is written in
// its transition: putReleaseEntryWrite in transition-writes.ts.
import { compareEntries, RELEASE_STANDARDS } from '#shared/covenant/release-calendar.ts';
import type { AgreedImplementation, ReleaseEntryRecord } from '#shared/ports/store.ts';
import { putIfAbsent, queryGsi1, queryPartition, type StoreContext } from './context.ts';
import { recordOf, releaseEntryItem } from './items.ts';
import { GSI1_PARTITION, releaseCalendarPk } from './keys.ts';

/**
 * Records the entry unless its (standard, version) is in the calendar: of two writers at the same
 * moment exactly one succeeds. Returns the entry recorded before, if any (then nothing changed).
 */
export async function addReleaseEntry(
  ctx: StoreContext,
  entry: ReleaseEntryRecord,
): Promise<ReleaseEntryRecord | undefined> {
  const earlier = await putIfAbsent(ctx, releaseEntryItem(entry));
  return earlier === undefined ? undefined : recordOf<ReleaseEntryRecord>(earlier);
}

/**
 * The calendar of one standard (a Query on `RELEASE#<standard>`, consistent if asked) or of all
 * standards (gsi1 `RELEASES`), by implementation date, then standard, then version.
 */
export async function listReleaseCalendar(
  ctx: StoreContext,
  standard: string | undefined,
  consistent = false,
): Promise<ReleaseEntryRecord[]> {
  const items =
    standard === undefined
      ? await queryGsi1(ctx, GSI1_PARTITION.releases)
      : await queryPartition(ctx, releaseCalendarPk(standard), { consistent });
  // The partition sorts by version as text (3.10 before 3.9): sort by date like the index does.
  return items.map((item) => recordOf<ReleaseEntryRecord>(item)).sort(compareEntries);
}

/**
 * The agreed implementation dates of `standards`, for the objection blackout of art. 7.4: one
 * consistent Query per standard (at most three), so an entry that a decision wrote as it came into
 * force a moment ago is seen. Standards the calendar does not know are skipped.
 */
export async function agreedImplementations(
  ctx: StoreContext,
  standards: readonly string[],
): Promise<AgreedImplementation[]> {
  const known = RELEASE_STANDARDS.filter((standard) => standards.includes(standard));
  const calendars = await Promise.all(known.map((standard) => listReleaseCalendar(ctx, standard, true)));
  return calendars
    .flat()
    .map(({ standard, version, implementationDate }) => ({ standard, version, implementationDate }));
}
