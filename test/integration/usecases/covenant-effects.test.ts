/**
 * The covenant's dated effects on DynamoDB Local: a task that applied an effect and died before
 * recording it runs again (Step Functions retries it); its e-mail must not go out twice.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it, vi } from 'vitest';
import { amsterdamDateOf, loadDefaultRegister } from '#shared/covenant/index.ts';
import type { MailerPort, OutgoingMessage } from '#shared/ports/mailer.ts';
import { applyEffect, ensureCovenant, renewalReminderAfter } from '#shared/usecases/covenant-effects.ts';
import { createAppDeps } from '#shared/usecases/deps.ts';
import { RecordingWorkflow } from '#test/integration/dispatch/support.ts';
import { useDynamoDbLocal } from '#test/support/dynamodb.ts';
import { TestClock } from '#test/unit/functions/http/support/app.ts';

const ddb = useDynamoDbLocal();

/** Every call is a delivery, as with SES (which does not recognise a Message-ID it sent before). */
class CountingMailer implements MailerPort {
  readonly sent: OutgoingMessage[] = [];
  async send(message: OutgoingMessage): Promise<void> {
    this.sent.push(message);
  }
}

/** Records the workflow's calls; no executions run here. */
class LocalWorkflow extends RecordingWorkflow {
  async listExecutions() {
    return [];
  }
  async proposalExecution() {
    return undefined;
  }
}

describe('shared/usecases/covenant-effects on DynamoDB Local', () => {
  it('e-mails the renewal reminder once when the task that sent it died before marking the effect applied', async () => {
    const { store } = await ddb.freshStore();
    const clock = new TestClock('2027-02-17T09:00:00.000Z');
    const mailer = new CountingMailer();
    const register = loadDefaultRegister();
    const deps = createAppDeps({
      store,
      workflow: new LocalWorkflow(),
      clock,
      register,
      logger: new Logger({ serviceName: 'besluitvorming-test', logLevel: 'SILENT' }),
      apiBaseUrl: 'https://api.besluitvorming.example',
      mail: { mailer, from: 'stuurgroep@besluitvorming.example', messageIdDomain: 'besluitvorming.example' },
    });
    await ensureCovenant(deps);
    const reminder = renewalReminderAfter(
      register.covenantSignedOn,
      amsterdamDateOf(clock.now().toISOString()),
    );
    clock.advanceDays((Date.parse(`${reminder.dueOn}T12:00:00Z`) - clock.now().getTime()) / 86_400_000);
    const crash = vi
      .spyOn(store.covenant, 'markDatedEffectApplied')
      .mockRejectedValueOnce(new Error('crashed after the e-mail went out'));

    await expect(applyEffect(deps, reminder.id)).rejects.toThrow('crashed');
    crash.mockRestore();
    expect(await applyEffect(deps, reminder.id)).toBe('applied');

    expect(mailer.sent.filter((m) => m.step === 'covenant-renewal')).toHaveLength(1);
    expect((await store.covenant.getDatedEffect(reminder.id))?.status).toBe('applied');
  });
});
