/**
 * The dated effects' workflow port on `@aws-sdk/client-sfn`: one execution of the dated-effect
 * state machine per effect, named after it (StartExecution is idempotent for the same name and input).
 */
import { ExecutionAlreadyExists, type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { DatedEffectsPort } from '#shared/ports/dated-effects.ts';
import type { DatedEffectExecutionInput } from '#statemachines/dated-effects/asl.ts';

export class SfnDatedEffects implements DatedEffectsPort {
  constructor(
    private readonly client: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  async start(effectId: string): Promise<void> {
    const input: DatedEffectExecutionInput = { effectId };
    try {
      await this.client.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name: effectId,
          input: JSON.stringify(input),
        }),
      );
    } catch (error) {
      // Started before (a retried schedule, a resume at start): the running execution carries it.
      if (!(error instanceof ExecutionAlreadyExists)) throw error;
    }
  }
}
