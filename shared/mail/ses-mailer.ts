/**
 * The cloud's mailer: SES v2 `SendEmail` with simple content: SES builds the multipart/alternative
 * message from the subject, the text and the HTML, and adds the message's headers (`X-Decision-Step`,
 * `List-Id`, …). No MIME writer travels in the Lambda bundle.
 *
 * SES replaces the `Message-ID` and `Date` headers with its own on sending; the stable id therefore
 * also travels in `X-Decision-Message-Id`. SES itself does not de-duplicate: a message sent twice is
 * delivered twice, so retries are bounded by the workflow's notify task, not here.
 */
import {
  type SESv2Client,
  SESv2ServiceException,
  SendEmailCommand,
  TooManyRequestsException,
} from '@aws-sdk/client-sesv2';
import {
  type MailerPort,
  MailRefusedError,
  MailThrottledError,
  type OutgoingMessage,
} from '#shared/ports/mailer.ts';
import { AUTOMATIC_HEADERS } from './sender.ts';

/** Properties of a {@link SesMailer}. */
export interface SesMailerProps {
  /** The SES v2 client, created once by the composition root. */
  readonly client: SESv2Client;
  /**
   * The SES configuration set for event publishing (bounces, deliveries).
   * @default none: the identity's default configuration set, if any
   */
  readonly configurationSetName?: string;
}

/**
 * A {@link MailerPort} on SES v2. SES's throttling becomes {@link MailThrottledError}, its other
 * refusals (unverified sender, sandbox, paused sending, …) {@link MailRefusedError} with SES's name;
 * the original is the `cause`. Anything else (a network failure) propagates unchanged.
 */
export class SesMailer implements MailerPort {
  private readonly client: SESv2Client;
  private readonly configurationSetName: string | undefined;

  constructor(props: SesMailerProps) {
    this.client = props.client;
    this.configurationSetName = props.configurationSetName;
  }

  /** Sends the message to its `to` and `cc` addresses (SES sets Message-ID and Date itself). */
  async send(message: OutgoingMessage): Promise<void> {
    try {
      await this.client.send(sendCommand(message, this.configurationSetName));
    } catch (error) {
      if (!(error instanceof SESv2ServiceException)) throw error;
      if (error instanceof TooManyRequestsException) throw new MailThrottledError({ cause: error });
      throw new MailRefusedError(error.name, { cause: error });
    }
  }
}

const utf8 = (data: string) => ({ Data: data, Charset: 'UTF-8' });

function sendCommand(message: OutgoingMessage, configurationSetName: string | undefined) {
  const headers = { ...message.headers, ...AUTOMATIC_HEADERS };
  const cc = message.cc ?? [];
  return new SendEmailCommand({
    FromEmailAddress: message.from,
    Destination: { ToAddresses: [...message.to], ...(cc.length > 0 ? { CcAddresses: [...cc] } : {}) },
    Content: {
      Simple: {
        Subject: utf8(message.subject),
        Body: { Text: utf8(message.text), ...(message.html ? { Html: utf8(message.html) } : {}) },
        Headers: Object.entries(headers).map(([Name, Value]) => ({ Name, Value })),
      },
    },
    // Step ids are [a-z-], within SES's tag alphabet: lets the configuration set's events be filtered by step.
    EmailTags: [{ Name: 'decision-step', Value: message.step }],
    ...(configurationSetName ? { ConfigurationSetName: configurationSetName } : {}),
  });
}
