// The checks of a Task: its resource, payload templates, timeout, Retry and Catch.
import { TASK_RESOURCES } from './definition.ts';
import {
  checkErrorNames,
  checkFields,
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

const RETRIER_FIELDS = [
  'ErrorEquals',
  'IntervalSeconds',
  'MaxAttempts',
  'BackoffRate',
  'MaxDelaySeconds',
  'Comment',
];
const CATCHER_FIELDS = ['ErrorEquals', 'ResultPath', 'Next', 'Comment'];

function checkRetry(scope: Scope, retriers: unknown): void {
  if (retriers === undefined) return;
  if (!Array.isArray(retriers)) throw invalid(scope.where, 'Retry must be a list');
  retriers.forEach((retrier: unknown, i) => {
    const field = `Retry[${i}]`;
    if (!isRecord(retrier)) throw invalid(scope.where, `${field} must be an object`);
    checkFields(scope.where, retrier, RETRIER_FIELDS, `${field} field`);
    checkErrorNames(scope, field, retrier);
    checkNonNegative(scope, `${field}.IntervalSeconds`, retrier.IntervalSeconds, 1);
    checkNonNegative(scope, `${field}.MaxAttempts`, retrier.MaxAttempts);
    checkNonNegative(scope, `${field}.BackoffRate`, retrier.BackoffRate, 1);
    checkNonNegative(scope, `${field}.MaxDelaySeconds`, retrier.MaxDelaySeconds, 1);
  });
}

function checkCatch(scope: Scope, catchers: unknown): void {
  if (catchers === undefined) return;
  if (!Array.isArray(catchers)) throw invalid(scope.where, 'Catch must be a list');
  catchers.forEach((catcher: unknown, i) => {
    const field = `Catch[${i}]`;
    if (!isRecord(catcher)) throw invalid(scope.where, `${field} must be an object`);
    checkFields(scope.where, catcher, CATCHER_FIELDS, `${field} field`);
    checkErrorNames(scope, field, catcher);
    checkTarget(scope, `${field}.Next`, catcher.Next);
    checkReferencePath(scope, `${field}.ResultPath`, catcher.ResultPath);
  });
}

function checkTimeout(scope: Scope, raw: Raw): void {
  if (raw.TimeoutSeconds !== undefined && raw.TimeoutSecondsPath !== undefined) {
    throw invalid(scope.where, 'has both TimeoutSeconds and TimeoutSecondsPath');
  }
  const seconds = raw.TimeoutSeconds;
  if (seconds !== undefined && !(Number.isInteger(seconds) && (seconds as number) >= 1)) {
    throw invalid(scope.where, `TimeoutSeconds must be a positive integer, got ${JSON.stringify(seconds)}`);
  }
  checkPath(scope, 'TimeoutSecondsPath', raw.TimeoutSecondsPath);
}

/** Checks a Task state (one of the three resources the engine runs). */
export function checkTask(scope: Scope, raw: Raw): void {
  const resources: readonly unknown[] = Object.values(TASK_RESOURCES);
  if (!resources.includes(raw.Resource)) throw unsupported(scope.where, `Resource '${String(raw.Resource)}'`);
  checkFlow(scope, raw);
  checkTemplate(scope, 'Parameters', raw.Parameters);
  checkTemplate(scope, 'ResultSelector', raw.ResultSelector);
  checkReferencePath(scope, 'ResultPath', raw.ResultPath);
  checkTimeout(scope, raw);
  checkRetry(scope, raw.Retry);
  checkCatch(scope, raw.Catch);
}
