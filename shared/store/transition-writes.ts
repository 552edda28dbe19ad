// The store adapter's half of a transition's effects (shared/ports/effects.ts): which DynamoDB
// item each effect becomes in the transition's one transaction (`transactItemOf`), and the item
// builders it uses. Only the store knows keys and expressions. Pure functions, no AWS imports.
import type { TransitionEffect } from '#shared/ports/effects.ts';
import type {
  AgendaEntry,
  DeadlineRecord,
  DecisionRecord,
  ExpressionParts,
  ExtraWrite,
  JsonObject,
  ReleaseEntryRecord,
  VotingRound,
} from '#shared/ports/store.ts';
import {
  agendaItem,
  deadlineItem,
  decisionItem,
  releaseEntryItem,
  roundItem,
  withoutUndefined,
} from './items.ts';
import { agendaKey, deadlineKey, meetingKey, openProposalsKey, roundKey, tokenKey } from './keys.ts';
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

/** Sets the proposal's open deadline (replacing the previous one). */
export function putDeadlineWrite(deadline: DeadlineRecord): ExtraWrite {
  return { Put: { Item: deadlineItem(deadline) } };
}

/** Removes the proposal's open deadline (no-op when there is none). */
export function deleteDeadlineWrite(proposalId: string): ExtraWrite {
  return { Delete: { Key: deadlineKey(proposalId) } };
}

/** Writes (or rewrites) the proposal's entry in the decision register. */
export function putDecisionWrite(decision: DecisionRecord): ExtraWrite {
  return { Put: { Item: decisionItem(decision) } };
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
      return putDeadlineWrite(effect.deadline);
    case 'unlist-deadline':
      return deleteDeadlineWrite(effect.proposalId);
    case 'open-round':
      return openRoundWrite(effect.round);
    case 'close-round':
      return closeRoundWrite(effect);
    case 'register-decision':
      return putDecisionWrite(effect.decision);
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

function assertNever(effect: never): never {
  throw new TypeError(`unknown transition effect ${JSON.stringify(effect)}`);
}
