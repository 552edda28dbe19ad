// The covenant as versioned data (DESIGN 2.5, 6): versions, changes and signatures, notices and
// dated effects. The version in force on a day is one Query, newest first, Limit 1.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CovenantVersion } from '#shared/covenant/index.ts';
import type {
  ChangeSignature,
  CovenantChange,
  CovenantNotice,
  CovenantStore,
  DatedEffect,
} from '#shared/ports/covenant.ts';
import { putIfAbsent, queryGsi1, queryPartition, type StoreContext } from './context.ts';
import { type Item, recordOf, withoutUndefined } from './items.ts';
import {
  COVENANT_PK,
  changeSignatureKey,
  covenantChangeGsi1,
  covenantChangeKey,
  covenantHeadKey,
  covenantNoticeGsi1,
  covenantNoticeKey,
  covenantVersionKey,
  datedEffectGsi1,
  datedEffectKey,
  GSI1_PARTITION,
  SK,
  withdrawalKey,
} from './keys.ts';
import { transactForRequest, writeOne } from './request-writes.ts';
import { cancellationReasons, transactWrite } from './transactions.ts';

/** A covenant version as its table item (also the deploy's seed of version 1, infra/constructs/covenant-seed.ts). */
export const versionItem = (v: CovenantVersion): Item =>
  withoutUndefined({ ...covenantVersionKey(v.effectiveOn, v.id), ...v });

