/** Sends the covenant's own e-mails (shared/mail/covenant.ts) where the environment sends mail. */
import type { Register } from '#shared/covenant/index.ts';
import { type CovenantMail, composeCovenantMail, memberAddresses } from '#shared/mail/covenant.ts';
import type { AppDeps } from './deps.ts';

/**
 * E-mails `mail` to every member on `day` (and to the parties in `also`). A retry sends the same
 * Message-ID, which the mailers accept. Without a mailer (the cloud's HTTP functions send no mail
 * yet) it logs that it sent nothing.
 */
export async function mailMembers(
  deps: Pick<AppDeps, 'mail' | 'logger'>,
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
  await deps.mail.mailer.send(composeCovenantMail(mail, to, deps.mail));
}
