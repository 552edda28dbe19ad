/**
 * What the core needs of the store for the covenant as versioned data (DESIGN 2.5, 6): its
 * versions, proposed changes and their signatures, notices (art. 12) and dated effects.
 */
import type { ChangeKind, CovenantVersion, Policy, RegisterChanges } from '#shared/covenant/index.ts';

/** A proposed change of the covenant (art. 9.2–9.4), as ZIN proposed it. */
export interface CovenantChange {
  readonly id: string;
  readonly kind: ChangeKind;
  readonly summary: string;
  readonly text: string;
  readonly registerChanges?: RegisterChanges;
  readonly policyChanges?: Partial<Policy>;
  /** The day it takes effect once every signatory has signed, `YYYY-MM-DD`. */
  readonly effectiveDate: string;
  readonly proposedBy: string;
  readonly proposedAt: string;
  /** The covenant version in force on the day it was proposed. */
  readonly proposedUnder: number;
  /** The parties of that register, members that day: every one must sign. */
  readonly signatories: readonly string[];
  /** An acceding party's own consent, part of its accession request (art. 9.4). */
  readonly consents?: readonly string[];
  /** The version it became, once in force. */
  readonly inForceAs?: number;
}

/** One party's signature under a change. */
export interface ChangeSignature {
  readonly changeId: string;
  readonly party: string;
  readonly at: string;
}

/** A notice under the information duty (art. 12). */
export interface CovenantNotice {
  readonly id: string;
  readonly by: string;
  readonly subject: string;
  readonly body: string;
  readonly at: string;
  readonly covenantVersion: number;
}

/** What happens by itself on a date: a withdrawal, a signed change, a renewal reminder. */
export type DatedEffectKind = 'withdrawal' | 'change' | 'renewal-reminder';

/** A durable dated effect: one workflow execution waits for its day (statemachines/dated-effects). */
export interface DatedEffect {
  /** Deterministic: `withdrawal-<party>-<noticeOn>`, `change-<id>`, `renewal-<renewsOn>`. */
  readonly id: string;
  readonly kind: DatedEffectKind;
  /** The day it takes effect, `YYYY-MM-DD` (Amsterdam). */
  readonly dueOn: string;
  /** The party (withdrawal), the change id (change) or the renewal date (renewal reminder). */
  readonly ref: string;
  readonly status: 'pending' | 'applied' | 'revoked';
  /** The version it created, once applied. */
  readonly appliedAs?: number;
}

/** The store's covenant items; one adapter per environment. */
export interface CovenantStore {
  /** The version in force on `day`: the latest whose effectiveOn is on or before it (one Query). */
  getCovenantVersionInForce(day: string): Promise<CovenantVersion | undefined>;
  /** Every version, oldest first. */
  listCovenantVersions(): Promise<CovenantVersion[]>;
  /** Writes version 1 unless the table has one; returns the version 1 that is there. */
  seedCovenantVersion(version: CovenantVersion): Promise<CovenantVersion>;
  /**
   * Writes `version` and marks `effectId` applied, in one transaction, while the effect is pending
   * and `version.id` follows the latest version. Nothing is written unless it answers `recorded`:
   * `not-pending` (applied before, or revoked), `conflict` (another version took the id: read again).
   */
  recordCovenantVersion(
    version: CovenantVersion,
    effectId: string,
  ): Promise<'recorded' | 'not-pending' | 'conflict'>;
  /** Marks a pending effect that writes no version (a reminder) applied; false if it was not pending. */
  markDatedEffectApplied(effectId: string): Promise<boolean>;
  /** Adds the change unless one with its id exists; returns the one that was there. */
  addCovenantChange(change: CovenantChange): Promise<CovenantChange | undefined>;
  /** The change with its signatures (one Query), or undefined. */
  getCovenantChange(
    id: string,
  ): Promise<{ change: CovenantChange; signatures: ChangeSignature[] } | undefined>;
  /** Every change, oldest first. */
  listCovenantChanges(): Promise<CovenantChange[]>;
  /** Records a signature unless that party signed; returns the earlier one. */
  addChangeSignature(signature: ChangeSignature): Promise<ChangeSignature | undefined>;
  /** Records the effect unless it exists (a revoked one becomes pending again); returns the one that was there. */
  addDatedEffect(effect: DatedEffect): Promise<DatedEffect | undefined>;
  getDatedEffect(id: string): Promise<DatedEffect | undefined>;
  /** The effects still pending, soonest first. */
  listPendingDatedEffects(): Promise<DatedEffect[]>;
  /** Revokes a pending effect and deletes the party's withdrawal notice, in one transaction; false if not pending. */
  revokeWithdrawal(party: string, effectId: string): Promise<boolean>;
  addCovenantNotice(notice: CovenantNotice): Promise<CovenantNotice | undefined>;
  /** Every notice, oldest first. */
  listCovenantNotices(): Promise<CovenantNotice[]>;
}
