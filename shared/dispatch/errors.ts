/**
 * Why dispatch refused an event. Domain errors: they know nothing of HTTP; shared/http maps them
 * (409 not possible now, 403 forbidden, 422 covenant rule).
 */
import type { ProposalEventType } from '#statemachines/proposal-lifecycle/index.ts';

/** The event is not possible in the proposal's current state. */
export class EventNotPossibleError extends Error {
  constructor(
    readonly state: string,
    readonly phase: string,
    readonly possible: readonly ProposalEventType[],
    reason: string,
  ) {
    super(reason);
    this.name = 'EventNotPossibleError';
  }
}

/** The caller's party or role may not send this event. */
export class ForbiddenEventError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ForbiddenEventError';
  }
}

/** A rule of the covenant refuses the event. */
export class CovenantRuleError extends Error {
  constructor(
    readonly rule: string,
    readonly article: string,
    reason: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(reason);
    this.name = 'CovenantRuleError';
  }
}

/** A deadline event arrived before its deadline (a timer that fired early). */
export class DeadlineNotReachedError extends Error {
  constructor(
    readonly due: string,
    readonly remainingSeconds: number,
  ) {
    super(`the deadline is due at ${due}, ${remainingSeconds} s from now`);
    this.name = 'DeadlineNotReachedError';
  }
}

/** Other writers kept winning the race for the proposal; the caller may retry later. */
export class ConcurrentUpdateError extends Error {
  constructor(
    readonly proposalId: string,
    readonly attempts: number,
  ) {
    super(`proposal ${proposalId} changed concurrently ${attempts} times in a row; try again`);
    this.name = 'ConcurrentUpdateError';
  }
}
