/**
 * The cloud's webhook delivery function (DESIGN 5): woken by SQS messages — one per new audit event,
 * from the table's stream through an EventBridge Pipe, and one a minute from a schedule so that
 * retries fall due without a new event — it runs one delivery pass over every subscription. The
 * messages only wake it: what to deliver is in each subscription's cursor, so a lost or repeated
 * message loses or repeats nothing. A pass that fails on the table fails the batch: SQS retries it,
 * then moves it to the dead-letter queue (which raises an alarm).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { SQSEvent } from 'aws-lambda';
import { systemClock } from '#shared/ports/clock.ts';
import { type DeliveryDeps, deliverWebhooks } from '#shared/usecases/deliveries.ts';
import { HttpWebhookSender } from '#shared/webhooks/http-sender.ts';
import { cloudBasics } from '../composition/clients.ts';
import { onFirstCall } from '../composition/on-first-call.ts';

/** The handler over `deps`: one pass per batch, however many messages woke it. */
export const createWebhooksHandler =
  (deps: DeliveryDeps, logger: Pick<Logger, 'error'>) =>
  async (_event: SQSEvent): Promise<void> => {
    const { errors } = await deliverWebhooks(deps);
    for (const error of errors) logger.error('webhook delivery failed on the table', { error });
    if (errors.length > 0) throw new Error(`${errors.length} subscription(s) could not be processed`);
  };

/** The Lambda entry point (SQS), wired on first use: https to public addresses only. */
export const handler = onFirstCall(() => {
  const { config, store } = cloudBasics();
  return createWebhooksHandler(
    {
      store,
      clock: systemClock,
      apiBaseUrl: config.API_BASE_URL,
      sender: new HttpWebhookSender({ policy: 'public' }),
    },
    new Logger({ serviceName: config.POWERTOOLS_SERVICE_NAME }),
  );
});
