/** Schemas of the event feed, webhook subscriptions and calendars (DESIGN 5). */
import * as z from 'zod';
import type { ProposalEventType } from '#statemachines/proposal-lifecycle/events.ts';
import { Instant, MeetingId, PAGE_SIZE, PartyId, Phase, ProposalId, pageQuery } from './common.ts';

// The CloudEvents types: the view (shared/views/cloudevents.ts) names each audit event with these.
/** The reverse-DNS prefix of every event type this system emits. */
export const EVENT_TYPE_PREFIX = 'nl.zorginstituut.istandaarden.besluitvorming.';

/** What happened, by the model event that made it happen: past tense, stable, public. */
export const happenedByEvent = {
  DRAFT: 'proposal-drafted',
  SCHEDULE: 'proposal-scheduled',
  WITHDRAW: 'proposal-withdrawn',
  REQUEST_PAUSE: 'pause-requested',
  DECIDE_PAUSE: 'pause-decided',
  CONSENSUS: 'consensus-recorded',
  OPEN_VOTE: 'vote-opened',
  CLOSE_VOTE: 'vote-closed',
  ESCALATE: 'proposal-escalated',
  OBJECT: 'objection-lodged',
  MEETING_CLOSED: 'meeting-closed',
  SUBMIT_ARGUMENTS: 'arguments-submitted',
  WITHDRAW_OBJECTION: 'objection-withdrawn',
  NO_DECISION: 'no-decision-recorded',
  SUBMIT_NOTE: 'escalation-note-submitted',
  REVIEW_NOTE: 'escalation-note-reviewed',
  MINISTRY_OUTCOME: 'ministry-outcome-recorded',
  FINAL_DECISION: 'final-decision-taken',
} as const satisfies Record<ProposalEventType, string>;

/** Every event type's last segment, for the OpenAPI document and subscription filters. */
export const eventNames = [
  'proposal-submitted',
  ...Object.values(happenedByEvent),
  'deadline-passed',
  // A meeting's own steps (shared/views/cloudevents.ts); its closing is `meeting-closed` above.
  'meeting-created',
  'attendance-recorded',
] as const;

const Cursor = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be the `next` (or an event’s `sequence`) you were given, unchanged');

export const EventsQuery = z
  .strictObject({
    after: Cursor.optional().meta({
      description: 'Continue after this position: the `next` of the previous page, or an event’s `sequence`.',
    }),
    limit: pageQuery.limit,
  })
  .meta({ description: `At most \`limit\` events (default ${PAGE_SIZE.default}).` });

export const EventName = z.enum(eventNames).meta({
  id: 'EventName',
  description: `The last segment of an event type (the type is \`${EVENT_TYPE_PREFIX}<name>\`).`,
});

export const CloudEvent = z
  .object({
    specversion: z.literal('1.0'),
    id: z.string().meta({
      description:
        'Unique per event: `<proposal>.<version>` (a meeting’s step: `<meeting>.<step>.<epoch ms>`); the same on every delivery.',
    }),
    source: z.string().meta({ description: 'The proposals (or the meetings) of this API: an absolute URI.' }),
    type: z.string().meta({
      description: `\`${EVENT_TYPE_PREFIX}<name>\`, e.g. \`${EVENT_TYPE_PREFIX}objection-lodged\`.`,
    }),
    subject: z
      .string()
      .meta({ description: 'The proposal (or, for a meeting’s own step, the meeting) the event is about.' }),
    time: Instant,
    datacontenttype: z.literal('application/json'),
    dataref: z
      .string()
      .meta({ description: 'The proposal (or meeting) the event changed: read it for the details.' }),
    sequence: z
      .string()
      .meta({ description: 'The event’s place in the feed; `GET /events?after=` continues after it.' }),
    data: z
      .union([
        z.object({
          proposalId: ProposalId,
          version: z.number().int(),
          action: z
            .string()
            .meta({ description: 'The action of the audit trail (`GET /proposals/{id}/history`).' }),
          by: z.object({ party: z.string() }),
          fromPhase: Phase.optional(),
          toPhase: Phase.optional(),
          meetingId: MeetingId.optional().meta({
            description:
              'The meeting the step concerns (scheduled on, voted in, closed): `GET /meetings/{id}`.',
          }),
        }),
        z.object({
          meetingId: MeetingId,
          step: z.enum(['created', 'attendance-recorded', 'closed']),
          date: z.string().meta({ description: 'The meeting’s date, YYYY-MM-DD.' }),
        }),
      ])
      .meta({
        description: 'A proposal’s step, or a meeting’s own step (created, attendance recorded, closed).',
      }),
  })
  .meta({ id: 'CloudEvent', description: 'A CloudEvents 1.0 message (NL GOV profile for CloudEvents).' });

