/**
 * Tabling an agenda item (art. 6.2): the proposal's first state, written with version 1, together
 * with the signal that starts its workflow execution (carried by its first audit event, from version 0): the relay starts
 * the execution, so a crash between the write and the start heals like any other signal.
 */

import { initialTransition } from 'xstate';
import { countOpenProposal } from '#shared/ports/effects.ts';
import type { ProposalRecord, TransitionSignal } from '#shared/ports/store.ts';
import {
  type Caller,
  type ProposalInput,
  phaseOf,
  stateKeyOf,
} from '#statemachines/proposal-lifecycle/index.ts';
import type { DispatchDeps } from './dispatch.ts';
import { toStoredSnapshot } from './snapshot.ts';

export interface NewProposal extends Omit<ProposalInput, 'submittedBy' | 'submittedAt'> {
  readonly description: string;
}

/**
 * Creates the proposal in its initial state, counted as one of its party's open proposals (in the
 * same transaction; with `openLimit`, refused when the party has that many open already).
 * @throws VersionConflictError when the id exists
 * @throws OpenProposalCountError when the party is at `openLimit`
 */
export async function createProposal(
  deps: Pick<DispatchDeps, 'store' | 'machine' | 'clock'>,
  input: NewProposal,
  by: Caller,
  options: { readonly openLimit?: number } = {},
): Promise<ProposalRecord> {
  const now = deps.clock.now().toISOString();
  const { description, ...modelInput } = input;
  const [snapshot] = initialTransition(deps.machine, {
    ...modelInput,
    submittedBy: by.party,
    submittedAt: now,
  });
  const stateKey = stateKeyOf(snapshot.value as string);
  const proposal: ProposalRecord = {
    id: input.proposalId,
    title: input.title,
    description,
    standards: input.standards,
    kind: input.kind,
    ...(input.implementationDate ? { implementationDate: input.implementationDate } : {}),
    ...(input.standardVersion ? { standardVersion: input.standardVersion } : {}),
    submittedBy: by.party,
    phase: phaseOf(stateKey),
    stateKey,
    snapshot: toStoredSnapshot(snapshot) as unknown as ProposalRecord['snapshot'],
    version: 1,
    createdAt: now,
    updatedAt: now,
    countsAsOpen: true,
  };
  await deps.store.createProposal({
    proposal,
    event: {
      type: 'SUBMIT',
      by,
      at: now,
      fromState: '',
      toState: stateKey,
      payload: { title: input.title, standards: input.standards, kind: input.kind },
    },
    signal: initialSignal(proposal),
    effects: [countOpenProposal(by.party, options.openLimit)],
  });
  return proposal;
}

/** The input of a proposal's first workflow execution (DESIGN 3.2). */
export function initialSignal(proposal: Pick<ProposalRecord, 'stateKey' | 'version'>): TransitionSignal {
  return { type: 'xstate.init', target: proposal.stateKey, version: proposal.version };
}
