// Meetings, their agendas and attendance.

import type { MeetingEvent } from '#shared/ports/integrations.ts';
import type {
  AgendaEntry,
  MeetingRecord,
  MeetingWithAgenda,
  OpenVoteCheck,
  Page,
  PageRequest,
} from '#shared/ports/store.ts';
import { MAX_CLOSE_CHECKS } from '#shared/ports/store.ts';
import {
  AgendaTooLargeError,
  MeetingClosedError,
  MeetingExistsError,
  MeetingNotFoundError,
  VoteStillOpenError,
} from '#shared/ports/store-errors.ts';
import { queryGsi1, queryPartition, type StoreContext } from './context.ts';
import { meetingItem, recordOf } from './items.ts';
import {
  GSI1_PARTITION,
  meetingEventGsi1,
  meetingEventKey,
  meetingKey,
  meetingPk,
  proposalKey,
  SK,
} from './keys.ts';
import { queryPage } from './pages.ts';
import { transactForRequest } from './request-writes.ts';
import { cancellationReasons, conditionFailedAt, type TransactItem } from './transactions.ts';

/** A meeting's step in the event feed (DESIGN 5), written in the same transaction as the step. */
function meetingEventPut(
  meetingId: string,
  date: string,
  at: string,
  step: MeetingEvent['step'],
): TransactItem {
  const event: MeetingEvent = { meetingId, step, at, date };
  return {
    Put: {
      Item: { ...meetingEventKey(meetingId, at, step), ...meetingEventGsi1(at, meetingId, step), ...event },
    },
  };
}

/** Creates the meeting, with its step in the event feed; refuses to overwrite one with the same id. */
export async function putMeeting(ctx: StoreContext, meeting: MeetingRecord): Promise<void> {
  try {
    await transactForRequest(
      ctx,
      [
        { Put: { Item: meetingItem(meeting), ConditionExpression: 'attribute_not_exists(pk)' } },
        meetingEventPut(meeting.id, meeting.date, meeting.createdAt, 'created'),
      ],
      { createdId: meeting.id },
    );
  } catch (error) {
    const reasons = cancellationReasons(error);
    if (reasons && conditionFailedAt(reasons, 0)) throw new MeetingExistsError(meeting.id);
    throw error;
  }
}

/** The meeting and its agenda from ONE Query on its partition. */
export async function getMeeting(
  ctx: StoreContext,
  meetingId: string,
  consistent = false,
): Promise<MeetingWithAgenda | undefined> {
  const items = await queryPartition(ctx, meetingPk(meetingId), { consistent });
  const meetingItemFound = items.find((item) => item.sk === SK.meeting);
  if (meetingItemFound === undefined) return undefined;
  const agenda = items
    .filter((item) => String(item.sk).startsWith(SK.agenda))
    .map((item) => recordOf<AgendaEntry>(item));
  return { meeting: recordOf<MeetingRecord>(meetingItemFound), agenda };
}

/** All meetings from gsi1 `MEETINGS`, earliest date first. */
export async function listMeetings(ctx: StoreContext): Promise<MeetingRecord[]> {
  return (await queryGsi1(ctx, GSI1_PARTITION.meetings)).map((item) => recordOf<MeetingRecord>(item));
}

/** A page of the meetings from gsi1 `MEETINGS`, earliest date first. */
export async function pageMeetings(ctx: StoreContext, page: PageRequest): Promise<Page<MeetingRecord>> {
  const found = await queryPage(ctx, { index: 'gsi1', partition: GSI1_PARTITION.meetings }, page);
  return {
    items: found.items.map((item) => recordOf<MeetingRecord>(item)),
    ...(found.next === undefined ? {} : { next: found.next }),
  };
}

