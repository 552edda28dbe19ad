/**
 * The workflow side of the covenant's dated effects (DESIGN 2.5): one execution per effect waits
 * for its day (Step Functions in the cloud, the embedded engine locally), and the one seam through
 * which the rest of the system hears that a party's membership ended.
 */

/** Starts the execution that carries out a dated effect. */
export interface DatedEffectsPort {
  /** Starts it under a name derived from the effect id, so a repeated start is recognised. */
  start(effectId: string): Promise<void>;
}

/** "Membership ended for PARTY on DAY" (art. 10), called once a withdrawal has taken effect. */
export interface MembershipEndedPort {
  /**
   * The party is no member from `day` on. The cloud disables its app clients and users; the local
   * stack records it. Called again after a crash: must be idempotent.
   */
  membershipEnded(party: string, day: string): Promise<void>;
}
