/**
 * The cap on a party's open proposals (issue 17, row 4): one party tabling hundreds of items, each
 * starting a workflow execution, would starve the others and flood the agenda. A proposal is open
 * until it reaches a final phase (closed, withdrawn, dropped).
 */
import { OpenProposalCountError } from '#shared/ports/store-errors.ts';
import type { AppDeps } from './deps.ts';
import { OpenProposalLimitError } from './errors.ts';

/**
 * Open proposals a party may have at once. The steering group meets monthly and decides a handful
 * of items each time; 25 open items of one party is far more than any agenda holds.
 */
export const DEFAULT_OPEN_PROPOSALS_PER_PARTY = 25;

/** The most open proposals `party` may have at once, in these deps. */
export const openProposalLimit = (deps: Pick<AppDeps, 'openProposalsPerParty'>): number =>
  deps.openProposalsPerParty ?? DEFAULT_OPEN_PROPOSALS_PER_PARTY;

/**
 * The cap's refusal in the API's terms. The count is a per-party item that the proposal's creation
 * increments in its own transaction, under the condition that it is below the limit, and that the
 * transition into a final phase decrements (shared/dispatch/effects.ts): no read, no race.
 */
export function openProposalRefusal(error: unknown): unknown {
  return error instanceof OpenProposalCountError
    ? new OpenProposalLimitError(error.party, error.limit, error.limit)
    : error;
}