export const EventFeed = z
  .object({
    events: z.array(CloudEvent),
    next: Cursor.optional().meta({
      description:
        'Where to continue: pass it as `after` (now for the rest, later for what happens next). Absent while the feed is empty.',
    }),
  })
  .meta({ id: 'EventFeed', description: 'Events oldest first; an event shows once it is 5 seconds old.' });

const SubscriptionId = z
  .string()
  .regex(/^s-[A-Za-z0-9_-]{16}$/, 'must be a subscription id, e.g. s-AbCdEfGhIjKlMnOp');

export const SubscriptionParams = z.object({ id: SubscriptionId });

export const CreateSubscriptionBody = z
  .strictObject({
    url: z.string().max(2_048).meta({
      description:
        'Where to POST each event: https on a public address (the local stack also takes http://127.0.0.1).',
      example: 'https://example.org/hooks/besluitvorming',
    }),
    types: z
      .array(z.union([EventName, z.string().startsWith(EVENT_TYPE_PREFIX).max(200)]))
      .min(1)
      .max(50)
      .optional()
      .meta({ description: 'Only these event types (names or full types); all without it.' }),
  })
  .meta({ id: 'CreateSubscriptionRequest' });

const DeadLetter = z.object({
  eventId: z.string(),
  failedAt: Instant,
  attempts: z.number().int(),
  lastError: z.string(),
  status: z.enum(['dead', 'redeliver']),
});

export const Subscription = z
  .object({
    id: SubscriptionId,
    url: z.string(),
    types: z.array(z.string()).optional(),
    createdAt: Instant,
    failing: z
      .object({
        since: Instant,
        attempts: z.number().int(),
        nextAttemptAt: Instant.optional(),
        lastError: z.string().optional(),
      })
      .optional()
      .meta({
        description: 'While an event keeps failing: retried with backoff, dead-lettered after 24 hours.',
      }),
    deadLetters: z
      .array(DeadLetter)
      .meta({ description: 'Events given up on; ask for them again with POST …/redelivery.' }),
  })
  .meta({ id: 'Subscription' });

export const CreatedSubscription = Subscription.extend({
  secret: z.string().meta({
    description: 'The Standard Webhooks signing secret (`whsec_…`). Shown this once: keep it.',
  }),
}).meta({ id: 'CreatedSubscription' });

export const SubscriptionList = z
  .object({ subscriptions: z.array(Subscription) })
  .meta({ id: 'SubscriptionList' });

export const RedeliveryBody = z
  .strictObject({
    eventIds: z.array(z.string().max(100)).min(1).max(200).optional().meta({
      description: 'The dead letters to send again (their `eventId`); all of them without it.',
    }),
  })
  .meta({ id: 'RedeliveryRequest' });

export const RedeliveryResult = z
  .object({ queued: z.array(z.string()) })
  .meta({ id: 'RedeliveryResult', description: 'The events queued for another attempt (within a minute).' });

const CalendarId = z
  .string()
  .regex(/^c-[A-Za-z0-9_-]{16}$/, 'must be a calendar id, e.g. c-AbCdEfGhIjKlMnOp');

export const CalendarParams = z.object({ id: CalendarId });

export const CalendarFileParams = z.object({
  party: PartyId,
  file: z.string().max(64).meta({ description: 'The secret and `.ics`, as the URL was given.' }),
});

export const CreatedCalendar = z
  .object({
    id: CalendarId,
    url: z.string().meta({
      description: 'The secret URL: a calendar app subscribes to it without a token. Shown this once.',
    }),
    createdAt: Instant,
  })
  .meta({ id: 'CreatedCalendar' });

export const ICalendarText = z.string().meta({ description: 'An iCalendar (RFC 5545) feed.' });

/** The body of a 204: none. */
export const NoContent = z.null().meta({ description: 'No body.' });