/** The Update that applies `set` to a meeting only while it exists and is open. */
function openMeetingUpdate(meetingId: string, set: Readonly<Record<string, unknown>>): TransactItem {
  const names = Object.keys(set);
  return {
    Update: {
      Key: meetingKey(meetingId),
      UpdateExpression: `SET ${names.map((name) => `#${name} = :${name}`).join(', ')}`,
      ConditionExpression: 'attribute_exists(pk) AND #status = :open',
      ExpressionAttributeNames: {
        '#status': 'status',
        ...Object.fromEntries(names.map((n) => [`#${n}`, n])),
      },
      ExpressionAttributeValues: {
        ':open': 'open',
        ...Object.fromEntries(Object.entries(set).map(([name, value]) => [`:${name}`, value])),
      },
      // The old item comes back on failure, which tells "closed" from "missing" without a second read.
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  } as TransactItem;
}

/**
 * A check, for the transaction that closes `meetingId`, that the proposal is not in a voting phase
 * of that meeting: passes when the item does not exist, is in another phase, or votes in another
 * meeting (the proposal item keeps `phase` and `meetingId`). `phases` must not be empty.
 */
export function notVotingCheck(
  proposalId: string,
  meetingId: string,
  phases: readonly string[],
): TransactItem {
  const names = phases.map((_, i) => `:phase${i}`);
  return {
    ConditionCheck: {
      Key: proposalKey(proposalId),
      // NOT (phase IN voting AND meetingId = this), spelled without NOT, IN or parentheses.
      ConditionExpression: [
        'attribute_not_exists(pk)',
        'attribute_not_exists(#meetingId)',
        '#meetingId <> :meetingId',
        names.map((name) => `#phase <> ${name}`).join(' AND '),
      ].join(' OR '),
      ExpressionAttributeNames: { '#phase': 'phase', '#meetingId': 'meetingId' },
      ExpressionAttributeValues: {
        ':meetingId': meetingId,
        ...Object.fromEntries(phases.map((phase, i) => [`:phase${i}`, phase])),
      },
    },
  };
}

/**
 * Applies `set` to an open meeting, atomically with the check that it is open, with the step's
 * entry in the event feed and with `checks` (after those two, at index 2 on). The meeting item
 * also takes part in transitions (meetingOpenCheck): transactWrite retries their conflicts.
 * @returns the new meeting, or the indexes (into `checks`) of the checks that failed
 */
async function updateOpenMeeting(
  ctx: StoreContext,
  meetingId: string,
  set: Readonly<Record<string, unknown>>,
  step: { readonly at: string; readonly step: MeetingEvent['step'] },
  checks: readonly TransactItem[] = [],
): Promise<MeetingRecord | { readonly failedChecks: readonly number[] }> {
  const current = await getMeeting(ctx, meetingId, true);
  if (!current) throw new MeetingNotFoundError(meetingId);
  try {
    await transactForRequest(ctx, [
      openMeetingUpdate(meetingId, set),
      meetingEventPut(meetingId, current.meeting.date, step.at, step.step),
      ...checks,
    ]);
  } catch (error) {
    const reasons = cancellationReasons(error);
    if (!reasons) throw error;
    if (conditionFailedAt(reasons, 0)) {
      throw reasons[0]?.Item === undefined
        ? new MeetingNotFoundError(meetingId)
        : new MeetingClosedError(meetingId);
    }
    // CancellationReasons are per item, in the transaction's order.
    const failedChecks = checks.map((_, i) => i).filter((i) => conditionFailedAt(reasons, i + 2));
    if (failedChecks.length === 0) throw error;
    return { failedChecks };
  }
  return { ...current.meeting, ...set } as MeetingRecord;
}

/** Replaces the meeting's attendance while it is open. */
export async function recordAttendance(
  ctx: StoreContext,
  meetingId: string,
  present: readonly string[],
  at: string,
): Promise<MeetingRecord> {
  return (await updateOpenMeeting(
    ctx,
    meetingId,
    { present: [...present], attendanceRecordedAt: at },
    { at, step: 'attendance-recorded' },
  )) as MeetingRecord;
}

/**
 * Closes an open meeting (ends the objection window of the decisions taken in it), in one
 * transaction with a {@link notVotingCheck} of each proposal of `openVotes`: a vote opened on one of
 * them before this commits refuses the close, and one opened after it is refused by its own check
 * that the meeting is open (meetingOpenCheck). An agenda longer than MAX_CLOSE_CHECKS is refused
 * before anything is sent: checking it in several transactions would let a vote open in between.
 * @throws VoteStillOpenError naming the proposals whose check failed, AgendaTooLargeError,
 *   MeetingClosedError, MeetingNotFoundError
 */
export async function closeMeeting(
  ctx: StoreContext,
  meetingId: string,
  at: string,
  openVotes?: OpenVoteCheck,
): Promise<MeetingRecord> {
  const phases = openVotes?.phases ?? [];
  const proposalIds = phases.length === 0 ? [] : [...new Set(openVotes?.proposalIds ?? [])];
  if (proposalIds.length > MAX_CLOSE_CHECKS) {
    throw new AgendaTooLargeError(meetingId, proposalIds.length, MAX_CLOSE_CHECKS);
  }
  const result = await updateOpenMeeting(
    ctx,
    meetingId,
    { status: 'closed', closedAt: at },
    { at, step: 'closed' },
    proposalIds.map((id) => notVotingCheck(id, meetingId, phases)),
  );
  if ('failedChecks' in result) {
    throw new VoteStillOpenError(
      meetingId,
      result.failedChecks.map((i) => proposalIds[i] as string),
    );
  }
  return result;
}
