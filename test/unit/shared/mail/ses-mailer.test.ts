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
import { composeMessage, LIST_ID, SENDER_NAME, SesMailer } from '#shared/mail/index.ts';
import { MailRefusedError, MailThrottledError } from '#shared/ports/mailer.ts';
import { CONTEXT_AT, FROM, notifyParamsOf, PROPOSAL, REGISTER, WEB } from './fixtures.ts';

expect.extend(allCustomMatcher);

const ses = mockClient(SESv2Client);

const message = composeMessage({
  step: 'arguments-received',
  params: notifyParamsOf('arguments-received'),
  proposal: PROPOSAL,
  context: CONTEXT_AT['arguments-received'],
  register: REGISTER,
  from: FROM,
  webBaseUrl: WEB,
  version: 21,
  at: '2027-03-20T09:00:00.000Z',
});

/** The input of the one SendEmail call. */
const sent = () => ses.commandCalls(SendEmailCommand)[0]?.args[0].input;

describe('ses-mailer', () => {
  beforeEach(() => {
    ses.reset();
  });

  it('sends simple content: To who must act, Cc the members, the display name, text and HTML, and the headers', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-1' });
    await new SesMailer({ client: new SESv2Client({}) }).send(message);
    expect(ses).toHaveReceivedCommandOnce(SendEmailCommand);
    expect(ses).toHaveReceivedCommandWith(SendEmailCommand, {
      FromEmailAddress: `"${SENDER_NAME}" <${FROM}>`,
      // DESIGN 2.3: the chair must act on the arguments; the other members are informed.
      Destination: {
        ToAddresses: ['voorzitter.stuurgroep@zorginstituutnederland.example'],
        CcAddresses: [...(message.cc ?? [])],
      },
      EmailTags: [{ Name: 'decision-step', Value: 'arguments-received' }],
    });
    const simple = sent()?.Content?.Simple;
    expect(sent()?.Content?.Raw).toBeUndefined();
    expect(simple?.Subject).toEqual({ Data: message.subject, Charset: 'UTF-8' });
    expect(simple?.Body?.Text?.Data).toContain(
      `Open het voorstel in de webapplicatie: ${WEB}/proposals/P-2027-001`,
    );
    expect(simple?.Body?.Html?.Data).toContain(`<a href="${WEB}/proposals/P-2027-001">`);
    const headers = new Map(simple?.Headers?.map((h) => [h.Name, h.Value]));
    expect(headers.get('X-Decision-Step')).toBe('arguments-received');
    expect(headers.get('X-Decision-Message-Id')).toBe(message.messageId);
    expect(headers.get('X-Proposal-Id')).toBe('P-2027-001');
    expect(headers.get('List-Id')).toBe(LIST_ID);
    expect(headers.get('Auto-Submitted')).toBe('auto-generated');
    // SES's header values are printable ASCII (SES v2 MessageHeader).
    for (const value of headers.values()) expect(value).toMatch(/^[\x20-\x7e]+$/);
  });

  it('sends through the configuration set when one is given', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-2' });
    const mailer = new SesMailer({
      client: new SESv2Client({}),
      configurationSetName: 'besluitvorming',
    });
    await mailer.send(message);
    expect(ses).toHaveReceivedCommandWith(SendEmailCommand, { ConfigurationSetName: 'besluitvorming' });
  });

  it('names no configuration set when none is given', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-3' });
    await new SesMailer({ client: new SESv2Client({}) }).send(message);
    expect(ses.commandCalls(SendEmailCommand)[0]?.args[0].input).not.toHaveProperty('ConfigurationSetName');
  });

  it("turns SES's refusal into MailRefusedError with SES's name, the original as its cause", async () => {
    const refusal = new MessageRejected({ message: 'Email address is not verified.', $metadata: {} });
    ses.on(SendEmailCommand).rejects(refusal);
    const send = new SesMailer({ client: new SESv2Client({}) }).send(message);
    await expect(send).rejects.toBeInstanceOf(MailRefusedError);
    await expect(send).rejects.toMatchObject({ reason: 'MessageRejected', cause: refusal });
  });

  it("turns SES's throttling into MailThrottledError", async () => {
    ses.on(SendEmailCommand).rejects(new TooManyRequestsException({ message: 'slow down', $metadata: {} }));
    const send = new SesMailer({ client: new SESv2Client({}) }).send(message);
    await expect(send).rejects.toBeInstanceOf(MailThrottledError);
  });
});
