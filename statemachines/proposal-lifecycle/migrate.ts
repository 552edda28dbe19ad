/**
 * Proposals stored before several objectors (art. 7.1 "tenminste één partij") kept one
 * `objection`; this reads such a context in today's shape. Pure; applied whenever a stored
 * snapshot is restored, so an old proposal moves on under today's model without a backfill.
 */
import type { Objection, ObjectionStatus, ProposalContext, RunningDeadline } from './context.ts';

/** The one objection of the old shape. */
interface LegacyObjection {
  readonly by: string;
  readonly reason: string;
  readonly lodgedAt: string;
  readonly arguments?: string;
  readonly alternativeProposal?: string;
  readonly argumentsReceivedAt?: string;
}

type StoredContext = Omit<ProposalContext, 'objections'> & {
  readonly objections?: readonly Objection[];
  readonly objection?: LegacyObjection;
};

function legacyStatus(stateKey: string, context: StoredContext): ObjectionStatus {
  if (stateKey === 'objection.inGroup.awaitingArguments') return 'awaiting-arguments';
  if (stateKey === 'objectionLapsed' || context.objectionResult === 'lapsed') return 'lapsed';
  if (stateKey === 'objectionWithdrawn' || context.objectionResult === 'withdrawn') return 'withdrawn';
  return 'argued';
}

/** The context in today's shape; a context already in it is returned as it is. */
export function migrateContext(stateKey: string, stored: StoredContext): ProposalContext {
  if (stored.objections !== undefined) return stored as ProposalContext;
  const { objection, ...rest } = stored;
  if (objection === undefined) return { ...rest, objections: [] };
  const status = legacyStatus(stateKey, stored);
  const argumentsDue: RunningDeadline | undefined =
    status === 'awaiting-arguments' && stored.deadline?.kind === 'arguments'
      ? { ...stored.deadline, party: objection.by }
      : undefined;
  const migrated: Objection = {
    ...objection,
    // The old model took objections only after a decision, against the outcome taken.
    against: stored.decision?.outcome === 'rejected' ? 'rejected' : 'adopted',
    takesEffectAt: objection.lodgedAt,
    status,
    ...(argumentsDue ? { argumentsDue } : {}),
  };
  return {
    ...rest,
    objections: [migrated],
    // The old model accepted no further objection once one was lodged: its window is over.
    decisionMeetingClosed: true,
    ...(argumentsDue ? { deadline: argumentsDue } : {}),
    ...(rest.decision && rest.decision.text === undefined
      ? { decision: { ...rest.decision, text: 'original' } }
      : {}),
  };
}
