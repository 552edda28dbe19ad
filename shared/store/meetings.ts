// Meetings, their agendas and attendance.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type {
  AgendaEntry,
  MeetingRecord,
  MeetingWithAgenda,
  Page,
  PageRequest,
} from '#shared/ports/store.ts';
import { MeetingClosedError, MeetingExistsError, MeetingNotFoundError } from '#shared/ports/store-errors.ts';
import { putIfAbsent, queryGsi1, queryPartition, type StoreContext } from './context.ts';
import { meetingItem, recordOf } from './items.ts';
import { GSI1_PARTITION, meetingKey, meetingPk, SK } from './keys.ts';
import { queryPage } from './pages.ts';
import { isSingleWriteConflict, retryOnConflict } from './transactions.ts';

/** Creates the meeting; refuses to overwrite one with the same id. */
export async function putMeeting(ctx: StoreContext, meeting: MeetingRecord): Promise<void> {
  if (await putIfAbsent(ctx, meetingItem(meeting))) throw new MeetingExistsError(meeting.id);
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

/** The UpdateItem that applies `set` to a meeting only while it exists and is open. */
function openMeetingUpdate(ctx: StoreContext, meetingId: string, set: Readonly<Record<string, unknown>>) {
  const names = Object.keys(set);
  return new UpdateCommand({
    TableName: ctx.tableName,
    Key: meetingKey(meetingId),
    UpdateExpression: `SET ${names.map((name) => `#${name} = :${name}`).join(', ')}`,
    ConditionExpression: 'attribute_exists(pk) AND #status = :open',
    ExpressionAttributeNames: { '#status': 'status', ...Object.fromEntries(names.map((n) => [`#${n}`, n])) },
    ExpressionAttributeValues: {
      ':open': 'open',
      ...Object.fromEntries(Object.entries(set).map(([name, value]) => [`:${name}`, value])),
    },
    ReturnValues: 'ALL_NEW',
    // The old item comes back on failure, which tells "closed" from "missing" without a second read.
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  });
}

/**
 * Applies `set` to an open meeting, atomically with the check that it is open. The meeting item
 * also takes part in transitions (meetingOpenCheck), so their conflicts are retried.
 */
async function updateOpenMeeting(
  ctx: StoreContext,
  meetingId: string,
  set: Readonly<Record<string, unknown>>,
): Promise<MeetingRecord> {
  try {
    const { Attributes: item } = await retryOnConflict(
      () => ctx.client.send(openMeetingUpdate(ctx, meetingId, set)),
      isSingleWriteConflict,
    );
    return recordOf<MeetingRecord>(item ?? {});
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    throw error.Item === undefined ? new MeetingNotFoundError(meetingId) : new MeetingClosedError(meetingId);
  }
}

/** Replaces the meeting's attendance while it is open. */
export function recordAttendance(
  ctx: StoreContext,
  meetingId: string,
  present: readonly string[],
  at: string,
  request?: string,
): Promise<MeetingRecord> {
  const by = request === undefined ? {} : { attendanceByRequest: request };
  return updateOpenMeeting(ctx, meetingId, { present: [...present], attendanceRecordedAt: at, ...by });
}

/** Closes an open meeting (ends the objection window of the decisions taken in it). */
export function closeMeeting(
  ctx: StoreContext,
  meetingId: string,
  at: string,
  request?: string,
): Promise<MeetingRecord> {
  const by = request === undefined ? {} : { closedByRequest: request };
  return updateOpenMeeting(ctx, meetingId, { status: 'closed', closedAt: at, ...by });
}
