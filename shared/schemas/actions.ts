/**
 * The stable names of what a party can do with a proposal (DESIGN 5.1 `actions`). The model's
 * event types are internal and may be renamed; these names are public and may not.
 */
import * as z from 'zod';
import type { ProposalEventType } from '#statemachines/proposal-lifecycle/events.ts';

/** Model event → public action name, and the route that performs it. */
export const actionByEvent = {
  DRAFT: 'draft',
  SCHEDULE: 'schedule',
  WITHDRAW: 'withdraw',
  REQUEST_PAUSE: 'pause',
  DECIDE_PAUSE: 'decide-pause',
  CONSENSUS: 'record-consensus',
  OPEN_VOTE: 'open-vote',
  CLOSE_VOTE: 'close-vote',
  ESCALATE: 'escalate',
  OBJECT: 'object',
  MEETING_CLOSED: 'close-meeting',
  SUBMIT_ARGUMENTS: 'submit-arguments',
  WITHDRAW_OBJECTION: 'withdraw-objection',
  NO_DECISION: 'record-no-decision',
  SUBMIT_NOTE: 'submit-note',
  REVIEW_NOTE: 'review-note',
  MINISTRY_OUTCOME: 'record-ministry-outcome',
  FINAL_DECISION: 'final-decision',
} as const satisfies Record<ProposalEventType, string>;

/**
 * Actions on a voting round rather than model events: `vote` (the party's own ballot) and
 * `record-ballot` (the chair records a present party's ballot given in the room, DESIGN 2.2.5) on
 * `PUT /proposals/{id}/votes/{party}`; `request-accountability` (the chair asks an abstaining party)
 * and `answer-accountability` (that party answers) on `.../votes/{party}/accountability` (footnote 13).
 */
export const actionNames = [
  ...Object.values(actionByEvent),
  'vote',
  'record-ballot',
  'request-accountability',
  'answer-accountability',
] as const;

export type ActionName = (typeof actionNames)[number];

export const Action = z.enum(actionNames).meta({
  id: 'Action',
  description: 'Something the caller may do now with the proposal.',
});

/** The public action name of a model event type. */
export function actionOf(type: ProposalEventType): ActionName {
  return actionByEvent[type];
}
