/**
 * Waking the workflow right after a dispatch (DESIGN 3.2, step 1). The transition is committed by
 * then: whatever happens here, the caller's request succeeded, and the relay loop (DynamoDB
 * Streams in the cloud, a polling loop locally) delivers what this attempt could not.
 */
import { type RelayDeps, relayProposal } from '#shared/dispatch/relay.ts';
import type { AppDeps } from './deps.ts';

/** Relays the proposal's pending signals; never throws. */
export async function relayAfterDispatch(
  deps: RelayDeps & Pick<AppDeps, 'logger'>,
  proposalId: string,
): Promise<void> {
  try {
    // 'not-parked': the park task will answer itself; 'gone': the token timed out or was answered.
    const outcomes = await relayProposal(deps, proposalId);
    deps.logger.debug('signals relayed', { proposalId, outcomes });
  } catch (error) {
    deps.logger.warn('relay failed; the relay loop will deliver the signal', { proposalId, error });
  }
}
