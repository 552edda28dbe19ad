/**
 * Why the model refuses an event. Guards only answer yes or no; these checks also say why, so that
 * dispatch can tell the caller (forbidden → 403, covenant → 422).
 */

/** The caller's party or role may not send this event. */
export interface ForbiddenRefusal {
  readonly kind: 'forbidden';
  readonly reason: string;
}

/** A rule of the covenant refuses the event. */
export interface CovenantRefusal {
  readonly kind: 'covenant';
  /** Stable id of the rule, e.g. `attendance-quorum`. */
  readonly rule: string;
  /** The covenant article, e.g. `6.9`. */
  readonly article: string;
  readonly reason: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/**
 * Not a refusal a caller sees: the event is fine, it just takes another branch of the same
 * transition (a vote that decides versus one that does not).
 */
export interface RoutingMismatch {
  readonly kind: 'routing';
  readonly reason: string;
}

export type Refusal = ForbiddenRefusal | CovenantRefusal | RoutingMismatch;

export const forbidden = (reason: string): ForbiddenRefusal => ({ kind: 'forbidden', reason });

export const covenantRule = (
  rule: string,
  article: string,
  reason: string,
  details?: Record<string, unknown>,
): CovenantRefusal =>
  details
    ? { kind: 'covenant', rule, article, reason, details }
    : { kind: 'covenant', rule, article, reason };

export const routing = (reason: string): RoutingMismatch => ({ kind: 'routing', reason });
