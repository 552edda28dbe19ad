/** Dates as the reader reads them: in the covenant's time zone, in the app's language. */
import { useTranslation } from 'react-i18next';

const ZONE = 'Europe/Amsterdam';

export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'nl-NL';
  return {
    /** An instant, with the time. */
    dateTime: (iso: string | undefined) =>
      iso
        ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: ZONE }).format(
            new Date(iso),
          )
        : '',
    /** A calendar date (YYYY-MM-DD) or the day of an instant. */
    date: (value: string | undefined) =>
      value
        ? new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: ZONE }).format(
            new Date(value.length === 10 ? `${value}T12:00:00Z` : value),
          )
        : '',
  };
}

/** Today's date in Amsterdam, YYYY-MM-DD. */
export function todayInAmsterdam(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(now);
}
