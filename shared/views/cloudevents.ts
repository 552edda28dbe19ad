/**
 * Audit events as CloudEvents 1.0 messages following the NL GOV profile for CloudEvents: a
 * reverse-DNS `type` per kind of event, the proposal as `subject`, the event's own `time`, and
 * `dataref` to the resource a system reads for more. The data is minimal (NL GOV: no personal
 * data, nothing a party could not read anyway): what happened, by which party, from which phase
 * to which.
 */
import type { MeetingEvent } from '#shared/ports/integrations.ts';
import type { AuditEvent } from '#shared/ports/store.ts';
import { EVENT_TYPE_PREFIX, happenedByEvent } from '#shared/schemas/integrations.ts';
import type { ProposalEventType } from '#statemachines/proposal-lifecycle/events.ts';
import { isStateKey, phaseOf } from '#statemachines/proposal-lifecycle/phase.ts';
import { historyAction } from './history.ts';

export { EVENT_TYPE_PREFIX };

/** The last segment of an audit event's CloudEvents type. */
export function eventNameOf(type: string): string {
  if (type === 'SUBMIT') return 'proposal-submitted';
  if (type.startsWith('xstate.after.')) return 'deadline-passed';
  return Object.hasOwn(happenedByEvent, type)
    ? happenedByEvent[type as ProposalEventType]
    : historyAction(type);
}

/** A CloudEvents 1.0 message (structured mode, JSON). */
export interface CloudEvent {
  readonly specversion: '1.0';
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly subject: string;
  readonly time: string;
  readonly datacontenttype: 'application/json';
  readonly dataref: string;
  /** Extension: the event's place in the feed; `GET /events?after=` continues after it. */
  readonly sequence: string;
  readonly data: ProposalEventData | MeetingEventData;
}

/** What happened to a proposal. */
export interface ProposalEventData {
  readonly proposalId: string;
  readonly version: number;
  readonly action: string;
  readonly by: { readonly party: string };
  readonly fromPhase?: string;
  readonly toPhase?: string;
  /** The meeting the step concerns (scheduled on, voted in, closed), when it concerns one. */
  readonly meetingId?: string;
}

/** What happened to a meeting: created, attendance recorded, closed. */
export interface MeetingEventData {
  readonly meetingId: string;
  readonly step: MeetingEvent['step'];
  /** The meeting's date. */
  readonly date: string;
}

/**
 * The CloudEvent of a meeting's step (subject: the meeting). Its id holds the moment, as the
 * attendance may be recorded more than once.
 */
export function meetingCloudEventOf(event: MeetingEvent, cursor: string, apiBaseUrl: string): CloudEvent {
  const name =
    event.step === 'created'
      ? 'meeting-created'
      : event.step === 'closed'
        ? 'meeting-closed'
        : 'attendance-recorded';
  return {
    specversion: '1.0',
    id: `${event.meetingId}.${event.step}.${Date.parse(event.at)}`,
    source: `${apiBaseUrl}/meetings`,
    type: `${EVENT_TYPE_PREFIX}${name}`,
    subject: event.meetingId,
    time: event.at,
    datacontenttype: 'application/json',
    dataref: `${apiBaseUrl}/meetings/${encodeURIComponent(event.meetingId)}`,
    sequence: cursor,
    data: { meetingId: event.meetingId, step: event.step, date: event.date },
  };
}

const phase = (state: string) => (isStateKey(state) ? phaseOf(state) : undefined);

/**
 * The CloudEvent of an audit event. Its id is the proposal and version: unique, and the same each
 * time the event is delivered, so a receiver recognises a redelivery.
 * @param cursor the event's feed position as the API shows it
 */
export function cloudEventOf(event: AuditEvent, cursor: string, apiBaseUrl: string): CloudEvent {
  const fromPhase = phase(event.fromState);
  const toPhase = phase(event.toState);
  const proposalUrl = `${apiBaseUrl}/proposals/${encodeURIComponent(event.proposalId)}`;
  const { meetingId } = event.payload;
  return {
    specversion: '1.0',
    id: `${event.proposalId}.${event.version}`,
    source: `${apiBaseUrl}/proposals`,
    type: `${EVENT_TYPE_PREFIX}${eventNameOf(event.type)}`,
    subject: event.proposalId,
    time: event.at,
    datacontenttype: 'application/json',
    dataref: proposalUrl,
    sequence: cursor,
    data: {
      proposalId: event.proposalId,
      version: event.version,
      action: historyAction(event.type),
      by: { party: event.by.party },
      ...(fromPhase ? { fromPhase } : {}),
      ...(toPhase ? { toPhase } : {}),
      ...(typeof meetingId === 'string' ? { meetingId } : {}),
    },
  };
}
