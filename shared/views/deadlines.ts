/**
 * Open deadlines (art. 7.3, 7.4, 7.6): as JSON, and as an iCalendar feed (RFC 5545) that a party's
 * calendar subscribes to, one all-day event on each deadline's last day.
 */
import { createEvents, type EventAttributes } from 'ics';
import type { z } from 'zod';
import { amsterdamDateOf } from '#shared/covenant/index.ts';
import type { DeadlineRecord } from '#shared/ports/store.ts';
import type { DeadlineList } from '#shared/schemas/register.ts';

type Entry = z.infer<typeof DeadlineList>['deadlines'][number];

/** The phase a proposal is in while it waits on a deadline of this kind. */
const phaseOfDeadline = {
  arguments: 'awaiting-arguments',
  reconsideration: 'reconsideration',
  ministry: 'ministry',
} as const;

const whatIsDue = {
  arguments:
    'Written arguments and a solution or new proposal due (art. 7.3); otherwise the objection lapses',
  reconsideration: 'The steering group reconsiders the decision (art. 7.4)',
  ministry: 'VWS meets the parties involved (art. 7.6)',
} as const;

/** The open deadlines, soonest first, with whether each has passed. */
export function deadlinesView(records: readonly DeadlineRecord[], now: string): z.infer<typeof DeadlineList> {
  const deadlines = records.map(
    (d): Entry => ({
      proposalId: d.proposalId,
      title: d.title,
      kind: d.kind,
      due: d.due,
      lastDay: amsterdamDateOf(d.due),
      overdue: Date.parse(now) > Date.parse(d.due),
      phase: phaseOfDeadline[d.kind],
    }),
  );
  return { deadlines };
}

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
