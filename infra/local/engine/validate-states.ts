// The checks particular to each state type.
import { CHOICE_OPERATORS, operatorsOf } from './choice.ts';
import type { ChoiceRule, EngineState } from './definition.ts';
import {
  checkFlow,
  checkNonNegative,
  checkPath,
  checkReferencePath,
  checkTarget,
  checkTemplate,
  invalid,
  isRecord,
  type Raw,
  type Scope,
  unsupported,
} from './validate-common.ts';
import { checkTask } from './validate-task.ts';

function checkRule(scope: Scope, rule: unknown, field: string): void {
  if (!isRecord(rule)) throw invalid(scope.where, `${field} must be an object`);
  for (const combinator of ['And', 'Or'] as const) {
    const inner = rule[combinator];
    if (inner === undefined) continue;
    if (!Array.isArray(inner) || inner.length === 0)
      throw invalid(scope.where, `${field}.${combinator} must be a non-empty list`);
    for (const [i, r] of inner.entries()) checkRule(scope, r, `${field}.${combinator}[${i}]`);
    return;
  }
  if (rule.Not !== undefined) {
    checkRule(scope, rule.Not, `${field}.Not`);
    return;
  }
  const operators = operatorsOf(rule as ChoiceRule);
  const unknown = operators.find((operator) => !CHOICE_OPERATORS.has(operator));
  if (unknown !== undefined) throw unsupported(scope.where, `Choice operator '${unknown}' in ${field}`);
  checkPath(scope, `${field}.Variable`, rule.Variable ?? null);
  if (operators.length !== 1) throw invalid(scope.where, `${field} needs exactly one comparison operator`);
}

function checkChoice(scope: Scope, raw: Raw): void {
  const choices = raw.Choices;
  if (!Array.isArray(choices) || choices.length === 0)
    throw invalid(scope.where, 'Choices must be a non-empty list');
  choices.forEach((rule: unknown, i) => {
    checkRule(scope, rule, `Choices[${i}]`);
    checkTarget(scope, `Choices[${i}].Next`, (rule as Raw).Next);
  });
  if (raw.Default !== undefined) checkTarget(scope, 'Default', raw.Default);
}

function checkWait(scope: Scope, raw: Raw): void {
  const given = ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'].filter(
    (key) => raw[key] !== undefined,
  );
  if (given.length !== 1)
    throw invalid(scope.where, 'needs exactly one of Seconds, SecondsPath, Timestamp, TimestampPath');
  checkFlow(scope, raw);
  checkNonNegative(scope, 'Seconds', raw.Seconds);
  checkPath(scope, 'SecondsPath', raw.SecondsPath);
  checkPath(scope, 'TimestampPath', raw.TimestampPath);
  if (raw.Timestamp !== undefined && Number.isNaN(Date.parse(String(raw.Timestamp)))) {
    throw invalid(scope.where, `Timestamp must be an ISO-8601 time, got ${JSON.stringify(raw.Timestamp)}`);
  }
}

function checkFail(scope: Scope, raw: Raw): void {
  if (raw.Error !== undefined && raw.ErrorPath !== undefined)
    throw invalid(scope.where, 'has both Error and ErrorPath');
  if (raw.Cause !== undefined && raw.CausePath !== undefined)
    throw invalid(scope.where, 'has both Cause and CausePath');
  checkPath(scope, 'ErrorPath', raw.ErrorPath);
  checkPath(scope, 'CausePath', raw.CausePath);
}

function checkPass(scope: Scope, raw: Raw): void {
  checkTemplate(scope, 'Parameters', raw.Parameters);
  checkReferencePath(scope, 'ResultPath', raw.ResultPath);
  checkFlow(scope, raw);
}

/** The checks particular to each state type. */
export const CHECKS: Readonly<Record<EngineState['Type'], (scope: Scope, raw: Raw) => void>> = {
  Task: checkTask,
  Pass: checkPass,
  Wait: checkWait,
  Choice: checkChoice,
  Succeed: () => undefined,
  Fail: checkFail,
};
