// The one writer of a proposal's state: a transition as ONE TransactWriteItems.
//   [0] the proposal item, conditional on its version
//   [1] the audit event (new), carrying the transition's signal (DESIGN 3.2: no outbox row)
//   [..] the transition's effects, as items (the register entry's are one write)
// The proposal item is listed itself (gsi2 `PROPOSALS`, projecting only the listed fields): no
// list entry of its own is written (issue 16).
import type { CommitTransitionInput, ProposalRecord } from '#shared/ports/store.ts';
import {
  ExpectedVersionError,
  OpenProposalCountError,
  TransactionConditionError,
  VersionConflictError,
} from '#shared/ports/store-errors.ts';
import type { StoreContext } from './context.ts';
import { eventItem, proposalItem } from './items.ts';
import { proposalKey } from './keys.ts';
import { requestWriteError, requestWrites } from './request-writes.ts';
import {
  cancellationReasons,
  conditionFailedAt,
  describeWrite,
  rawNumber,
  type TransactItem,
  transactWrite,
} from './transactions.ts';
import { effectWrites } from './transition-writes.ts';

const NEW_ITEM = 'attribute_not_exists(pk)';
/** Attributes a transition never changes (keys and identity). */
const IMMUTABLE = new Set(['pk', 'sk', 'id', 'createdAt']);
/** Optional attributes: removed when the new record leaves them out. */
const OPTIONAL: readonly (keyof ProposalRecord)[] = ['implementationDate', 'meetingId', 'executionArn'];
/**
 * What an item written by an older version may still carry: the plain snapshot and the gsi1 keys
 * (the whole item was listed in gsi1). The item is listed in gsi2 from this transition on; on a
 * newer item removing absent attributes costs nothing.
 */
const OLDER_ATTRIBUTES = ['snapshot', 'gsi1pk', 'gsi1sk'] as const;

