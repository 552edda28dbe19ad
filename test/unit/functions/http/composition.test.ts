import { describe, expect, it } from 'vitest';
import { cloudDeps } from '#functions/composition/app.ts';
import { cloudNotifyDeps } from '#functions/composition/notify.ts';
import { cloudWorkflowDeps } from '#functions/composition/workflow.ts';
import { ConfigError, parseCloudEnv } from '#shared/config/env.ts';
import { DynamoDbStore } from '#shared/store/dynamodb-store.ts';
import { SfnWorkflow } from '#shared/workflow/sfn-workflow.ts';

const env = {
  TABLE_NAME: 'besluitvorming',
  STATE_MACHINE_ARN: 'arn:aws:states:eu-west-1:123456789012:stateMachine:proposal-lifecycle',
  API_BASE_URL: 'https://api.besluitvorming.example/',
  AWS_REGION: 'eu-west-1',
  // One environment per container: the first call parses it for every composition root.
  MAIL_FROM: 'besluitvorming@zorginstituut.example',
};

describe('shared/config/env', () => {
  it('names every missing or malformed variable', () => {
    const error = (() => {
      try {
        parseCloudEnv({ STATE_MACHINE_ARN: 'not-an-arn', API_BASE_URL: 'ftp://x' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.split(':')[0])).toEqual([
      'TABLE_NAME',
      'STATE_MACHINE_ARN',
      'API_BASE_URL',
    ]);
  });
});

describe('functions/composition', () => {
  it('wires the cloud adapters once, from the environment', () => {
    const deps = cloudDeps(env);
    expect(deps.store).toBeInstanceOf(DynamoDbStore);
    expect(deps.workflow).toBeInstanceOf(SfnWorkflow);
    expect(deps.apiBaseUrl).toBe('https://api.besluitvorming.example');
    expect(deps.register.parties).toHaveLength(11);
    expect(cloudDeps(env)).toBe(deps);
  });
});

describe('functions/composition: workflow tasks', () => {
  it('gives each task what it needs, and the notify task an SES mailer from MAIL_FROM', async () => {
    const { SesMailer } = await import('#shared/mail/index.ts');
    const workflow = cloudWorkflowDeps(env);
    expect(workflow.workflow).toBeInstanceOf(SfnWorkflow);
    expect(workflow.store).toBeInstanceOf(DynamoDbStore);
    expect(workflow.store).toBe(cloudDeps(env).store);
    const notify = cloudNotifyDeps(env);
    expect(notify.mailer).toBeInstanceOf(SesMailer);
    expect(notify.mailFrom).toBe('besluitvorming@zorginstituut.example');
  });
});
