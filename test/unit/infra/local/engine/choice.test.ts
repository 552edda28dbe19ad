import { describe, expect, it } from 'vitest';
import { chooseNext, evaluateRule } from '#infra/local/engine/choice.ts';
import type { ChoiceRule, ChoiceState } from '#infra/local/engine/definition.ts';

const input = {
  signal: { type: 'OBJECT', target: 'objection.inGroup.awaitingArguments', version: 3, urgent: false },
  limit: 3,
  at: '2027-02-17T10:00:00Z',
  nothing: null,
};

const rule = (r: Record<string, unknown>) => r as ChoiceRule;

describe('Choice rules', () => {
  it.each([
    [{ Variable: '$.signal.type', StringEquals: 'OBJECT' }, true],
    [{ Variable: '$.signal.type', StringEquals: 'DRAFT' }, false],
    [{ Variable: '$.signal.target', StringMatches: 'objection.*' }, true],
    [{ Variable: '$.signal.target', StringMatches: 'objection' }, false],
    [{ Variable: '$.signal.type', StringLessThan: 'P' }, true],
    [{ Variable: '$.signal.version', NumericEquals: 3 }, true],
    [{ Variable: '$.signal.version', NumericGreaterThan: 3 }, false],
    [{ Variable: '$.signal.version', NumericLessThanEqualsPath: '$.limit' }, true],
    [{ Variable: '$.signal.urgent', BooleanEquals: false }, true],
    [{ Variable: '$.at', TimestampLessThan: '2027-02-18T00:00:00Z' }, true],
    [{ Variable: '$.at', TimestampEquals: '2027-02-17T11:00:00+01:00' }, true],
    [{ Variable: '$.nothing', IsNull: true }, true],
    [{ Variable: '$.signal.version', IsNumeric: true }, true],
    [{ Variable: '$.at', IsTimestamp: true }, true],
    [{ Variable: '$.signal.timeoutSeconds', IsPresent: false }, true],
    [{ Variable: '$.signal.type', IsPresent: true }, true],
  ])('evaluates %j to %s', (r, expected) => {
    expect(evaluateRule(rule(r), input)).toBe(expected);
  });

  it('never matches a value of another type than the comparison', () => {
    expect(evaluateRule(rule({ Variable: '$.signal.version', StringEquals: '3' }), input)).toBe(false);
    expect(evaluateRule(rule({ Variable: '$.signal.type', NumericEquals: 3 }), input)).toBe(false);
  });

  it('combines rules with And, Or and Not', () => {
    const object = { Variable: '$.signal.type', StringEquals: 'OBJECT' };
    const draft = { Variable: '$.signal.type', StringEquals: 'DRAFT' };
    expect(evaluateRule(rule({ And: [object, { Variable: '$.limit', NumericEquals: 3 }] }), input)).toBe(
      true,
    );
    expect(evaluateRule(rule({ And: [object, draft] }), input)).toBe(false);
    expect(evaluateRule(rule({ Or: [draft, object] }), input)).toBe(true);
    expect(evaluateRule(rule({ Not: draft }), input)).toBe(true);
  });

  it('treats a literal star escaped with a backslash as a star', () => {
    const stars = { name: 'a*b' };
    expect(evaluateRule(rule({ Variable: '$.name', StringMatches: 'a\\*b' }), stars)).toBe(true);
    expect(evaluateRule(rule({ Variable: '$.name', StringMatches: 'a\\*c' }), stars)).toBe(false);
  });

  it('fails the execution when the Variable points to nothing', () => {
    expect(() => evaluateRule(rule({ Variable: '$.signal.missing', StringEquals: 'x' }), input)).toThrow(
      expect.objectContaining({ error: 'States.Runtime' }),
    );
  });
});

describe('Choice state', () => {
  const route: ChoiceState = {
    Type: 'Choice',
    Choices: [
      { Variable: '$.signal.target', StringEquals: 'ready', Next: 'Park ready' },
      {
        And: [
          { Variable: '$.signal.type', StringEquals: 'OBJECT' },
          { Variable: '$.signal.target', StringEquals: 'objection.inGroup.awaitingArguments' },
        ],
        Next: 'Notify objection',
      },
    ],
    Default: 'Unexpected transition',
  };

  it('moves to the first matching rule, else to Default', () => {
    expect(chooseNext(route, input)).toBe('Notify objection');
    expect(chooseNext(route, { signal: { type: 'X', target: 'elsewhere' } })).toBe('Unexpected transition');
  });

  it('fails with States.NoChoiceMatched when nothing matches and there is no Default', () => {
    const { Default: _, ...withoutDefault } = route;
    expect(() => chooseNext(withoutDefault, { signal: { type: 'X', target: 'elsewhere' } })).toThrow(
      expect.objectContaining({ error: 'States.NoChoiceMatched' }),
    );
  });
});
