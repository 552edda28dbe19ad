import { describe, expect, it } from 'vitest';
import { parseDefinition } from '#infra/local/engine/definition.ts';
import { datedEffectAsl, datedEffectDefinition } from '#statemachines/dated-effects/asl.ts';
import { substitute, validateAsl } from '#test/statemachines/harness/asl-validator.ts';

const FUNCTION = { EffectFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:dated-effect' };

describe('statemachines/dated-effects', () => {
  it('is valid Amazon States Language once its function is substituted', () => {
    const { isValid, errors } = validateAsl(substitute(datedEffectDefinition, FUNCTION));
    expect(errors).toBe('');
    expect(isValid).toBe(true);
  });

  it('stays within what the local engine runs (no Wait state), so local and cloud run the same definition', () => {
    const parsed = parseDefinition(datedEffectAsl());
    expect(parsed.StartAt).toBe('Time');
    expect(Object.values(parsed.States).map((s) => s.Type)).not.toContain('Wait');
  });

  it('waits for the day as a deadline does: a park whose task timeout is the seconds left, then times again', () => {
    const park = datedEffectDefinition.States.Park;
    expect(park).toMatchObject({
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      TimeoutSecondsPath: '$.timer.seconds',
      Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'Time' }],
    });
  });
});