export async function getCovenantVersionInForce(
  ctx: StoreContext,
  day: string,
): Promise<CovenantVersion | undefined> {
  // `VERSION#<day>#~` sorts after every version effective on `day` ('~' follows the digits).
  const page = await ctx.client.send(
    new QueryCommand({
      TableName: ctx.tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': COVENANT_PK,
        ':from': SK.covenantVersion,
        ':to': `${SK.covenantVersion}${day}#~`,
      },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  const item = page.Items?.[0];
  return item === undefined ? undefined : recordOf<CovenantVersion>(item);
}

export async function listCovenantVersions(ctx: StoreContext): Promise<CovenantVersion[]> {
  const items = await queryPartition(ctx, COVENANT_PK, { prefix: SK.covenantVersion, consistent: true });
  return items.map((item) => recordOf<CovenantVersion>(item)).sort((a, b) => a.id - b.id);
}

export async function seedCovenantVersion(
  ctx: StoreContext,
  version: CovenantVersion,
): Promise<CovenantVersion> {
  const [first] = await listCovenantVersions(ctx);
  if (first) return first;
  const earlier = await putIfAbsent(ctx, versionItem(version));
  return earlier === undefined ? version : recordOf<CovenantVersion>(earlier);
}

export async function recordCovenantVersion(
  ctx: StoreContext,
  version: CovenantVersion,
  effectId: string,
): Promise<'recorded' | 'not-pending' | 'conflict'> {
  try {
    await transactWrite(ctx.client, ctx.tableName, [
      { Put: { Item: versionItem(version), ConditionExpression: 'attribute_not_exists(pk)' } },
      {
        Update: {
          Key: datedEffectKey(effectId),
          UpdateExpression: 'SET #status = :applied, appliedAs = :id',
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':applied': 'applied', ':pending': 'pending', ':id': version.id },
        },
      },
      {
        // The head names the latest version id: two effects at once cannot both take the next id.
        Update: {
          Key: covenantHeadKey(),
          UpdateExpression: 'SET latest = :id',
          ConditionExpression: 'attribute_not_exists(latest) OR latest = :previous',
          ExpressionAttributeValues: { ':id': version.id, ':previous': version.id - 1 },
        },
      },
    ]);
    return 'recorded';
  } catch (error) {
    const reasons = cancellationReasons(error);
    if (!reasons?.some((r) => r.Code === 'ConditionalCheckFailed')) throw error;
    return reasons[1]?.Code === 'ConditionalCheckFailed' ? 'not-pending' : 'conflict';
  }
}

export async function markDatedEffectApplied(ctx: StoreContext, effectId: string): Promise<boolean> {
  try {
    await ctx.client.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: datedEffectKey(effectId),
        UpdateExpression: 'SET #status = :applied',
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':applied': 'applied', ':pending': 'pending' },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export async function addCovenantChange(
  ctx: StoreContext,
  change: CovenantChange,
): Promise<CovenantChange | undefined> {
  const item = withoutUndefined({
    ...covenantChangeKey(change.id),
    ...covenantChangeGsi1(change.proposedAt, change.id),
    ...change,
  });
  const earlier = await putIfAbsent(ctx, item, change.id);
  return earlier === undefined ? undefined : recordOf<CovenantChange>(earlier);
}

export async function getCovenantChange(
  ctx: StoreContext,
  id: string,
): Promise<{ change: CovenantChange; signatures: ChangeSignature[] } | undefined> {
  const items = await queryPartition(ctx, covenantChangeKey(id).pk, { consistent: true });
  const changeItem = items.find((item) => item.sk === SK.covenantChange);
  if (!changeItem) return undefined;
  const signatures = items
    .filter((item) => String(item.sk).startsWith(SK.signature))
    .map((item) => recordOf<ChangeSignature>(item));
  return { change: recordOf<CovenantChange>(changeItem), signatures };
}

export async function listCovenantChanges(ctx: StoreContext): Promise<CovenantChange[]> {
  return (await queryGsi1(ctx, GSI1_PARTITION.covenantChanges)).map((item) => recordOf<CovenantChange>(item));
}

export async function addChangeSignature(
  ctx: StoreContext,
  signature: ChangeSignature,
): Promise<ChangeSignature | undefined> {
  const earlier = await putIfAbsent(ctx, {
    ...changeSignatureKey(signature.changeId, signature.party),
    ...signature,
  });
  return earlier === undefined ? undefined : recordOf<ChangeSignature>(earlier);
}

export async function addDatedEffect(
  ctx: StoreContext,
  effect: DatedEffect,
): Promise<DatedEffect | undefined> {
  const item = withoutUndefined({
    ...datedEffectKey(effect.id),
    ...datedEffectGsi1(effect.dueOn, effect.id),
    ...effect,
  });
  const earlier = await putIfAbsent(ctx, item);
  if (earlier === undefined) return undefined;
  const kept = recordOf<DatedEffect>(earlier);
  if (kept.status !== 'revoked') return kept;
  // A notice revoked and given again the same day: the same effect, pending again.
  try {
    await writeOne(ctx, {
      Put: {
        Item: item,
        ConditionExpression: '#status = :revoked',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':revoked': 'revoked' },
      },
    });
    return undefined;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return getDatedEffect(ctx, effect.id);
    throw error;
  }
}

export async function getDatedEffect(ctx: StoreContext, id: string): Promise<DatedEffect | undefined> {
  const [item] = await queryPartition(ctx, datedEffectKey(id).pk, { consistent: true });
  return item === undefined ? undefined : recordOf<DatedEffect>(item);
}

export async function listPendingDatedEffects(ctx: StoreContext): Promise<DatedEffect[]> {
  return (await queryGsi1(ctx, GSI1_PARTITION.datedEffects))
    .map((item) => recordOf<DatedEffect>(item))
    .filter((effect) => effect.status === 'pending');
}

export async function revokeWithdrawal(ctx: StoreContext, party: string, effectId: string): Promise<boolean> {
  // The effect outlives the notice: a resumed revocation answers from it (the id it changed).
  const changed = { createdId: effectId };
  try {
    await transactForRequest(
      ctx,
      [
        {
          Update: {
            Key: datedEffectKey(effectId),
            UpdateExpression: 'SET #status = :revoked',
            ConditionExpression: '#status = :pending',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':revoked': 'revoked', ':pending': 'pending' },
          },
        },
        { Delete: { Key: withdrawalKey(party), ConditionExpression: 'attribute_exists(pk)' } },
      ],
      changed,
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    if (cancellationReasons(error)?.some((r) => r.Code === 'ConditionalCheckFailed')) return false;
    throw error;
  }
}

export async function addCovenantNotice(
  ctx: StoreContext,
  notice: CovenantNotice,
): Promise<CovenantNotice | undefined> {
  const item = withoutUndefined({
    ...covenantNoticeKey(notice.id),
    ...covenantNoticeGsi1(notice.at, notice.id),
    ...notice,
  });
  const earlier = await putIfAbsent(ctx, item, notice.id);
  return earlier === undefined ? undefined : recordOf<CovenantNotice>(earlier);
}

export async function listCovenantNotices(ctx: StoreContext): Promise<CovenantNotice[]> {
  return (await queryGsi1(ctx, GSI1_PARTITION.covenantNotices)).map((item) => recordOf<CovenantNotice>(item));
}

/** {@link CovenantStore} on the single table; the DynamoDbStore exposes one as `store.covenant`. */
export class DynamoDbCovenantStore implements CovenantStore {
  constructor(private readonly ctx: StoreContext) {}
  getCovenantVersionInForce = (day: string) => getCovenantVersionInForce(this.ctx, day);
  listCovenantVersions = () => listCovenantVersions(this.ctx);
  seedCovenantVersion = (version: CovenantVersion) => seedCovenantVersion(this.ctx, version);
  recordCovenantVersion = (version: CovenantVersion, effectId: string) =>
    recordCovenantVersion(this.ctx, version, effectId);
  addCovenantChange = (change: CovenantChange) => addCovenantChange(this.ctx, change);
  getCovenantChange = (id: string) => getCovenantChange(this.ctx, id);
  listCovenantChanges = () => listCovenantChanges(this.ctx);
  addChangeSignature = (signature: ChangeSignature) => addChangeSignature(this.ctx, signature);
  addDatedEffect = (effect: DatedEffect) => addDatedEffect(this.ctx, effect);
  getDatedEffect = (id: string) => getDatedEffect(this.ctx, id);
  markDatedEffectApplied = (id: string) => markDatedEffectApplied(this.ctx, id);
  listPendingDatedEffects = () => listPendingDatedEffects(this.ctx);
  revokeWithdrawal = (party: string, effectId: string) => revokeWithdrawal(this.ctx, party, effectId);
  addCovenantNotice = (notice: CovenantNotice) => addCovenantNotice(this.ctx, notice);
  listCovenantNotices = () => listCovenantNotices(this.ctx);
}
