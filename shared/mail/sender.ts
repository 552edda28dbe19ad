/**
 * Who the e-mails come from: the secretariat of the steering group (ZIN is its secretary, art. 6.2),
 * by name, and the list they belong to. Pure; no MIME library, so every bundle may import it.
 */

/** The display name of the sender unless the configuration gives another (`MAIL_FROM_NAME`). */
export const SENDER_NAME = 'Secretariaat Stuurgroep iStandaarden';

/** RFC 2919 List-Id of every e-mail of the system: mail clients file and filter on it. */
export const LIST_ID = 'Besluitvorming Stuurgroep iStandaarden <besluitvorming.istandaarden.local>';

/**
 * `"Secretariaat Stuurgroep iStandaarden" <besluitvorming@zin.example>`: the address with its display
 * name as an RFC 5322 quoted string (a `"` or `\` in the name escaped); an address that already has a
 * display name is kept as it is.
 */
export function senderAddress(address: string, name: string = SENDER_NAME): string {
  if (address.includes('<')) return address;
  const quoted = name.replace(/[\\"]/g, (c) => `\\${c}`);
  return `"${quoted}" <${address}>`;
}

/** The headers every automatic message carries, locally and in the cloud (RFC 3834: auto-responders stay quiet). */
export const AUTOMATIC_HEADERS = {
  'Auto-Submitted': 'auto-generated',
  'Content-Language': 'nl, en',
} as const;