/** Creation: Put the proposal, which must not exist. */
function proposalCreate(proposal: ProposalRecord): TransactItem {
  return {
    Put: {
      Item: proposalItem(proposal),
      ConditionExpression: NEW_ITEM,
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/** A transition: SET every mutable attribute (gsi keys included) if the version is still the one read. */
export function proposalUpdate(proposal: ProposalRecord, expectedVersion: number): TransactItem {
  const item = proposalItem(proposal);
  const names: Record<string, string> = { '#version': 'version' };
  const values: Record<string, unknown> = { ':expectedVersion': expectedVersion };
  const sets: string[] = [];
  for (const [name, value] of Object.entries(item)) {
    if (IMMUTABLE.has(name)) continue;
    names[`#${name}`] = name;
    values[`:${name}`] = value;
    sets.push(`#${name} = :${name}`);
  }
  const removes = [...OPTIONAL.filter((name) => !(name in item)), ...OLDER_ATTRIBUTES];
  for (const name of removes) names[`#${name}`] = name;
  const remove = removes.length === 0 ? '' : ` REMOVE ${removes.map((name) => `#${name}`).join(', ')}`;
  return {
    Update: {
      Key: proposalKey(proposal.id),
      UpdateExpression: `SET ${sets.join(', ')}${remove}`,
      ConditionExpression: '#version = :expectedVersion',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

function assertVersions(input: CommitTransitionInput): void {
  const { expectedVersion, proposal } = input;
  if (
    !Number.isSafeInteger(expectedVersion) ||
    expectedVersion < 0 ||
    proposal.version !== expectedVersion + 1
  ) {
    throw new RangeError(
      `commitTransition: the new version must be expectedVersion + 1, got ${proposal.version} after ${expectedVersion}`,
    );
  }
}

/** Where the effects start in a transition's writes: after the proposal and the event. */
const EFFECTS_START = 2;

/**
 * The writes of a transition, in the order documented at the top of this file. Pure.
 * `listSignals: false` leaves the signal out of the local relay loop's list (see
 * DynamoDbStoreOptions.listSignals): the event carries it all the same.
 */
export function transitionWrites(
  input: CommitTransitionInput,
  options: { readonly listSignals?: boolean } = {},
): TransactItem[] {
  assertVersions(input);
  const { proposal, expectedVersion, signal } = input;
  const event = { ...input.event, proposalId: proposal.id, version: proposal.version };
  const carried = signal && {
    signal,
    takenByTask: input.signalTakenByTask === true,
    listed: options.listSignals !== false,
  };
  const writes: TransactItem[] = [
    expectedVersion === 0 ? proposalCreate(proposal) : proposalUpdate(proposal, expectedVersion),
    { Put: { Item: eventItem(event, carried), ConditionExpression: NEW_ITEM } },
  ];
  return [...writes, ...(effectWrites(input.effects ?? []).writes as TransactItem[])];
}

/** The effect whose write is at `index`, and its position among the effects (the register's are one write). */
function effectAt(input: CommitTransitionInput, index: number) {
  const effects = input.effects ?? [];
  const effect = effectWrites(effects).sources[index - EFFECTS_START];
  return effect === undefined ? undefined : { effect, position: effects.indexOf(effect) };
}

/** Names the write at `index` for a TransactionConditionError. */
function writeLabel(input: CommitTransitionInput, index: number): string {
  if (index === 1) return 'event';
  return `effects[${effectAt(input, index)?.position ?? '?'}]`;
}

/** Turns a cancelled transaction into the port's errors; other errors pass through. */
export function transitionError(
  error: unknown,
  input: CommitTransitionInput,
  writes: readonly TransactItem[],
): unknown {
  const reasons = cancellationReasons(error);
  if (reasons === undefined) return error;
  if (conditionFailedAt(reasons, 0)) {
    const actual = rawNumber(reasons[0]?.Item, 'version');
    return new VersionConflictError(input.proposal.id, input.expectedVersion, actual);
  }
  const index = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
  const write = writes[index];
  if (index < 0 || write === undefined) return error;
  const effect = effectAt(input, index)?.effect;
  if (effect?.kind === 'count-open-proposal' && effect.limit !== undefined) {
    return new OpenProposalCountError(effect.party, effect.limit);
  }
  return new TransactionConditionError(`${writeLabel(input, index)} ${describeWrite(write)}`, index);
}

/**
 * Commits a transition (see {@link transitionWrites}).
 * @throws VersionConflictError when the proposal is not at `expectedVersion`
 * @throws OpenProposalCountError when a `count-open-proposal` effect finds its party at the limit
 * @throws TransactionConditionError when the event's or an extra write's condition fails
 */
export async function commitTransition(ctx: StoreContext, input: CommitTransitionInput): Promise<void> {
  refuseBeyondExpected(ctx, input);
  const own = transitionWrites(input, { listSignals: ctx.listSignals !== false });
  // The request's writes go last, so the indexes documented at the top stay as they are.
  const extras = requestWrites(ctx, {
    createdId: input.expectedVersion === 0 ? input.proposal.id : undefined,
    updatesProposal: input.proposal.id,
  });
  try {
    await transactWrite(ctx.client, ctx.tableName, [...own, ...extras]);
  } catch (error) {
    throw requestWriteError(ctx, error, extras, own.length) ?? transitionError(error, input, own);
  }
}

/**
 * If-Match on this proposal (RequestConditions.proposalAt): the transition must start from the
 * version the request saw. Its own condition (`version = expectedVersion`) then makes that check
 * part of the transaction: a change that lands in between fails it, and the transition that would
 * follow from the newer version is refused here, never applied on top (no lost update).
 */
function refuseBeyondExpected(ctx: StoreContext, input: CommitTransitionInput): void {
  const at = ctx.request?.proposalAt;
  if (at === undefined || at.id !== input.proposal.id || input.expectedVersion <= at.version) return;
  throw new ExpectedVersionError(at.id, at.version, input.expectedVersion);
}
