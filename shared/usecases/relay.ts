/**
 * Waking the workflow right after a dispatch (DESIGN 3.2, step 1). The transition is committed by
 * then: whatever happens here, the caller's request succeeded, and the relay loop (DynamoDB
 * Streams in the cloud, a polling loop locally) delivers what this attempt could not.
 */
import { initialSignal } from '#shared/dispatch/create.ts';
import type { DispatchResult } from '#shared/dispatch/dispatch.ts';
import { type RelayDeps, relayProposal, relaySignal, START_VERSION } from '#shared/dispatch/relay.ts';
import type { ParkedTaskToken, ProposalRecord, SignalRecord } from '#shared/ports/store.ts';
import type { AppDeps } from './deps.ts';

/** The signal a dispatch just wrote, and the token its read found parked for the state it left. */
export interface Dispatched {
  readonly record: SignalRecord;
  readonly parked?: ParkedTaskToken | undefined;
}

/** What relaying `result` needs: its signal as its event carries it (commitTransition) and the parked token. */
export function dispatchedOf(result: DispatchResult): Dispatched {
  const { proposal, signal, parked } = result;
  const record = {
    proposalId: proposal.id,
    fromVersion: proposal.version - 1,
    signal,
    createdAt: proposal.updatedAt,
  };
  return { record, ...(parked ? { parked } : {}) };
}

/** The start signal of a proposal just created (its row at version 0, shared/dispatch/create.ts). */
export function createdOf(proposal: ProposalRecord): Dispatched {
  const signal = initialSignal(proposal);
  return {
    record: { proposalId: proposal.id, fromVersion: START_VERSION, signal, createdAt: proposal.createdAt },
  };
}

/**
 * Relays the signal the dispatch just wrote — known, so not read back; the token its read found
 * is answered without a lookup — or, without one, every pending signal of the proposal (a Query).
 * Never throws.
 */
export async function relayAfterDispatch(
  deps: RelayDeps & Pick<AppDeps, 'logger'>,
  proposalId: string,
  dispatched?: Dispatched,
): Promise<void> {
  try {
    // 'not-parked': the park task will answer itself; 'gone': the token timed out or was answered.
    const outcomes = dispatched
      ? [await relaySignal(deps, dispatched.record, dispatched.parked)]
      : await relayProposal(deps, proposalId);
    deps.logger.debug('signals relayed', { proposalId, outcomes });
  } catch (error) {
    deps.logger.warn('relay failed; the relay loop will deliver the signal', { proposalId, error });
  }
}
