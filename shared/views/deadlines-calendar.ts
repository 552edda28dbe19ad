/**
 * Open deadlines as an iCalendar feed (RFC 5545) that a party's calendar subscribes to, one all-day
 * event on each deadline's last day. Apart from deadlines.ts because the iCalendar library (with
 * its validator) belongs only in the bundle of the handler that serves the feed.
 */
import { createEvents, type EventAttributes } from 'ics';
import { amsterdamDateOf } from '#shared/covenant/index.ts';
import type { DeadlineRecord } from '#shared/ports/store.ts';
import { whatIsDue } from './deadlines.ts';

const dateArray = (date: string): [number, number, number] => {
  const [y, m, d] = date.split('-').map(Number);
  return [y ?? 0, m ?? 0, d ?? 0];
};

const dayAfter = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * The iCalendar feed: one VEVENT per open deadline. The UID is the proposal and the deadline's
 * kind — a proposal has at most one deadline of each kind — so calendars update, not duplicate.
 * @param stamp the DTSTAMP of the feed (the clock's now)
 */
export function deadlinesCalendar(
  records: readonly DeadlineRecord[],
  apiBaseUrl: string,
  stamp: Date,
): string {
  const events = records.map((d): EventAttributes & { timestamp: number } => {
    const lastDay = amsterdamDateOf(d.due);
    const url = `${apiBaseUrl}/proposals/${encodeURIComponent(d.proposalId)}`;
    return {
      uid: `${d.proposalId}.${d.kind}@besluitvorming.istandaarden.example`,
      start: dateArray(lastDay),
      end: dateArray(dayAfter(lastDay)),
      title: `Deadline (${d.kind}): ${d.title}`,
      description: `${whatIsDue[d.kind]}. Due by the end of ${lastDay} (Europe/Amsterdam), ${d.due}. ${url}`,
      url,
      timestamp: stamp.getTime(),
    };
  });
  const { error, value } = createEvents(events, {
    productId: 'besluitvorming-istandaarden/deadlines',
    calName: 'Deadlines Stuurgroep iStandaarden sociaal domein',
  });
  if (error || value === null) throw error ?? new Error('the iCalendar feed could not be built');
  return value;
}
