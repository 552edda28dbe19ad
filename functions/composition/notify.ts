/** The cloud composition root of the notify task: the AppDeps and an SES mailer. */
import { Logger } from '@aws-lambda-powertools/logger';
import { MAIL_UNDELIVERED_LOG_MESSAGE } from '#shared/mail/index.ts';
import type { UndeliveredMail } from '#shared/ports/mail-deliveries.ts';
import { cloudDeps } from './app.ts';
import { cloudBasics, type Env } from './clients.ts';
import { cloudMailer } from './mail.ts';

let built: ReturnType<typeof buildNotifyDeps> | undefined;

async function buildNotifyDeps(env: Env) {
  const app = await cloudDeps(env);
  const { config, store } = cloudBasics(env);
  // Only the functions that send mail are given MAIL_FROM's identity and SES permissions.
  const { mailer, from } = cloudMailer(config);
  const logger = new Logger({ serviceName: config.POWERTOOLS_SERVICE_NAME });
  return {
    store,
    deliveries: store,
    mailer,
    // One log line per undelivered e-mail: the metric filter of the mail alarm counts them. No addresses.
    onUndelivered: (mail: UndeliveredMail) => logger.error(MAIL_UNDELIVERED_LOG_MESSAGE, { ...mail }),
    register: app.register,
    machine: app.machine,
    // The register of the covenant version in force when the mail goes (DESIGN 2.5).
    covenant: app.covenant,
    clock: app.clock,
    mailFrom: from,
    webBaseUrl: config.WEB_BASE_URL ?? app.apiBaseUrl,
  };
}

/** The notify task's dependencies in the cloud, built on first use (a failed build is tried again). */
export function cloudNotifyDeps(env: Env = process.env) {
  built ??= buildNotifyDeps(env).catch((error: unknown) => {
    built = undefined;
    throw error;
  });
  return built;
}
