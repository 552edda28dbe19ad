import type { EventBridgeEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createMailEventsHandler, mailboxEventsOf } from '#functions/tasks/mail-events.ts';
import type { MailboxEvent } from '#shared/ports/mail-deliveries.ts';

/** An SES event as EventBridge delivers it (the parts that matter). */
const sesEvent = (detailType: string, detail: unknown): EventBridgeEvent<string, unknown> =>
  ({ 'detail-type': detailType, source: 'aws.ses', detail }) as EventBridgeEvent<string, unknown>;

const bounce = {
  eventType: 'Bounce',
  bounce: {
    bounceType: 'Permanent',
    bounceSubType: 'General',
    bouncedRecipients: [{ emailAddress: 'rep@actiz.example' }, { emailAddress: 'old@vng.example' }],
    timestamp: '2027-03-20T09:00:05.000Z',
  },
  mail: { messageId: 'x', destination: ['rep@actiz.example', 'old@vng.example'] },
};

function recording() {
  const recorded: MailboxEvent[] = [];
  const logged: unknown[] = [];
  const handler = createMailEventsHandler({
    deliveries: { recordMailboxEvent: async (event) => void recorded.push(event) },
    logger: {
      info: (...args: unknown[]) => void logged.push(args),
      warn: (...args: unknown[]) => void logged.push(args),
    },
  });
  return { handler, recorded, logged };
}

describe('mail-events task', () => {
  it('records every bounced recipient with the bounce type, and logs no address', async () => {
    const { handler, recorded, logged } = recording();
    await expect(handler(sesEvent('Email Bounced', bounce))).resolves.toEqual({ recorded: 2 });
    expect(recorded).toEqual([
      { address: 'rep@actiz.example', kind: 'bounce', detail: 'Permanent', at: '2027-03-20T09:00:05.000Z' },
      { address: 'old@vng.example', kind: 'bounce', detail: 'Permanent', at: '2027-03-20T09:00:05.000Z' },
    ]);
    expect(JSON.stringify(logged)).not.toContain('@');
  });

  it('records a complaint with its feedback type', () => {
    const complaint = {
      eventType: 'Complaint',
      complaint: {
        complainedRecipients: [{ emailAddress: 'rep@ggz.example' }],
        complaintFeedbackType: 'abuse',
        timestamp: '2027-03-21T10:00:00.000Z',
      },
    };
    expect(mailboxEventsOf(complaint)).toEqual([
      { address: 'rep@ggz.example', kind: 'complaint', detail: 'abuse', at: '2027-03-21T10:00:00.000Z' },
    ]);
  });

  it('records nothing for another event type, and says so in the log', async () => {
    const { handler, recorded, logged } = recording();
    await expect(handler(sesEvent('Email Delivered', { eventType: 'Delivery' }))).resolves.toEqual({
      recorded: 0,
    });
    expect(recorded).toEqual([]);
    expect(logged).toHaveLength(1);
  });
});
