/**
 * The cloud's e-mail: one SES mailer, from MAIL_FROM through the stack's configuration set, for the
 * notify task (every step) and for the entries that send mail outside a step (footnote 13's request
 * to account for an abstention; the covenant's notices, changes and withdrawals). Imported only by
 * those entries, so the others do not carry SES and the MIME writer; the API stack grants exactly
 * those functions `ses:Send*`.
 */
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { type CloudEnv, ConfigError } from '#shared/config/env.ts';
import { SesMailer, senderAddress } from '#shared/mail/index.ts';
import { DEFAULT_MESSAGE_ID_DOMAIN } from '#shared/mail/message-id.ts';
import type { AppDeps } from '#shared/usecases/deps.ts';
import { cloudDeps } from './app.ts';
import { cloudBasics, type Env } from './clients.ts';
import { traced } from './tracing.ts';

/** The SES mailer and its From address with the sender's display name. @throws ConfigError when MAIL_FROM is not set */
export function cloudMailer(config: CloudEnv): { readonly mailer: SesMailer; readonly from: string } {
  if (!config.MAIL_FROM) throw new ConfigError(['MAIL_FROM: the From address of the e-mails']);
  const mailer = new SesMailer({
    client: traced(new SESv2Client({})),
    ...(config.SES_CONFIGURATION_SET ? { configurationSetName: config.SES_CONFIGURATION_SET } : {}),
  });
  return { mailer, from: senderAddress(config.MAIL_FROM, config.MAIL_FROM_NAME) };
}

let mail: AppDeps['mail'];

/** The cloud's AppDeps with `mail`: the API's own e-mail goes out through {@link cloudMailer}. */
export async function cloudDepsWithMail(env: Env = process.env): Promise<AppDeps> {
  if (!mail) {
    const { mailer, from } = cloudMailer(cloudBasics(env).config);
    mail = { mailer, from, messageIdDomain: DEFAULT_MESSAGE_ID_DOMAIN };
  }
  return { ...(await cloudDeps(env)), mail };
}
