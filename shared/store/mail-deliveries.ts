// Undelivered e-mail, suppressed mailboxes and the API's own e-mails that went out
// (shared/ports/mail-deliveries.ts). An undelivered
// e-mail is an audit event of its proposal (`EVENT#<version>#MAIL#<step>`, right after the
// transition that sent it), so the audit trail shows it without another read.
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  DeleteCommand,
  GetCommand,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import type {
  MailboxEvent,
  MailDeliveryStore,
  SentMail,
  UndeliveredMail,
} from '#shared/ports/mail-deliveries.ts';
import type { AuditEvent } from '#shared/ports/store.ts';
import { putIfAbsent, type StoreContext } from './context.ts';
import { mailboxKey, sentMailKey, undeliveredMailKey } from './keys.ts';

/** The audit event type of an undelivered e-mail. */
export const MAIL_UNDELIVERED = 'MAIL_UNDELIVERED';

/** Who records it: the system itself, not a party. */
const SYSTEM_ACTOR = { party: 'SYSTEM', roles: [] } as const;

/** BatchGetItem takes at most 100 keys. */
const BATCH = 100;

export class DynamoDbMailDeliveries implements MailDeliveryStore {
  constructor(private readonly ctx: StoreContext) {}

  async recordUndelivered(mail: UndeliveredMail): Promise<void> {
    const event: AuditEvent = {
      proposalId: mail.proposalId,
      version: mail.version,
      type: MAIL_UNDELIVERED,
      by: { ...SYSTEM_ACTOR, roles: [] },
      at: mail.at,
      fromState: mail.state,
      toState: mail.state,
      payload: {
        step: mail.step,
        kind: mail.kind,
        reason: mail.reason,
        recipients: mail.recipients,
        parties: [...mail.parties],
      },
    };
    await putIfAbsent(this.ctx, {
      ...undeliveredMailKey(mail.proposalId, mail.version, mail.step, mail.kind),
      ...event,
    });
  }

  async recordMailboxEvent(event: MailboxEvent): Promise<void> {
    await this.ctx.client.send(
      new PutCommand({
        TableName: this.ctx.tableName,
        Item: { ...mailboxKey(event.address), ...event, address: normalised(event.address) },
      }),
    );
  }

  async liftSuppression(addresses: readonly string[]): Promise<string[]> {
    const lifted: string[] = [];
    for (const address of new Set(addresses)) {
      const { Attributes } = await this.ctx.client.send(
        new DeleteCommand({
          TableName: this.ctx.tableName,
          Key: mailboxKey(address),
          ReturnValues: 'ALL_OLD',
        }),
      );
      if (Attributes && isSuppressing(Attributes as unknown as MailboxEvent)) lifted.push(address);
    }
    return lifted;
  }

  async recordSent(mail: SentMail): Promise<void> {
    // Bookkeeping of the mail, not a change the request makes: no idempotency mark goes with it.
    await this.ctx.client.send(
      new PutCommand({ TableName: this.ctx.tableName, Item: { ...sentMailKey(mail.messageId), ...mail } }),
    );
  }

  async wasSent(messageId: string): Promise<boolean> {
    const { Item } = await this.ctx.client.send(
      new GetCommand({ TableName: this.ctx.tableName, Key: sentMailKey(messageId), ConsistentRead: true }),
    );
    return Item !== undefined;
  }

  async suppressedAmong(addresses: readonly string[]): Promise<ReadonlySet<string>> {
    const suppressed = new Set<string>();
    const unique = [...new Set(addresses)];
    for (let i = 0; i < unique.length; i += BATCH) {
      const keys = unique.slice(i, i + BATCH).map(mailboxKey);
      let pending: Record<string, unknown>[] | undefined = keys;
      // Unprocessed keys (throttling) are asked again until none is left.
      while (pending && pending.length > 0) {
        const result: BatchGetCommandOutput = await this.ctx.client.send(
          new BatchGetCommand({
            RequestItems: { [this.ctx.tableName]: { Keys: pending, ConsistentRead: true } },
          }),
        );
        for (const item of result.Responses?.[this.ctx.tableName] ?? []) {
          const found = unique.find((a) => normalised(a) === item.address);
          if (found && isSuppressing(item as unknown as MailboxEvent)) suppressed.add(found);
        }
        pending = result.UnprocessedKeys?.[this.ctx.tableName]?.Keys;
      }
    }
    return suppressed;
  }
}

/** A hard bounce or a complaint stops the mail; a soft bounce does not. */
function isSuppressing(event: MailboxEvent): boolean {
  return event.kind === 'complaint' || event.detail === 'Permanent';
}

const normalised = (address: string): string => address.trim().toLowerCase();
