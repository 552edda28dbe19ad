/**
 * The Message-ID of the system's e-mails: stable per proposal and what is sent, so that a retried
 * send is recognisable. Pure; kept apart from the MIME composer so that the API's handlers can use it
 * without carrying a MIME library.
 */

/** The right-hand side of every Message-ID unless another is given. */
export const DEFAULT_MESSAGE_ID_DOMAIN = 'besluitvorming.istandaarden.local';

/** A proposal id as a dot-atom part: percent-encoded, with the characters atext lacks encoded too. */
export function atomOf(text: string): string {
  return encodeURIComponent(text).replace(
    /[.()!'*~]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** `<P-1.objection-lodged.v12@domain>`: the proposal, then the parts that say what was sent. */
export const messageIdOf = (proposalId: string, parts: readonly string[], domain: string): string =>
  `<${[atomOf(proposalId), ...parts].join('.')}@${domain}>`;
