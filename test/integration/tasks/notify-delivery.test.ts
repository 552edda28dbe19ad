/**
 * Mail never fails the workflow: the notify task against DynamoDB Local, with SES stood in for by
 * aws-sdk-client-mock. A refusal is recorded in the proposal's audit trail (GET /proposals/{id}/
 * history), throttling is retried with backoff, a hard-bounced mailbox is left out.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MessageRejected,
  SESv2Client,
  SendEmailCommand,
  TooManyRequestsException,
} from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createNotifyHandler } from '#functions/tasks/notify.ts';
import { createProposal, dispatch } from '#shared/dispatch/index.ts';
import {
  liftMailSuppression,
  partiesWithAddresses,
  SesMailer,
  UnknownPartyError,
} from '#shared/mail/index.ts';
import { OutboxMailer } from '#shared/mail/outbox-mailer.ts';
import type { UndeliveredMail } from '#shared/ports/mail-deliveries.ts';
import { historyView } from '#shared/views/history.ts';
import { notify as notifyAction } from '#statemachines/proposal-lifecycle/notifications.ts';
import { useDynamoDbLocal } from '../../support/dynamodb.ts';
import { depsFor, MEETING_DATE, openMeeting, register, TestClock, ZIN } from '../dispatch/support.ts';

const db = useDynamoDbLocal();
const ses = mockClient(SESv2Client);
const outbox = mkdtempSync(join(tmpdir(), 'outbox-'));
afterEach(() => ses.reset());
afterAll(() => {
  ses.restore();
  rmSync(outbox, { recursive: true, force: true });
});

const members = [...new Set(register.parties.flatMap((p) => p.representatives.map((r) => r.email)))];
/**
 * Who a decision is mailed to: every member but the ministry (DESIGN 2.3 with issue 18: VWS and its
 * DGLZ hear of a proposal only on the escalation steps).
 */
const informedOfDecision = register.parties.filter((p) => p.id !== 'VWS');

async function decided() {
  const { store } = await db.freshStore();
  const clock = new TestClock();
  const deps = depsFor(store, clock);
  await openMeeting(store, 'm-1', clock);
  const p = await createProposal(
    deps,
    {
      proposalId: `p-${Math.random().toString(36).slice(2)}`,
      title: 'Plan iEb',
      description: 'plan',
      standards: ['iEb'],
      kind: 'plan-of-approach',
    },
    { party: 'CAK', roles: [] },
  );
  const at = clock.now().toISOString();
  await dispatch(deps, p.id, { type: 'DRAFT', text: 'x', by: ZIN, at });
  await dispatch(deps, p.id, { type: 'SCHEDULE', meetingId: 'm-1', meetingDate: MEETING_DATE, by: ZIN, at });
  const done = await dispatch(deps, p.id, { type: 'CONSENSUS', outcome: 'adopted', by: ZIN, at });
  const payload = {
    proposalId: p.id,
    state: 'decided',
    version: done.proposal.version,
    action: 'notify',
    params: notifyAction('decision-taken').params,
  };
  return { store, clock, deps, payload };
}

function notifyWith(setup: Awaited<ReturnType<typeof decided>>, mailer: SesMailer | OutboxMailer) {
  const sleeps: number[] = [];
  const undelivered: UndeliveredMail[] = [];
  const notify = createNotifyHandler({
    store: setup.store,
    deliveries: setup.store,
    mailer,
    register,
    machine: setup.deps.machine,
    clock: setup.clock,
    mailFrom: 'besluitvorming@zorginstituut.example',
    webBaseUrl: 'http://localhost:3000',
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    onUndelivered: (mail) => undelivered.push(mail),
  });
  return { notify, sleeps, undelivered };
}

/** The audit trail as GET /proposals/{id}/history shows it. */
const historyOf = async (setup: Awaited<ReturnType<typeof decided>>) =>
  historyView(setup.payload.proposalId, await setup.store.listEvents(setup.payload.proposalId));

const sesMailer = () => new SesMailer({ client: new SESv2Client({ region: 'eu-west-1' }) });

