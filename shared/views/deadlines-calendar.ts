/**
 * Deadlines and meetings as an iCalendar feed (RFC 5545) that a party's calendar subscribes to:
 * one all-day event on each deadline's last day and on each meeting's date, each with reminders
 * (VALARM), folded by octets. Apart from deadlines.ts because the iCalendar library (with its
 * validator) belongs only in the bundles of the handlers that serve a feed. The texts are the
 * message catalogue's: Dutch unless the request asks for English.
 */
import { type Alarm, createEvents, type EventAttributes } from 'ics';
import { amsterdamDateOf } from '#shared/covenant/index.ts';
import { type CalendarText, calendarTextsFor, type Language } from '#shared/messages/index.ts';
import type { DeadlineRecord, MeetingRecord } from '#shared/ports/store.ts';
import { foldByOctets } from './ical-fold.ts';

const UID_DOMAIN = 'besluitvorming.istandaarden.example';

const dateArray = (date: string): [number, number, number] => {
  const [y, m, d] = date.split('-').map(Number);
  return [y ?? 0, m ?? 0, d ?? 0];
};

const dayAfter = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** An event with its DTSTAMP (the library reads `timestamp`; its types leave it out). */
type Stamped = EventAttributes & { timestamp: number };

/** A reminder `days` before the start of an all-day event. */
const reminder = (days: number, description: string): Alarm => ({
  action: 'display',
  description,
  trigger: { days, before: true },
});

function deadlineEvent(t: CalendarText, d: DeadlineRecord, apiBaseUrl: string, stamp: Date): Stamped {
  const lastDay = amsterdamDateOf(d.due);
  const url = `${apiBaseUrl}/proposals/${encodeURIComponent(d.proposalId)}`;
  const title = t.deadlineTitle(d.kind, d.title);
  return {
    uid: `${d.proposalId}.${d.kind}@${UID_DOMAIN}`,
    start: dateArray(lastDay),
    end: dateArray(dayAfter(lastDay)),
    title,
    description: t.deadlineDescription(d.kind, lastDay, d.due, url),
    url,
    timestamp: stamp.getTime(),
    alarms: [reminder(7, t.inAWeek(title)), reminder(1, t.tomorrow(title))],
  };
}

function meetingEvent(t: CalendarText, m: MeetingRecord, apiBaseUrl: string, stamp: Date): Stamped {
  const url = `${apiBaseUrl}/meetings/${encodeURIComponent(m.id)}`;
  const title = t.meetingTitle(m.title);
  return {
    uid: `${m.id}.meeting@${UID_DOMAIN}`,
    start: dateArray(m.date),
    end: dateArray(dayAfter(m.date)),
    title,
    description: t.meetingDescription(m.status === 'closed', url),
    url,
    timestamp: stamp.getTime(),
    alarms: [reminder(1, t.tomorrow(title))],
  };
}

/** What a calendar feed shows. */
export interface CalendarContents {
  readonly deadlines: readonly DeadlineRecord[];
  readonly meetings?: readonly MeetingRecord[];
}

/**
 * The iCalendar feed. A UID is the proposal and the deadline's kind (a proposal has at most one
 * deadline of each kind) or the meeting, so calendars update, not duplicate.
 * @param stamp the DTSTAMP of the feed (the clock's now)
 * @param language the language of the texts (Dutch by default)
 */
export function calendarFeed(
  contents: CalendarContents,
  apiBaseUrl: string,
  stamp: Date,
  language: Language = 'nl',
): string {
  const t = calendarTextsFor(language);
  const events = [
    ...(contents.meetings ?? []).map((m) => meetingEvent(t, m, apiBaseUrl, stamp)),
    ...contents.deadlines.map((d) => deadlineEvent(t, d, apiBaseUrl, stamp)),
  ];
  const { error, value } = createEvents(events, {
    productId: 'besluitvorming-istandaarden/calendar',
    calName: t.name,
  });
  if (error || value === null) throw error ?? new Error('the iCalendar feed could not be built');
  // The library folds by characters; RFC 5545 3.1 counts octets.
  return foldByOctets(value);
}

/** Open deadlines alone as an iCalendar feed (`GET /deadlines.ics`). */
export function deadlinesCalendar(
  records: readonly DeadlineRecord[],
  apiBaseUrl: string,
  stamp: Date,
  language: Language = 'nl',
): string {
  return calendarFeed({ deadlines: records }, apiBaseUrl, stamp, language);
}
