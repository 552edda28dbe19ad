/**
 * What a transition does besides writing the proposal, its audit event and its signal, as values
 * (DESIGN 3.2): the core decides them, and only the store adapter knows which DynamoDB items they
 * become in the transition's one transaction. A new kind of effect is a new member here and one
 * case in the adapter (shared/store/transition-writes.ts, `transactItemOf`), nothing else.
 */
import type {
  AgendaEntry,
  DeadlineRecord,
  DecisionRecord,
  JsonObject,
  ReleaseEntryRecord,
  VotingRound,
} from './store.ts';

/** Every effect a transition can carry, told apart by `kind`. */
export type TransitionEffect =
  /** The meeting must exist and be open when the transaction commits (art. 7.2, DESIGN 2.2.9). */
  | { readonly kind: 'require-open-meeting'; readonly meetingId: string }
  /** The proposal goes on a meeting's agenda. */
  | { readonly kind: 'put-agenda-entry'; readonly entry: AgendaEntry }
  /** The proposal comes off a meeting's agenda. */
  | { readonly kind: 'remove-agenda-entry'; readonly meetingId: string; readonly proposalId: string }
  /** The proposal's open deadline is listed (replacing the one before). */
  | { readonly kind: 'list-deadline'; readonly deadline: DeadlineRecord }
  /** The proposal's open deadline is taken off the list. */
  | { readonly kind: 'unlist-deadline'; readonly proposalId: string }
  /** A voting round opens; it must not exist yet. */
  | { readonly kind: 'open-round'; readonly round: VotingRound }
  /** A round closes with its tally, if still open and no ballot came since `readRevision`. */
  | {
      readonly kind: 'close-round';
      readonly proposalId: string;
      readonly round: number;
      readonly readRevision: number;
      readonly closedAt: string;
      readonly tally: JsonObject;
    }
  /** The proposal's entry in the decision register is written (or rewritten). */
  | { readonly kind: 'register-decision'; readonly decision: DecisionRecord }
  /** A decision in force enters the release calendar (DESIGN 2.4). */
  | { readonly kind: 'enter-release-calendar'; readonly entry: ReleaseEntryRecord }
  /** The task token parked at `version` can answer nothing any more: it goes with the transition. */
  | { readonly kind: 'cancel-task-token'; readonly proposalId: string; readonly version: number }
  /**
   * A new proposal counts as one of its party's open proposals (issue 17, row 4); with `limit`, the
   * transaction is refused when the party has that many open already.
   */
  | { readonly kind: 'count-open-proposal'; readonly party: string; readonly limit?: number | undefined }
  /** A counted proposal reached a final phase (closed, withdrawn, dropped): one open proposal less. */
  | { readonly kind: 'uncount-open-proposal'; readonly party: string };
// The request's idempotency mark is not an effect of the transition: the store made for the request
// adds it to every write the request makes (RequestConditions, shared/store/request-writes.ts).

/** The kinds of effect, for exhaustive switches. */
export type TransitionEffectKind = TransitionEffect['kind'];

/** Counts a new proposal as open for `party`, refused at `limit` (see the effect). */
export const countOpenProposal = (party: string, limit?: number): TransitionEffect => ({
  kind: 'count-open-proposal',
  party,
  ...(limit === undefined ? {} : { limit }),
});

/** A counted proposal is no longer open. */
export const uncountOpenProposal = (party: string): TransitionEffect => ({
  kind: 'uncount-open-proposal',
  party,
});

/** Requires the meeting to be open when the transition commits (serialises against its closing). */
export const requireOpenMeeting = (meetingId: string): TransitionEffect => ({
  kind: 'require-open-meeting',
  meetingId,
});

/** Puts the proposal on a meeting's agenda. */
export const putAgendaEntry = (entry: AgendaEntry): TransitionEffect => ({ kind: 'put-agenda-entry', entry });

/** Takes the proposal off a meeting's agenda. */
export const removeAgendaEntry = (meetingId: string, proposalId: string): TransitionEffect => ({
  kind: 'remove-agenda-entry',
  meetingId,
  proposalId,
});

/** Lists the proposal's open deadline. */
export const listDeadline = (deadline: DeadlineRecord): TransitionEffect => ({
  kind: 'list-deadline',
  deadline,
});

/** Takes the proposal's open deadline off the list. */
export const unlistDeadline = (proposalId: string): TransitionEffect => ({
  kind: 'unlist-deadline',
  proposalId,
});

/** Opens a voting round. */
export const openRound = (round: VotingRound): TransitionEffect => ({ kind: 'open-round', round });

/** Closes a voting round with its tally (see the `close-round` member). */
export const closeRound = (
  input: Omit<Extract<TransitionEffect, { kind: 'close-round' }>, 'kind'>,
): TransitionEffect => ({
  kind: 'close-round',
  ...input,
});

/** Writes the proposal's entry in the decision register. */
export const registerDecision = (decision: DecisionRecord): TransitionEffect => ({
  kind: 'register-decision',
  decision,
});

/** Enters a decision in force into the release calendar. */
export const enterReleaseCalendar = (entry: ReleaseEntryRecord): TransitionEffect => ({
  kind: 'enter-release-calendar',
  entry,
});

/** Cancels the task token parked at `version`. */
export const cancelTaskToken = (proposalId: string, version: number): TransitionEffect => ({
  kind: 'cancel-task-token',
  proposalId,
  version,
});
