/**
 * Subscribable calendars (DESIGN 5): a party creates a secret URL that calendar apps fetch without
 * a token (`/calendars/{party}/{secret}.ics`), and revokes it. Only a hash of the secret is kept:
 * whoever reads the table cannot rebuild a URL.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { calendarFeed } from '#shared/views/deadlines-calendar.ts';
import type { Caller } from '#statemachines/proposal-lifecycle/events.ts';
import { type AppDeps, nowOf } from './deps.ts';
import { idSuffix } from './ids.ts';
import { CalendarNotFoundError } from './integration-errors.ts';

const hashOf = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');

/** The secret part of a calendar URL's last segment: 43 base64url characters (256 bits), then `.ics`. */
const FILE = /^([A-Za-z0-9_-]{43})\.ics$/;

/** The secret URL of a calendar. */
export const calendarUrl = (apiBaseUrl: string, party: string, secret: string): string =>
  `${apiBaseUrl}/calendars/${encodeURIComponent(party)}/${secret}.ics`;

/** Creates a secret calendar URL for the caller's party; the URL is shown this once. */
export async function createCalendar(
  deps: AppDeps,
  caller: Caller,
): Promise<{ id: string; url: string; createdAt: string }> {
  // The store keeps only the secret's hash: the URL an earlier attempt made and never showed cannot
  // be shown now. A resumed request revokes it (nobody holds it) and makes a new one.
  const lost = deps.resumed?.createdId;
  if (lost !== undefined) await deps.store.deleteCalendar(caller.party, lost);
  const secret = randomBytes(32).toString('base64url');
  const record = {
    id: `c-${idSuffix()}`,
    party: caller.party,
    secretHash: hashOf(secret),
    createdAt: nowOf(deps),
  };
  await deps.store.putCalendar(record);
  return {
    id: record.id,
    url: calendarUrl(deps.apiBaseUrl, caller.party, secret),
    createdAt: record.createdAt,
  };
}

/** Revokes one of the caller's calendars: its URL answers 404 from now on. @throws CalendarNotFoundError */
export async function deleteCalendar(deps: AppDeps, caller: Caller, id: string): Promise<void> {
  if (!(await deps.store.deleteCalendar(caller.party, id))) {
    throw new CalendarNotFoundError(`your party has no calendar ${id}`);
  }
}

/** Whether `secret` is that of one of `party`'s calendars (compared in constant time). */
async function holdsSecret(deps: AppDeps, party: string, secret: string): Promise<boolean> {
  const wanted = Buffer.from(hashOf(secret), 'hex');
  const calendars = await deps.store.listCalendars(party);
  return calendars.some((c) => timingSafeEqual(Buffer.from(c.secretHash, 'hex'), wanted));
}

/**
 * The feed behind a secret URL: meetings and open deadlines with reminders. An unknown party, a
 * wrong secret and a revoked one all answer the same 404. @throws CalendarNotFoundError
 */
export async function calendarByUrl(deps: AppDeps, party: string, file: string): Promise<string> {
  const secret = FILE.exec(file)?.[1];
  const known = deps.register.parties.some((p) => p.id === party);
  if (!secret || !known || !(await holdsSecret(deps, party, secret))) {
    throw new CalendarNotFoundError('no calendar at this address (unknown, or revoked)');
  }
  const [deadlines, meetings] = await Promise.all([deps.store.listDeadlines(), deps.store.listMeetings()]);
  return calendarFeed({ deadlines, meetings }, deps.apiBaseUrl, deps.clock.now(), deps.language);
}
