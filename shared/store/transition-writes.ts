// The store adapter's half of a transition's effects (shared/ports/effects.ts): which DynamoDB
// item each effect becomes in the transition's one transaction (`transactItemOf`; the decision and
// the open deadline are one item, the register entry: `effectWrites` writes it once), and the item
// builders it uses. Only the store knows keys and expressions. Pure functions, no AWS imports.
import type { TransitionEffect } from '#shared/ports/effects.ts';
import type {
  AgendaEntry,
  ExpressionParts,
  ExtraWrite,
  JsonObject,
  ReleaseEntryRecord,
  VotingRound,
} from '#shared/ports/store.ts';
import {
  agendaItem,
  DEADLINE_ATTRIBUTE,
  deadlineAttribute,
  releaseEntryItem,
  roundItem,
  withoutUndefined,
} from './items.ts';
import {
  agendaKey,
  deadlineGsi1,
  decisionKey,
  decisionListKey,
  meetingKey,
  openProposalsKey,
  roundKey,
  tokenKey,
} from './keys.ts';
import { encodeSnapshot, TALLY_ATTRIBUTE } from './snapshot-codec.ts';

/** Writes only when no item has this key yet. */
const NEW_ITEM = 'attribute_not_exists(pk)';

/**
 * The condition that closes a round: still open, and no ballot written since the caller read
 * `readRevision` (so the tally it computed counts every ballot). Exported for tests and for
 * anyone building the close write by hand.
 */
export function closeRoundCondition(readRevision: number): Required<ExpressionParts> {
  return {
    ConditionExpression: '#status = :open AND #revision = :readRevision',
    ExpressionAttributeNames: { '#status': 'status', '#revision': 'revision' },
    ExpressionAttributeValues: { ':open': 'open', ':readRevision': readRevision },
  };
}

/** Opens a voting round (it must not exist yet). */
export function openRoundWrite(round: VotingRound): ExtraWrite {
  return { Put: { Item: roundItem(round), ConditionExpression: NEW_ITEM } };
}

/** Closes a round with its tally, under {@link closeRoundCondition}. */
export function closeRoundWrite(input: {
  readonly proposalId: string;
  readonly round: number;
  readonly readRevision: number;
  readonly closedAt: string;
  readonly tally: JsonObject;
}): ExtraWrite {
  const condition = closeRoundCondition(input.readRevision);
  return {
    Update: {
      Key: roundKey(input.proposalId, input.round),
      // The tally compressed (snapshot-codec.ts): recordOf reads it back as `tally`.
      UpdateExpression: 'SET #status = :closed, #closedAt = :closedAt, #tally = :tally',
      ConditionExpression: condition.ConditionExpression,
      ExpressionAttributeNames: {
        ...condition.ExpressionAttributeNames,
        '#closedAt': 'closedAt',
        '#tally': TALLY_ATTRIBUTE,
      },
      ExpressionAttributeValues: {
        ...condition.ExpressionAttributeValues,
        ':closed': 'closed',
        ':closedAt': input.closedAt,
        ':tally': encodeSnapshot(withoutUndefined(input.tally)),
      },
    },
  };
}

/** The effects that write the proposal's register entry (its decision and its open deadline). */
export type RegisterEffect = Extract<
  TransitionEffect,
  { readonly kind: 'list-deadline' | 'unlist-deadline' | 'register-decision' }
>;

const isRegisterEffect = (effect: TransitionEffect): effect is RegisterEffect =>
  effect.kind === 'list-deadline' || effect.kind === 'unlist-deadline' || effect.kind === 'register-decision';

const registerProposalId = (effect: RegisterEffect) =>
  effect.kind === 'register-decision'
    ? effect.decision.proposalId
    : effect.kind === 'list-deadline'
      ? effect.deadline.proposalId
      : effect.proposalId;

/** A decision's optional fields: removed from the entry when the new decision has none. */
const OPTIONAL_DECISION_FIELDS = ['text', 'meetingId', 'objection', 'covenantVersion'] as const;

/**
 * ONE Update of the proposal's register entry (`PROPOSAL#<id>` / `DECISION`) for all its effects of
 * a transition (a transaction may write an item once): the decision with its key in gsi2
 * `DECISIONS` (written or rewritten), the open deadline as a map with its key in gsi1 `DEADLINES`
 * (listed, replacing the one before) or neither (unlisted). Unconditional, as the items were.
 */
