/**
 * The language of a human text the API writes (DESIGN 5): Dutch unless the request's
 * `Accept-Language` prefers English (RFC 9110 12.5.4, q-values honoured by `negotiator`).
 */
import Negotiator from 'negotiator';
import type { Language } from '#shared/messages/index.ts';

const OFFERED: Language[] = ['nl', 'en'];

/** The language to answer in, from the request's headers (API Gateway lower-cases their names). */
export function languageOf(headers: Readonly<Record<string, string | undefined>>): Language {
  const header = headers['accept-language'];
  if (!header) return 'nl';
  const chosen = new Negotiator({ headers: { 'accept-language': header } }).language(OFFERED);
  return chosen === 'en' ? 'en' : 'nl';
}
