/**
 * The e-mail the API sends itself, outside the lifecycle's notify task (footnote 13's request to
 * account for an abstention; the covenant's notices, changes and withdrawals): an SES mailer for
 * the cloud's AppDeps. Imported only by the entries that send such mail, so the other entries do
 * not carry SES and the MIME writer; the API stack grants exactly those functions `ses:Send*`.
 */
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { ConfigError } from '#shared/config/env.ts';
import { SesMailer } from '#shared/mail/index.ts';
import { DEFAULT_MESSAGE_ID_DOMAIN } from '#shared/mail/message-id.ts';
import type { AppDeps } from '#shared/usecases/deps.ts';
import { cloudDeps } from './app.ts';
import { cloudBasics, type Env } from './clients.ts';
import { traced } from './tracing.ts';

let withMail: AppDeps | undefined;

/** The cloud's AppDeps with `mail`: SES through the stack's configuration set, from MAIL_FROM. */
export function cloudDepsWithMail(env: Env = process.env): AppDeps {
  if (withMail) return withMail;
  const { config } = cloudBasics(env);
  if (!config.MAIL_FROM) throw new ConfigError(['MAIL_FROM: the From address of the e-mails']);
  const mailer = new SesMailer({
    client: traced(new SESv2Client({})),
    ...(config.SES_CONFIGURATION_SET ? { configurationSetName: config.SES_CONFIGURATION_SET } : {}),
  });
  withMail = {
    ...cloudDeps(env),
    mail: { mailer, from: config.MAIL_FROM, messageIdDomain: DEFAULT_MESSAGE_ID_DOMAIN },
  };
  return withMail;
}
