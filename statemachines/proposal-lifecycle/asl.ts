/**
 * The lifecycle's compiled workflow: `proposal-lifecycle.asl.json`, written by `npm run build:asl`
 * and committed (the CDK stack and the local engine deploy it; a test fails when it is stale).
 */
import { defaultPolicy, loadDefaultRegister } from '#shared/covenant/index.ts';
import { toAslJson } from '#statemachines/compiler/index.ts';
import { createProposalMachine } from './machine.ts';

export const LIFECYCLE_ASL_PATH = new URL('./proposal-lifecycle.asl.json', import.meta.url);

/** The ASL text of the lifecycle model, as compiled now. */
export function lifecycleAsl(): string {
  return toAslJson(createProposalMachine(loadDefaultRegister(), defaultPolicy));
}