describe('notify task delivery', () => {
  it('records an e-mail SES refuses in the audit trail, once, and answers normally', async () => {
    // GIVEN SES in its sandbox refuses every message
    const setup = await decided();
    ses
      .on(SendEmailCommand)
      .rejects(new MessageRejected({ message: 'Email address is not verified.', $metadata: {} }));
    const { notify, undelivered } = notifyWith(setup, sesMailer());
    // WHEN the notify task runs, and runs again (a retried task)
    await expect(notify(setup.payload)).resolves.toMatchObject({ outcome: 'undelivered' });
    await notify(setup.payload);
    // THEN the history shows one undelivered e-mail of the step, after the decision, without addresses
    const history = await historyOf(setup);
    const mail = history.events.filter((e) => e.action === 'mail-undelivered');
    expect(mail).toEqual([
      expect.objectContaining({
        version: setup.payload.version,
        by: { party: 'SYSTEM', roles: [] },
        toPhase: 'decided',
        details: {
          step: 'decision-taken',
          kind: 'refused',
          reason: 'MessageRejected',
          recipients: informedOfDecision.flatMap((p) => p.representatives).length,
          // Whom it did not reach, by party (the minutes' annex lists them; issue 14)
          parties: informedOfDecision.map((p) => p.id),
        },
      }),
    ]);
    expect(history.events.at(-2)?.action).not.toBe('mail-undelivered');
    expect(JSON.stringify(mail)).not.toContain('@');
    expect(undelivered).toHaveLength(2);
  });

  it('retries SES throttling with backoff, then sends', async () => {
    const setup = await decided();
    const throttled = new TooManyRequestsException({
      message: 'Maximum sending rate exceeded.',
      $metadata: {},
    });
    ses.on(SendEmailCommand).rejectsOnce(throttled).rejectsOnce(throttled).resolves({ MessageId: 'ses-1' });
    const { notify, sleeps } = notifyWith(setup, sesMailer());
    await expect(notify(setup.payload)).resolves.toMatchObject({ outcome: 'delivered' });
    expect(sleeps).toEqual([1000, 2000]);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(3);
  });

  it('records throttling that does not end as undelivered, after five attempts', async () => {
    const setup = await decided();
    ses.on(SendEmailCommand).rejects(new TooManyRequestsException({ message: 'slow down', $metadata: {} }));
    const { notify, sleeps } = notifyWith(setup, sesMailer());
    await expect(notify(setup.payload)).resolves.toMatchObject({ outcome: 'undelivered' });
    expect(sleeps).toEqual([1000, 2000, 4000, 8000]);
    const history = await historyOf(setup);
    expect(history.events.at(-1)).toMatchObject({
      action: 'mail-undelivered',
      details: { reason: 'throttled' },
    });
  });

  it('leaves out a hard-bounced mailbox and records it; a soft bounce does not suppress', async () => {
    // GIVEN one member's address bounced permanently and another's only softly
    const setup = await decided();
    const [hard, soft] = members;
    if (!hard || !soft) throw new Error('the register has fewer than two addresses');
    const at = setup.clock.now().toISOString();
    await setup.store.recordMailboxEvent({
      address: hard.toUpperCase(),
      kind: 'bounce',
      detail: 'Permanent',
      at,
    });
    await setup.store.recordMailboxEvent({ address: soft, kind: 'bounce', detail: 'Transient', at });
    const { notify } = notifyWith(setup, new OutboxMailer({ dir: outbox, clock: setup.clock }));
    // WHEN
    await expect(notify(setup.payload)).resolves.toMatchObject({ outcome: 'partly-delivered' });
    // THEN the others got it, and the history says one recipient was left out
    const history = await historyOf(setup);
    expect(history.events.at(-1)).toMatchObject({
      action: 'mail-undelivered',
      details: {
        kind: 'suppressed',
        reason: 'bounced-or-complained',
        recipients: 1,
        parties: partiesWithAddresses(register, [hard]),
      },
    });
  });

  it('mails a party again once its suppression is lifted (the register changed its addresses)', async () => {
    // GIVEN every address of the first party bounced permanently
    const setup = await decided();
    const party = register.parties[0];
    if (!party) throw new Error('empty register');
    const at = setup.clock.now().toISOString();
    for (const { email } of party.representatives) {
      await setup.store.recordMailboxEvent({ address: email, kind: 'bounce', detail: 'Permanent', at });
    }
    expect((await setup.store.suppressedAmong(members)).size).toBe(party.representatives.length);
    // WHEN the register change lifts the party's suppression
    const lifted = await liftMailSuppression(setup.store, { party: party.id, register });
    // THEN its addresses are mailed again, and lifting once more finds nothing to lift
    expect(lifted).toEqual(party.representatives.map((r) => r.email));
    expect((await setup.store.suppressedAmong(members)).size).toBe(0);
    const { notify } = notifyWith(setup, new OutboxMailer({ dir: outbox, clock: setup.clock }));
    await expect(notify(setup.payload)).resolves.toMatchObject({ outcome: 'delivered' });
    expect(
      await liftMailSuppression(setup.store, { address: party.representatives[0]?.email ?? '' }),
    ).toEqual([]);
  });

  it('refuses to lift the suppression of a party the register does not hold', async () => {
    const setup = await decided();
    expect(() => liftMailSuppression(setup.store, { party: 'NOPE', register })).toThrow(UnknownPartyError);
  });
});
