/**
 * The cap on a party's open proposals (issue 17, row 4): one party tabling hundreds of items, each
 * starting a workflow execution, would starve the others and flood the agenda. A proposal is open
 * until it reaches a final phase (closed, withdrawn, dropped).
 */
import { finalPhases, phases } from '#statemachines/proposal-lifecycle/phase.ts';
import type { AppDeps } from './deps.ts';
import { OpenProposalLimitError } from './errors.ts';

/**
 * Open proposals a party may have at once. The steering group meets monthly and decides a handful
 * of items each time; 25 open items of one party is far more than any agenda holds.
 */
export const DEFAULT_OPEN_PROPOSALS_PER_PARTY = 25;

/** The phases of an open proposal. */
const OPEN_PHASES = phases.filter((phase) => !finalPhases.has(phase));

/**
 * Refuses a new proposal of `party` when it has the most open proposals it may have. A retried
 * submission whose proposal exists already passes: it creates nothing.
 * @throws OpenProposalLimitError
 */
export async function assertOpenProposalCap(deps: AppDeps, party: string, proposalId: string): Promise<void> {
  const limit = deps.openProposalsPerParty ?? DEFAULT_OPEN_PROPOSALS_PER_PARTY;
  const open = await deps.store.countProposalsBy(party, OPEN_PHASES);
  if (open < limit) return;
  if (await deps.store.getProposalItem(proposalId, { consistent: true })) return;
  throw new OpenProposalLimitError(party, open, limit);
}
