/** The cloud composition root of the notify task: the AppDeps and an SES mailer. */
import { Logger } from '@aws-lambda-powertools/logger';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { ConfigError } from '#shared/config/env.ts';
import { MAIL_UNDELIVERED_LOG_MESSAGE, SesMailer } from '#shared/mail/index.ts';
import type { UndeliveredMail } from '#shared/ports/mail-deliveries.ts';
import { cloudDeps } from './app.ts';
import { cloudBasics, type Env } from './clients.ts';
import { traced } from './tracing.ts';

let built: ReturnType<typeof buildNotifyDeps> | undefined;

function buildNotifyDeps(env: Env) {
  const app = cloudDeps(env);
  const { config, store } = cloudBasics(env);
  // Only the notify function is given MAIL_FROM's identity and SES permissions.
  if (!config.MAIL_FROM) throw new ConfigError(['MAIL_FROM: the From address of the e-mails']);
  const mailer = new SesMailer({
    client: traced(new SESv2Client({})),
    ...(config.SES_CONFIGURATION_SET ? { configurationSetName: config.SES_CONFIGURATION_SET } : {}),
  });
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
    mailFrom: config.MAIL_FROM,
    apiBaseUrl: app.apiBaseUrl,
  };
}

/** The notify task's dependencies in the cloud, built on first use. */
export function cloudNotifyDeps(env: Env = process.env) {
  built ??= buildNotifyDeps(env);
  return built;
}
