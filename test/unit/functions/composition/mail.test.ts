/**
 * The cloud's e-mail outside the lifecycle's steps (footnote 13's request to account for an
 * abstention, the covenant's notices, changes and withdrawals) goes out through SES, from MAIL_FROM.
 */
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { allCustomMatcher } from 'aws-sdk-client-mock-vitest';
import type {} from 'aws-sdk-client-mock-vitest/extend';
import { afterAll, describe, expect, it } from 'vitest';
import { cloudDepsWithMail } from '#functions/composition/mail.ts';
import { loadDefaultRegister } from '#shared/covenant/index.ts';
import { versionItem } from '#shared/store/covenant.ts';
import { seedVersion } from '#shared/usecases/covenant-source.ts';

expect.extend(allCustomMatcher);
const ses = mockClient(SESv2Client);
// The cloud's deps read the covenant version in force from the table first (DESIGN 2.5).
const dynamodb = mockClient(DynamoDBDocumentClient);
dynamodb
  .on(QueryCommand)
  .resolves({ Items: [versionItem(seedVersion(loadDefaultRegister(), '2023-07-01T00:00:00.000Z'))] });
afterAll(() => {
  ses.restore();
  dynamodb.restore();
});

const env = {
  AWS_REGION: 'eu-central-1',
  TABLE_NAME: 'besluitvorming',
  STATE_MACHINE_ARN: 'arn:aws:states:eu-central-1:123456789012:stateMachine:Lifecycle',
  API_BASE_URL: 'https://besluitvorming.example',
  MAIL_FROM: 'besluitvorming@istandaarden.example',
  SES_CONFIGURATION_SET: 'besluitvorming',
};

describe('functions/composition/mail', () => {
  it('gives the API’s own e-mail an SES mailer from MAIL_FROM with the secretariat’s name, through the configuration set', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-1' });
    const deps = await cloudDepsWithMail(env);
    // Issue 18: the sender has a display name (MAIL_FROM_NAME, by default the secretariat's).
    expect(deps.mail?.from).toBe(
      '"Secretariaat Stuurgroep iStandaarden" <besluitvorming@istandaarden.example>',
    );
    await deps.mail?.mailer.send({
      messageId: '<p-1.accountability-requested@besluitvorming.istandaarden.local>',
      from: 'besluitvorming@istandaarden.example',
      to: ['stuurgroep@cak.example'],
      subject: 'Verantwoording',
      text: 'Graag een toelichting.',
      headers: {},
      proposalId: 'p-1',
      step: 'accountability-requested',
    });
    expect(ses).toHaveReceivedCommandWith(SendEmailCommand, {
      ConfigurationSetName: 'besluitvorming',
      Destination: { ToAddresses: ['stuurgroep@cak.example'] },
    });
  });
});
