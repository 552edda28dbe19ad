/** Calendar arithmetic as the covenant counts it (DESIGN 2.4): Amsterdam days, deadlines at the end of the day. */
import { DateTime, type DurationLike } from 'luxon';

const ZONE = 'Europe/Amsterdam';

const inAmsterdam = (instant: string) => DateTime.fromISO(instant, { zone: ZONE });

/** The calendar date (`YYYY-MM-DD`) of an instant in Amsterdam. */
export function amsterdamDate(instant: string): string {
  return inAmsterdam(instant).toISODate() ?? '';
}

/** A calendar date plus a period (`2026-01-31` + 1 month = `2026-02-28`). */
export function addToDate(date: string, period: DurationLike): string {
  return DateTime.fromISO(date, { zone: ZONE }).plus(period).toISODate() ?? '';
}

/**
 * The due instant of a deadline of `period` that started at `startedAt`: the end (23:59:59.999) of
 * its last day in Amsterdam, as a UTC ISO-8601 instant.
 */
export function dueAfter(startedAt: string, period: DurationLike): string {
  return inAmsterdam(startedAt).startOf('day').plus(period).endOf('day').toUTC().toISO() ?? '';
}

/** `instant` moved by `ms` milliseconds. */
export function shifted(instant: string, ms: number): string {
  return new Date(Date.parse(instant) + ms).toISOString();
}

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
