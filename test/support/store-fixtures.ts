// Builders of store records for tests: valid defaults, overridable per test.
import { randomUUID } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { TransitionEffect } from '#shared/ports/effects.ts';
import type {
  Actor,
  CommitTransitionInput,
  MeetingRecord,
  ProposalRecord,
  TransitionSignal,
} from '#shared/ports/store.ts';

/** ZIN as chair, the usual actor of a transition. */
export const CHAIR: Actor = { party: 'ZIN', roles: ['chair'] };

/** The eight voting parties of the covenant (DESIGN 2.1). */
export const VOTING_PARTIES = ['ACTIZ', 'GGZ', 'JZN', 'VALENTE', 'VGN', 'ZTNL', 'VNG', 'CAK'] as const;

/** A fixed instant plus `seconds`, as ISO-8601: deterministic, ordered timestamps. */
export function at(seconds = 0): string {
  return new Date(Date.UTC(2025, 0, 6, 9, 0, seconds)).toISOString();
}

/** A new proposal at version 1, in phase `submitted`. */
export function newProposal(overrides: Partial<ProposalRecord> = {}): ProposalRecord {
  return {
    id: `p-${randomUUID()}`,
    title: 'iWmo release 3.3',
    description: 'Release contents of iWmo 3.3',
    standards: ['iWmo'],
    kind: 'release',
    submittedBy: 'VNG',
    phase: 'submitted',
    stateKey: 'submitted',
    snapshot: { status: 'active', value: 'submitted', context: { round: 0 } },
    version: 1,
    createdAt: at(0),
    updatedAt: at(0),
    ...overrides,
  };
}

/** The input that creates `proposal` (expected version 0, no signal). */
export function creation(proposal: ProposalRecord): CommitTransitionInput {
  return {
    proposal,
    expectedVersion: 0,
    event: {
      type: 'SUBMIT',
      by: { party: proposal.submittedBy, roles: [] },
      at: proposal.createdAt,
      fromState: '',
      toState: proposal.stateKey,
      payload: { title: proposal.title },
    },
  };
}

/** The input that moves `current` one version on, into `stateKey`/`phase`, with its signal. */
export function transition(
  current: ProposalRecord,
  change: {
    stateKey: string;
    phase?: string;
    type?: string;
    effects?: TransitionEffect[];
  } & Partial<ProposalRecord>,
): CommitTransitionInput {
  const { stateKey, type = 'EVENT', effects, ...rest } = change;
  const version = current.version + 1;
  const updatedAt = at(version);
  const proposal: ProposalRecord = {
    ...current,
    ...rest,
    stateKey,
    phase: change.phase ?? stateKey,
    version,
    updatedAt,
    snapshot: { status: 'active', value: stateKey },
  };
  const signal: TransitionSignal = { type, target: stateKey, version };
  return {
    proposal,
    expectedVersion: current.version,
    event: { type, by: CHAIR, at: updatedAt, fromState: current.stateKey, toState: stateKey, payload: {} },
    signal,
    ...(effects === undefined ? {} : { effects }),
  };
}

/** An open meeting without attendance. */
export function newMeeting(overrides: Partial<MeetingRecord> = {}): MeetingRecord {
  return {
    id: `m-${randomUUID()}`,
    date: '2025-02-03',
    title: 'Stuurgroep February',
    status: 'open',
    present: [],
    createdAt: at(0),
    ...overrides,
  };
}

/** A cancelled TransactWriteItems as DynamoDB throws it: one reason a write (a code, or a code with the old item). */
export function cancelled(...codes: Array<string | { Code: string; Item?: Record<string, unknown> }>) {
  return new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((code) => (typeof code === 'string' ? { Code: code } : code)) as never,
  });
}
