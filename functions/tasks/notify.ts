/**
 * Notify task: performs the `notify` entry action of the state just entered — renders the step's
 * e-mail and sends it to the recipients by role. The Message-ID is stable per proposal, step and
 * version, so a retried task is recognisable (the outbox sends it once). Mail never fails the
 * workflow: what the mail service refuses is recorded in the proposal's audit trail (see
 * shared/mail/delivery.ts) and the task answers normally.
 */
import type { Register, Standard } from '#shared/covenant/index.ts';
import { restoreSnapshot } from '#shared/dispatch/index.ts';
import {
  composeMessage,
  type DeliveryDeps,
  type DeliveryOutcome,
  deliverStepMail,
  partiesWithAddresses,
} from '#shared/mail/index.ts';
import type { Clock } from '#shared/ports/clock.ts';
import type { MailDeliveryStore } from '#shared/ports/mail-deliveries.ts';
import type { ProposalStore } from '#shared/ports/store.ts';
import { ProposalNotFoundError } from '#shared/ports/store-errors.ts';
import { type CovenantSource, withCovenantToday } from '#shared/usecases/covenant-source.ts';
import { RecentSuppressions } from '#shared/usecases/notify-suppressions.ts';
import type { NotifyPayload } from '#statemachines/compiler/index.ts';
import {
  type createProposalMachine,
  decisionSteps,
  type NotifyParams,
  type ProposalContext,
} from '#statemachines/proposal-lifecycle/index.ts';
import { cloudNotifyDeps } from '../composition/notify.ts';
import { onFirstCall } from '../composition/on-first-call.ts';
import { withTaskLogging } from '../composition/task-logging.ts';

export interface NotifyTaskDeps
  extends Pick<DeliveryDeps, 'mailer'>,
    Partial<Pick<DeliveryDeps, 'sleep' | 'onUndelivered'>> {
  readonly store: Pick<ProposalStore, 'getProposal'>;
  /** Records undelivered mail and knows the suppressed mailboxes. */
  readonly deliveries: MailDeliveryStore;
  readonly register: Register;
  readonly machine: ReturnType<typeof createProposalMachine>;
  /** When given, the register and machine of the covenant version in force when the mail goes (DESIGN 2.5). */
  readonly covenant?: CovenantSource;
  readonly clock: Clock;
  /** The From address, with or without a display name (the sender's name is added when absent). */
  readonly mailFrom: string;
  /** The web app's base URL: each e-mail links the proposal's page there. */
  readonly webBaseUrl: string;
}

/** Refuses what the compiled model cannot send: an unknown action or step is a stale workflow. */
function notifyParamsOf(payload: NotifyPayload): NotifyParams {
  const params = payload.params as Partial<NotifyParams> | undefined;
  const known = (decisionSteps as readonly string[]).includes(String(params?.step));
  const informed = params?.informed === undefined || Array.isArray(params.informed);
  if (payload.action !== 'notify' || !params || !known || !Array.isArray(params.to) || !informed) {
    throw new TypeError(
      `notify task for ${payload.state}: unknown action '${payload.action}' ${JSON.stringify(payload.params)}`,
    );
  }
  return params as NotifyParams;
}

/**
 * The context of the version whose state sent the mail: the proposal may have moved on since,
 * but the message must describe the step as it was entered. A deadline task hands the state its
 * transition entered along (`payload.signal.entered`): then nothing is read.
 */
async function contextAt(deps: NotifyTaskDeps, payload: NotifyPayload) {
  const { proposalId, version } = payload;
  const entered = payload.signal?.entered;
  if (entered && entered.version === version && entered.proposal.id === proposalId) {
    return {
      proposal: entered.proposal,
      context: entered.context as unknown as ProposalContext,
      at: entered.at,
    };
  }
  const whole = await deps.store.getProposal(proposalId, { consistent: true });
  if (!whole) throw new ProposalNotFoundError(proposalId);
  const event = whole.events.find((e) => e.version === version);
  const context = restoreSnapshot(deps.machine, whole.proposal.snapshot).context as ProposalContext;
  return { proposal: whole.proposal, context, at: event?.at ?? whole.proposal.updatedAt };
}

export const createNotifyHandler = (deps: NotifyTaskDeps) => {
  // Every step e-mail goes to the same members: their suppressions are read once in a few seconds.
  const suppressions = new RecentSuppressions(deps.deliveries);
  const deliveries: DeliveryDeps['deliveries'] = {
    suppressedAmong: (addresses) => suppressions.suppressedAmong(addresses),
    recordUndelivered: (mail) => deps.deliveries.recordUndelivered(mail),
  };
  return async (payload: NotifyPayload): Promise<{ messageId: string; outcome: DeliveryOutcome }> => {
    const params = notifyParamsOf(payload);
    const { covenant } = deps;
    const inForce = covenant ? { ...deps, ...(await withCovenantToday({ ...deps, covenant })) } : deps;
    const { proposal, context, at } = await contextAt(inForce, payload);
    const message = await composeMessage({
      step: params.step,
      params,
      proposal: {
        id: proposal.id,
        title: proposal.title,
        standards: proposal.standards as readonly Standard[],
      },
      context,
      register: inForce.register,
      from: deps.mailFrom,
      webBaseUrl: deps.webBaseUrl,
      version: payload.version,
      at,
    });
    const delivery: DeliveryDeps = {
      mailer: deps.mailer,
      deliveries,
      sleep: deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      onUndelivered: deps.onUndelivered ?? (() => undefined),
      partiesOf: (addresses) => partiesWithAddresses(inForce.register, addresses),
    };
    const outcome = await deliverStepMail(delivery, message, {
      proposalId: payload.proposalId,
      version: payload.version,
      state: payload.state,
      at: deps.clock.now().toISOString(),
    });
    return { messageId: message.messageId, outcome };
  };
};

/** The Lambda entry point, wired by the cloud composition root on first use. */
export const handler: ReturnType<typeof createNotifyHandler> = onFirstCall(async () =>
  withTaskLogging('notify', createNotifyHandler(await cloudNotifyDeps())),
);