export function registerEntryWrite(effects: readonly RegisterEffect[]): ExtraWrite {
  const first = effects[0];
  if (first === undefined) throw new RangeError('registerEntryWrite: no effect');
  const proposalId = registerProposalId(first);
  const assigned = new Map<string, unknown>();
  const removed = new Set<string>();
  const assign = (values: Record<string, unknown>) => {
    for (const [name, value] of Object.entries(values)) {
      assigned.set(name, value);
      removed.delete(name);
    }
  };
  const remove = (...names: string[]) => {
    for (const name of names) {
      removed.add(name);
      assigned.delete(name);
    }
  };
  for (const effect of effects) {
    if (effect.kind === 'register-decision') {
      const decision = withoutUndefined(effect.decision);
      assign({ ...decisionListKey(decision.decidedAt, proposalId), ...decision });
      remove(...OPTIONAL_DECISION_FIELDS.filter((name) => !(name in decision)));
    } else if (effect.kind === 'list-deadline') {
      assign({
        ...deadlineGsi1(effect.deadline.due, proposalId),
        [DEADLINE_ATTRIBUTE]: deadlineAttribute(effect.deadline),
      });
    } else {
      remove(DEADLINE_ATTRIBUTE, 'gsi1pk', 'gsi1sk');
    }
  }
  const names = Object.fromEntries([...assigned.keys(), ...removed].map((name) => [`#${name}`, name]));
  const sets = [...assigned.keys()].map((name) => `#${name} = :${name}`);
  const clauses = [
    ...(sets.length === 0 ? [] : [`SET ${sets.join(', ')}`]),
    ...(removed.size === 0 ? [] : [`REMOVE ${[...removed].map((name) => `#${name}`).join(', ')}`]),
  ];
  return {
    Update: {
      Key: decisionKey(proposalId),
      UpdateExpression: clauses.join(' '),
      ExpressionAttributeNames: names,
      ...(assigned.size === 0
        ? {}
        : { ExpressionAttributeValues: Object.fromEntries([...assigned].map(([n, v]) => [`:${n}`, v])) }),
    },
  };
}

/**
 * Writes a release calendar entry (DESIGN 2.4) in the transition that puts a decision setting an
 * implementation date in force; build the entries with `entriesFromDecision`
 * (shared/covenant/release-calendar.ts), one write per standard. Unconditional: the decision in
 * force is the agreement from then on, so it replaces an entry of the same version recorded before
 * (a later decision that moves a version's date wins); a condition could only keep the decision
 * from coming into force.
 */
export function putReleaseEntryWrite(entry: ReleaseEntryRecord): ExtraWrite {
  return { Put: { Item: releaseEntryItem(entry) } };
}

/**
 * Adds `delta` to the party's count of open proposals (one small item, created by the first ADD).
 * With `limit`, only while the count is below it: the cap holds under concurrent submissions, and
 * the submission reads nothing to check it.
 */
export function openProposalsWrite(party: string, delta: 1 | -1, limit?: number): ExtraWrite {
  return {
    Update: {
      Key: openProposalsKey(party),
      UpdateExpression: 'ADD #open :delta',
      ExpressionAttributeNames: { '#open': 'open' },
      ExpressionAttributeValues: { ':delta': delta, ...(limit === undefined ? {} : { ':limit': limit }) },
      ...(limit === undefined
        ? {}
        : { ConditionExpression: 'attribute_not_exists(#open) OR #open < :limit' }),
    },
  };
}

/** Puts a proposal on a meeting's agenda. Add {@link meetingOpenCheck} to require the meeting to be open. */
export function putAgendaEntryWrite(entry: AgendaEntry): ExtraWrite {
  return { Put: { Item: agendaItem(entry) } };
}

/** Takes a proposal off a meeting's agenda. */
export function deleteAgendaEntryWrite(meetingId: string, proposalId: string): ExtraWrite {
  return { Delete: { Key: agendaKey(meetingId, proposalId) } };
}

/**
 * Requires the meeting to exist and be open when the transaction commits, e.g. for an objection
 * (possible only until the chair closes the meeting): serialises it against closeMeeting().
 */
export function meetingOpenCheck(meetingId: string): ExtraWrite {
  return {
    ConditionCheck: {
      Key: meetingKey(meetingId),
      ConditionExpression: 'attribute_exists(pk) AND #status = :open',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':open': 'open' },
    },
  };
}

/** Deletes the token parked at `version`, in the transaction that leaves that state. */
export function taskTokenDelete(proposalId: string, version: number): ExtraWrite {
  return { Delete: { Key: tokenKey(proposalId, version) } };
}

/** The transaction item of one effect: the only place an effect meets DynamoDB. */
export function transactItemOf(effect: TransitionEffect): ExtraWrite {
  switch (effect.kind) {
    case 'require-open-meeting':
      return meetingOpenCheck(effect.meetingId);
    case 'put-agenda-entry':
      return putAgendaEntryWrite(effect.entry);
    case 'remove-agenda-entry':
      return deleteAgendaEntryWrite(effect.meetingId, effect.proposalId);
    case 'list-deadline':
    case 'unlist-deadline':
      return registerEntryWrite([effect]);
    case 'open-round':
      return openRoundWrite(effect.round);
    case 'close-round':
      return closeRoundWrite(effect);
    case 'register-decision':
      return registerEntryWrite([effect]);
    case 'enter-release-calendar':
      return putReleaseEntryWrite(effect.entry);
    case 'cancel-task-token':
      return taskTokenDelete(effect.proposalId, effect.version);
    case 'count-open-proposal':
      return openProposalsWrite(effect.party, 1, effect.limit);
    case 'uncount-open-proposal':
      return openProposalsWrite(effect.party, -1);
    default:
      return assertNever(effect);
  }
}

/**
 * The writes of a transition's effects, in order, with the register entry's effects as one write
 * where the first of them stood. `sources[i]` is the effect whose write is `writes[i]` (the first
 * of the register's), so a failed condition is named by its effect.
 */
export function effectWrites(effects: readonly TransitionEffect[]): {
  readonly writes: ExtraWrite[];
  readonly sources: TransitionEffect[];
} {
  const register = effects.filter(isRegisterEffect);
  const writes: ExtraWrite[] = [];
  const sources: TransitionEffect[] = [];
  for (const effect of effects) {
    if (isRegisterEffect(effect)) {
      if (effect !== register[0]) continue;
      writes.push(registerEntryWrite(register));
    } else {
      writes.push(transactItemOf(effect));
    }
    sources.push(effect);
  }
  return { writes, sources };
}

function assertNever(effect: never): never {
  throw new TypeError(`unknown transition effect ${JSON.stringify(effect)}`);
}
