/**
 * From a step of the model to a message the mailer delivers: recipients from the register, text from
 * the templates, and a Message-ID that is the same every time the same step is sent again.
 */
import MailComposer from 'nodemailer/lib/mail-composer';
import { amsterdamDateOf, type Register } from '#shared/covenant/index.ts';
import type { OutgoingMessage } from '#shared/ports/mailer.ts';
import type { ProposalContext } from '#statemachines/proposal-lifecycle/context.ts';
import type { DecisionStep, NotifyParams } from '#statemachines/proposal-lifecycle/notifications.ts';
import { DEFAULT_MESSAGE_ID_DOMAIN, messageIdOf } from './message-id.ts';
import { resolveRecipients } from './recipients.ts';
import { type MailProposal, renderTemplate } from './templates.ts';

export { DEFAULT_MESSAGE_ID_DOMAIN } from './message-id.ts';

/** The headers every message carries (DESIGN 5.1). */
export const HEADER = {
  step: 'X-Decision-Step',
  proposalId: 'X-Proposal-Id',
  /** The stable id again: SES replaces the Message-ID header with its own on sending. */
  messageId: 'X-Decision-Message-Id',
} as const;

/** The step in `params` is not the step the message is composed for: a wiring mistake. */
export class StepMismatchError extends Error {
  constructor(
    readonly step: DecisionStep,
    readonly paramsStep: DecisionStep,
  ) {
    super(`composing '${step}' with the notify params of '${paramsStep}': pass the params of the same step`);
    this.name = 'StepMismatchError';
  }
}

/** What {@link composeMessage} needs. */
export interface ComposeInput {
  readonly step: DecisionStep;
  /** The model's `notify` params for the step: who receives it, by role. */
  readonly params: NotifyParams;
  readonly proposal: MailProposal;
  readonly context: ProposalContext;
  readonly register: Register;
  /** The sender address, e.g. `besluitvorming@istandaarden.example`. */
  readonly from: string;
  readonly apiBaseUrl: string;
  /** The proposal's version after the transition that entered the step. */
  readonly version: number;
  /** When the step was entered (ISO-8601 instant); `members` are the members on its Amsterdam date. */
  readonly at: string;
  /** @default DEFAULT_MESSAGE_ID_DOMAIN */
  readonly messageIdDomain?: string;
}

/**
 * The Message-ID of a step's e-mail: `<P-1.objection-lodged.v12@besluitvorming.istandaarden.local>`.
 * The same proposal, step and version give the same id, so a retried notify is recognisable. Pure.
 */
export function messageIdFor(
  proposalId: string,
  step: DecisionStep,
  version: number,
  domain: string = DEFAULT_MESSAGE_ID_DOMAIN,
): string {
  if (!Number.isInteger(version) || version < 0) {
    throw new RangeError(`version must be a non-negative integer, received ${version}`);
  }
  return messageIdOf(proposalId, [step, `v${version}`], domain);
}

/**
 * The message of a step: recipients resolved from the register, subject and text rendered, a stable
 * Message-ID, and the headers `X-Decision-Step`, `X-Proposal-Id` and `X-Decision-Message-Id`. Pure.
 * @throws StepMismatchError when `params.step` differs from `step`.
 * @throws RecipientResolutionError when a role has no one to send to.
 */
export function composeMessage(input: ComposeInput): OutgoingMessage {
  const { step, proposal } = input;
  if (input.params.step !== step) throw new StepMismatchError(step, input.params.step);
  const to = resolveRecipients({
    roles: input.params.to,
    register: input.register,
    context: input.context,
    on: amsterdamDateOf(input.at),
  });
  const { subject, text } = renderTemplate(input);
  const messageId = messageIdFor(proposal.id, step, input.version, input.messageIdDomain);
  return {
    messageId,
    from: input.from,
    to,
    subject,
    text,
    headers: { [HEADER.step]: step, [HEADER.proposalId]: proposal.id, [HEADER.messageId]: messageId },
    proposalId: proposal.id,
    step,
  };
}

/**
 * The message as RFC 5322 text (nodemailer's MailComposer: UTF-8, quoted-printable body, encoded-word
 * headers, CRLF line ends), with the stable Message-ID, the given Date, the message's extra headers
 * and `Auto-Submitted: auto-generated` (RFC 3834, so auto-responders stay quiet). The same message and
 * date give the same bytes.
 */
export function toMime(message: OutgoingMessage, date: Date): Promise<Buffer> {
  const composer = new MailComposer({
    from: message.from,
    to: [...message.to],
    subject: message.subject,
    text: message.text,
    messageId: message.messageId,
    date,
    headers: { ...message.headers, 'Auto-Submitted': 'auto-generated', 'Content-Language': 'nl, en' },
    newline: 'windows',
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return composer.compile().build();
}
