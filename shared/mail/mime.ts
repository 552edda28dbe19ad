/**
 * The message as RFC 5322 text, for the local outbox (`.eml` files a person opens in any mail
 * client). Kept apart from the composer so that the cloud's bundles, which hand SES the parts, do not
 * carry the MIME writer.
 */
import { createHash } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { OutgoingMessage } from '#shared/ports/mailer.ts';
import { AUTOMATIC_HEADERS } from './sender.ts';

/**
 * The message as RFC 5322 text (nodemailer's MailComposer: UTF-8, quoted-printable parts,
 * encoded-word headers, CRLF line ends): `multipart/alternative` with the text and the HTML when the
 * message has HTML, the stable Message-ID, the given Date, the message's extra headers and
 * `Auto-Submitted: auto-generated` (RFC 3834, so auto-responders stay quiet). The same message and
 * date give the same bytes.
 */
export function toMime(message: OutgoingMessage, date: Date): Promise<Buffer> {
  const composer = new MailComposer({
    from: message.from,
    to: [...message.to],
    ...(message.cc && message.cc.length > 0 ? { cc: [...message.cc] } : {}),
    subject: message.subject,
    text: message.text,
    ...(message.html ? { html: message.html } : {}),
    messageId: message.messageId,
    // The multipart boundary from the Message-ID, not at random: the same message gives the same bytes.
    baseBoundary: createHash('sha256').update(message.messageId).digest('hex').slice(0, 24),
    date,
    headers: { ...message.headers, ...AUTOMATIC_HEADERS },
    newline: 'windows',
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return composer.compile().build();
}
