/**
 * The covenant's own e-mails (art. 9, 10, 12; DESIGN 5.1 step ids): they belong to no proposal's
 * lifecycle, so the API and the dated-effect task send them themselves. Pure.
 */
import { isMemberOn, type Register } from '#shared/covenant/index.ts';
import type { OutgoingMessage } from '#shared/ports/mailer.ts';
import { messageIdOf } from './message-id.ts';
import { plainHtml } from './plain-html.ts';
import { LIST_ID } from './sender.ts';
import { oneLine } from './wording.ts';

/** The step ids of the covenant's e-mails (`X-Decision-Step`). */
export const COVENANT_STEPS = [
  'withdrawal-noticed',
  'withdrawal-effective',
  'notice-posted',
  'covenant-change-proposed',
  'covenant-change-in-force',
  'covenant-renewal',
] as const;
export type CovenantStep = (typeof COVENANT_STEPS)[number];

/** What one covenant e-mail says, in both languages. */
export interface CovenantMail {
  readonly step: CovenantStep;
  /** What it is about: a party, a change id, a notice id, a renewal date (Message-ID, outbox). */
  readonly ref: string;
  readonly subject: { readonly nl: string; readonly en: string };
  readonly nl: readonly string[];
  readonly en: readonly string[];
}

/** Where the e-mail comes from. */
export interface CovenantMailSender {
  readonly from: string;
  readonly messageIdDomain: string;
}

/** Every representative of a party that is a member on `day` (the members of art. 12). */
export function memberAddresses(register: Register, day: string, also: readonly string[] = []): string[] {
  const addresses = register.parties
    .filter((p) => isMemberOn(p, day) || also.includes(p.id))
    .flatMap((p) => p.representatives.map((r) => r.email));
  return [...new Set(addresses)];
}

/** The message of `mail` to `to`. */
export function composeCovenantMail(
  mail: CovenantMail,
  to: readonly string[],
  sender: CovenantMailSender,
): OutgoingMessage {
  const messageId = messageIdOf('covenant', [mail.step, mail.ref], sender.messageIdDomain);
  const subject = `${oneLine(mail.subject.nl)} / ${oneLine(mail.subject.en)}`;
  return {
    messageId,
    from: sender.from,
    to,
    subject,
    text: [...mail.nl, '', '---', '', ...mail.en, ''].join('\n'),
    html: plainHtml(subject, mail.nl, mail.en),
    headers: {
      'X-Decision-Step': mail.step,
      'X-Covenant-Ref': mail.ref,
      'X-Decision-Message-Id': messageId,
      'List-Id': LIST_ID,
    },
    proposalId: `covenant-${mail.ref}`,
    step: mail.step,
  };
}
