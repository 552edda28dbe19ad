import {
  MessageRejected,
  SESv2Client,
  SendEmailCommand,
  TooManyRequestsException,
} from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { allCustomMatcher } from 'aws-sdk-client-mock-vitest';
import type {} from 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { composeMessage, SesMailer } from '#shared/mail/index.ts';
import { MailRefusedError, MailThrottledError } from '#shared/ports/mailer.ts';
import { API, CONTEXT_AT, FROM, headersOf, notifyParamsOf, PROPOSAL, REGISTER } from './fixtures.ts';

expect.extend(allCustomMatcher);

const ses = mockClient(SESv2Client);
const clock = { now: () => new Date('2027-03-20T09:00:01.000Z') };

const message = composeMessage({
  step: 'arguments-received',
  params: notifyParamsOf('arguments-received'),
  proposal: PROPOSAL,
  context: CONTEXT_AT['arguments-received'],
  register: REGISTER,
  from: FROM,
  apiBaseUrl: API,
  version: 21,
  at: '2027-03-20T09:00:00.000Z',
});

/** The raw MIME of the one SendEmail call, as text. */
function sentRaw(): string {
  const [call] = ses.commandCalls(SendEmailCommand);
  const data = call?.args[0].input.Content?.Raw?.Data;
  return Buffer.from(data ?? new Uint8Array()).toString('utf8');
}

describe('ses-mailer', () => {
  beforeEach(() => {
    ses.reset();
  });

  it('sends the message as raw MIME, so the step and Message-ID headers survive', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-1' });
    await new SesMailer({ client: new SESv2Client({}), clock }).send(message);
    expect(ses).toHaveReceivedCommandOnce(SendEmailCommand);
    expect(ses).toHaveReceivedCommandWith(SendEmailCommand, {
      FromEmailAddress: FROM,
      Destination: { ToAddresses: [...message.to] },
      EmailTags: [{ Name: 'decision-step', Value: 'arguments-received' }],
    });
    const headers = headersOf(sentRaw());
    expect(headers.get('x-decision-step')).toBe('arguments-received');
    expect(headers.get('message-id')).toBe(message.messageId);
    expect(headers.get('x-decision-message-id')).toBe(message.messageId);
    expect(headers.get('x-proposal-id')).toBe('P-2027-001');
    expect(headers.get('date')).toBe('Sat, 20 Mar 2027 09:00:01 +0000');
  });

  it('sends through the configuration set when one is given', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-2' });
    const mailer = new SesMailer({
      client: new SESv2Client({}),
      configurationSetName: 'besluitvorming',
      clock,
    });
    await mailer.send(message);
    expect(ses).toHaveReceivedCommandWith(SendEmailCommand, { ConfigurationSetName: 'besluitvorming' });
  });

  it('names no configuration set when none is given', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-3' });
    await new SesMailer({ client: new SESv2Client({}), clock }).send(message);
    expect(ses.commandCalls(SendEmailCommand)[0]?.args[0].input).not.toHaveProperty('ConfigurationSetName');
  });

  it("turns SES's refusal into MailRefusedError with SES's name, the original as its cause", async () => {
    const refusal = new MessageRejected({ message: 'Email address is not verified.', $metadata: {} });
    ses.on(SendEmailCommand).rejects(refusal);
    const send = new SesMailer({ client: new SESv2Client({}), clock }).send(message);
    await expect(send).rejects.toBeInstanceOf(MailRefusedError);
    await expect(send).rejects.toMatchObject({ reason: 'MessageRejected', cause: refusal });
  });

  it("turns SES's throttling into MailThrottledError", async () => {
    ses.on(SendEmailCommand).rejects(new TooManyRequestsException({ message: 'slow down', $metadata: {} }));
    const send = new SesMailer({ client: new SESv2Client({}), clock }).send(message);
    await expect(send).rejects.toBeInstanceOf(MailThrottledError);
  });
});
