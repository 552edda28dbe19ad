/**
 * The cloud's mailer: SES v2 `SendEmail` with raw content, so the message goes out exactly as
 * `toMime` built it, `X-Decision-Step` and the other headers included.
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
import { type Clock, systemClock } from '#shared/ports/clock.ts';
import {
  type MailerPort,
  MailRefusedError,
  MailThrottledError,
  type OutgoingMessage,
} from '#shared/ports/mailer.ts';
import { toMime } from './compose.ts';

/** Properties of a {@link SesMailer}. */
export interface SesMailerProps {
  /** The SES v2 client, created once by the composition root. */
  readonly client: SESv2Client;
  /**
   * The SES configuration set for event publishing (bounces, deliveries).
   * @default none: the identity's default configuration set, if any
   */
  readonly configurationSetName?: string;
  /**
   * The clock for the `Date` header (which SES overwrites on sending).
   * @default systemClock
   */
  readonly clock?: Clock;
}

/**
 * A {@link MailerPort} on SES v2. SES's throttling becomes {@link MailThrottledError}, its other
 * refusals (unverified sender, sandbox, paused sending, …) {@link MailRefusedError} with SES's name;
 * the original is the `cause`. Anything else (a network failure) propagates unchanged.
 */
export class SesMailer implements MailerPort {
  private readonly client: SESv2Client;
  private readonly configurationSetName: string | undefined;
  private readonly clock: Clock;

  constructor(props: SesMailerProps) {
    this.client = props.client;
    this.configurationSetName = props.configurationSetName;
    this.clock = props.clock ?? systemClock;
  }

  /** Sends the message as raw MIME to the message's `to` addresses. */
  async send(message: OutgoingMessage): Promise<void> {
    const data = await toMime(message, this.clock.now());
    await this.sendRaw(message, data);
  }

  private async sendRaw(message: OutgoingMessage, data: Uint8Array): Promise<void> {
    try {
      await this.client.send(sendCommand(message, data, this.configurationSetName));
    } catch (error) {
      if (!(error instanceof SESv2ServiceException)) throw error;
      if (error instanceof TooManyRequestsException) throw new MailThrottledError({ cause: error });
      throw new MailRefusedError(error.name, { cause: error });
    }
  }
}

function sendCommand(message: OutgoingMessage, data: Uint8Array, configurationSetName: string | undefined) {
  return new SendEmailCommand({
    FromEmailAddress: message.from,
    Destination: { ToAddresses: [...message.to] },
    Content: { Raw: { Data: data } },
    // Step ids are [a-z-], within SES's tag alphabet: lets the configuration set's events be filtered by step.
    EmailTags: [{ Name: 'decision-step', Value: message.step }],
    ...(configurationSetName ? { ConfigurationSetName: configurationSetName } : {}),
  });
}
