/**
 * Sends the API's own e-mails (the covenant's, shared/mail/covenant.ts, and footnote 13's request to
 * account for an abstention) where the environment sends mail, each once.
 */
import type { Register } from '#shared/covenant/index.ts';
import { type CovenantMail, composeCovenantMail, memberAddresses } from '#shared/mail/covenant.ts';
import type { OutgoingMessage } from '#shared/ports/mailer.ts';
import { type AppDeps, nowOf } from './deps.ts';

type MailDeps = Pick<AppDeps, 'mail' | 'logger' | 'store' | 'clock'>;

/**
 * Sends `message` unless an e-mail with its Message-ID went out before, then records that it went
 * out. A request that resumes after a crash (or a retried task) therefore sends only what its first
 * attempt did not. The mail service cannot send and record in one step: a crash between the two
 * sends the e-mail again on the retry (at least once, never lost); a crash anywhere else sends it
 * exactly once. SES does not recognise a Message-ID it sent before, so this record is what does.
 * Every e-mail that is a message of its own therefore needs a Message-ID of its own.
 */
export async function sendOnce(deps: MailDeps, message: OutgoingMessage): Promise<'sent' | 'sent-before'> {
  if (!deps.mail) throw new TypeError('sendOnce needs a mailer (deps.mail)');
  if (await deps.store.wasSent(message.messageId)) return 'sent-before';
  await deps.mail.mailer.send(message);
  await deps.store.recordSent({ messageId: message.messageId, step: message.step, at: nowOf(deps) });
  return 'sent';
}

/**
 * E-mails `mail` to every member on `day` (and to the parties in `also`), once (see
 * {@link sendOnce}). Without a mailer (the cloud's HTTP functions send no mail yet) it logs that it
 * sent nothing.
 */
export async function mailMembers(
  deps: MailDeps,
  register: Register,
  day: string,
  mail: CovenantMail,
  also: readonly string[] = [],
): Promise<void> {
  if (!deps.mail) {
    deps.logger.warn('covenant e-mail not sent: no mailer here', { step: mail.step });
    return;
  }
  const to = memberAddresses(register, day, also);
  await sendOnce(deps, composeCovenantMail(mail, to, deps.mail));
}
