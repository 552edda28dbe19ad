import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { readDeploymentContext } from '#infra/stacks/deployment-context.ts';
import { cdkJsonContext, synthesizeStacks } from './support/app.ts';

const contextOf = (context: Record<string, unknown>) => readDeploymentContext(new App({ context }).node);

describe('deployment context', () => {
  it('reads cdk.json’s defaults into a complete deployment', () => {
    // GIVEN cdk.json's context, WHEN it is read
    const context = contextOf(cdkJsonContext());
    // THEN
    expect(context).toEqual({
      stackPrefix: 'Besluitvorming',
      mailFrom: 'besluitvorming@example.org',
      mailIdentity: 'domain',
      authDomainPrefix: 'istandaarden-besluitvorming-example',
      callbackUrls: [],
      customerManagedKey: false,
    });
  });

  it('takes -c values as strings: a comma-separated list and a boolean', () => {
    // GIVEN values as the CLI passes them
    const context = contextOf({
      ...cdkJsonContext(),
      callbackUrls: 'https://a.example/cb, https://b.example/cb',
      customerManagedKey: 'true',
      alarmEmail: 'ops@example.org',
    });
    // THEN
    expect(context.callbackUrls).toEqual(['https://a.example/cb', 'https://b.example/cb']);
    expect(context.customerManagedKey).toBe(true);
    expect(context.alarmEmail).toBe('ops@example.org');
  });

  it('refuses a missing mailFrom, naming the flag that sets it', () => {
    // GIVEN no mailFrom, WHEN / THEN
    expect(() => contextOf({ ...cdkJsonContext(), mailFrom: '' })).toThrow(
      /context mailFrom is missing.*-c mailFrom=/,
    );
  });

  it('refuses an unknown mailIdentity, showing the value received', () => {
    // WHEN / THEN
    expect(() => contextOf({ ...cdkJsonContext(), mailIdentity: 'dkim' })).toThrow(
      /'domain' or 'email', got 'dkim'/,
    );
  });

  it('refuses a mailFrom that is no address when the stacks are built', () => {
    // WHEN / THEN
    expect(() => synthesizeStacks({ mailFrom: 'besluitvorming' })).toThrow(
      /mailFrom 'besluitvorming' is not an e-mail address/,
    );
  });

  it('refuses an alarmTopicArn that is no SNS topic ARN, showing the value received', () => {
    // WHEN / THEN
    expect(() => contextOf({ ...cdkJsonContext(), alarmTopicArn: 'beheer-alarms' })).toThrow(
      /alarmTopicArn must be an SNS topic ARN .*got 'beheer-alarms'/,
    );
    expect(
      contextOf({ ...cdkJsonContext(), alarmTopicArn: 'arn:aws:sns:eu-west-1:123456789012:a' }).alarmTopicArn,
    ).toBe('arn:aws:sns:eu-west-1:123456789012:a');
  });
});
