/**
 * From a step of the model to a message the mailer delivers: recipients from the register, text from
 * the templates, and a Message-ID that is the same every time the same step is sent again.
 */
import { amsterdamDateOf, type Register } from '#shared/covenant/index.ts';
import type { OutgoingMessage } from '#shared/ports/mailer.ts';
import type { ProposalContext } from '#statemachines/proposal-lifecycle/context.ts';
import type { DecisionStep, NotifyParams } from '#statemachines/proposal-lifecycle/notifications.ts';
import { DEFAULT_MESSAGE_ID_DOMAIN, messageIdOf } from './message-id.ts';
import { resolveStepRecipients } from './recipients.ts';
import { LIST_ID, senderAddress } from './sender.ts';
import { type MailProposal, renderTemplate } from './templates.ts';

export { DEFAULT_MESSAGE_ID_DOMAIN } from './message-id.ts';

/** The headers every message carries (DESIGN 5.1). */
export const HEADER = {
  step: 'X-Decision-Step',
  proposalId: 'X-Proposal-Id',
  /** The stable id again: SES replaces the Message-ID header with its own on sending. */
  messageId: 'X-Decision-Message-Id',
  /** RFC 2919: mail clients file and filter the procedure's e-mails as one list. */
  listId: 'List-Id',
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
  /** @default SENDER_NAME */
  readonly fromName?: string;
  /** The web app's base URL: every e-mail links the proposal's page below it. */
  readonly webBaseUrl: string;
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
 * The message of a step: recipients resolved from the register (who must act in `to`, the other
 * members in `cc`, DESIGN 2.3), subject, text and HTML rendered, a stable Message-ID, the sender's
 * display name, and the headers `X-Decision-Step`, `X-Proposal-Id`, `X-Decision-Message-Id` and
 * `List-Id`. Pure.
 * @throws StepMismatchError when `params.step` differs from `step`.
 * @throws RecipientResolutionError when a role has no one to send to.
 */
export function composeMessage(input: ComposeInput): OutgoingMessage {
  const { step, proposal } = input;
  if (input.params.step !== step) throw new StepMismatchError(step, input.params.step);
  const { to, cc } = resolveStepRecipients({
    to: input.params.to,
    // A workflow compiled before `informed` existed names every role in `to`.
    informed: input.params.informed ?? [],
    register: input.register,
    context: input.context,
    on: amsterdamDateOf(input.at),
  });
  const { subject, text, html } = renderTemplate(input);
  const messageId = messageIdFor(proposal.id, step, input.version, input.messageIdDomain);
  return {
    messageId,
    from: senderAddress(input.from, input.fromName),
    to,
    cc,
    subject,
    text,
    html,
    headers: {
      [HEADER.step]: step,
      [HEADER.proposalId]: proposal.id,
      [HEADER.messageId]: messageId,
      [HEADER.listId]: LIST_ID,
    },
    proposalId: proposal.id,
    step,
  };
}
