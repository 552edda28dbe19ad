/**
 * Dated-effect task (statemachines/dated-effects): times an effect, parks until its day, applies it.
 * One function for the three actions of the small workflow, like the lifecycle's park task.
 */
import { applyEffect, timeEffect } from '#shared/usecases/covenant-effects.ts';
import type { AppDeps } from '#shared/usecases/deps.ts';
import type { EffectTaskPayload, EffectTimer } from '#statemachines/dated-effects/asl.ts';
import { cloudMembershipEnded } from '../composition/access.ts';
import { cloudDepsWithMail } from '../composition/mail.ts';
import { onFirstCall } from '../composition/on-first-call.ts';
import { withTaskLogging } from '../composition/task-logging.ts';

/** What each action answers: `time` the timer, `park` and `apply` what they found. */
export type EffectTaskAnswer = EffectTimer | { readonly effectId: string; readonly status: string };

export const createDatedEffectHandler =
  (deps: AppDeps) =>
  async (payload: EffectTaskPayload): Promise<EffectTaskAnswer> => {
    switch (payload.action) {
      case 'time':
        return timeEffect(deps, payload.effectId);
      case 'park': {
        // The task's timeout is the timer (as a deadline's is, DESIGN 3.2): nothing answers the
        // token, and a revoked effect is found by the `time` step that follows the timeout.
        const effect = await deps.store.covenant.getDatedEffect(payload.effectId);
        return { effectId: payload.effectId, status: effect?.status ?? 'unknown' };
      }
      case 'apply':
        return { effectId: payload.effectId, status: await applyEffect(deps, payload.effectId) };
      default:
        throw new TypeError(`dated-effect task: unknown action in ${JSON.stringify(payload)}`);
    }
  };

/** The Lambda entry point, wired by the cloud composition root on first use. */
export const handler: ReturnType<typeof createDatedEffectHandler> = onFirstCall(async () =>
  // The membership seam: a withdrawal that takes effect closes the party's cloud access (art. 10).
  withTaskLogging(
    'dated-effect',
    createDatedEffectHandler({ ...(await cloudDepsWithMail()), membership: cloudMembershipEnded() }),
  ),
);
