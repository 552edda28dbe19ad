// Checks a definition when it is created, so an execution never meets a state the engine cannot
// run: what AWS would refuse too is `InvalidDefinition`; what AWS runs but this engine does not
// (Map, Parallel, JSONata, other resources…) is an UnsupportedAslError naming the state and field.
import type { Definition, EngineState } from './definition.ts';
import {
  checkFields,
  checkPath,
  checkQueryLanguage,
  invalid,
  isRecord,
  type Scope,
  unsupported,
} from './validate-common.ts';
import { CHECKS } from './validate-states.ts';

const FLOW = ['Next', 'End'];
const FILTERS = ['InputPath', 'OutputPath'];
const COMMON = ['Type', 'Comment', 'QueryLanguage'];

/** The fields each supported state type may have. */
const FIELDS: Readonly<Record<EngineState['Type'], readonly string[]>> = {
  Task: [
    ...FLOW,
    ...FILTERS,
    'Resource',
    'Parameters',
    'ResultSelector',
    'ResultPath',
    'Retry',
    'Catch',
  ].concat(['TimeoutSeconds', 'TimeoutSecondsPath']),
  Pass: [...FLOW, ...FILTERS, 'Result', 'Parameters', 'ResultPath'],
  Wait: [...FLOW, ...FILTERS, 'Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'],
  Choice: [...FILTERS, 'Choices', 'Default'],
  Succeed: FILTERS,
  Fail: ['Error', 'Cause', 'ErrorPath', 'CausePath'],
};

function checkState(name: string, raw: unknown, states: ReadonlySet<string>): EngineState {
  const scope: Scope = { where: `state '${name}'`, states };
  if (!isRecord(raw) || typeof raw.Type !== 'string') throw invalid(scope.where, 'needs a Type');
  checkQueryLanguage(scope.where, raw.QueryLanguage);
  const type = raw.Type as EngineState['Type'];
  const fields = FIELDS[type];
  if (!Object.hasOwn(FIELDS, type) || fields === undefined)
    throw unsupported(scope.where, `Type '${raw.Type}'`);
  checkFields(scope.where, raw, [...COMMON, ...fields]);
  checkPath(scope, 'InputPath', raw.InputPath, true);
  checkPath(scope, 'OutputPath', raw.OutputPath, true);
  CHECKS[type](scope, raw);
  return raw as unknown as EngineState;
}

/**
 * Checks a parsed definition and returns it typed.
 * @throws UnsupportedAslError for a feature the engine does not run
 * @throws StepFunctionsApiError `InvalidDefinition` for what AWS would refuse too
 */
export function validateDefinition(raw: unknown): Definition {
  const where = 'definition';
  if (!isRecord(raw)) throw invalid(where, 'must be a JSON object');
  checkQueryLanguage(where, raw.QueryLanguage);
  checkFields(where, raw, ['Comment', 'StartAt', 'States', 'Version', 'QueryLanguage']);
  if (!isRecord(raw.States) || Object.keys(raw.States).length === 0)
    throw invalid(where, 'States must be a non-empty object');
  const names = new Set(Object.keys(raw.States));
  if (typeof raw.StartAt !== 'string' || !names.has(raw.StartAt)) {
    throw invalid(where, `StartAt '${String(raw.StartAt)}' is not a state of this definition`);
  }
  const states = Object.fromEntries(
    Object.entries(raw.States).map(([name, state]) => [name, checkState(name, state, names)]),
  );
  return { StartAt: raw.StartAt, States: states };
}

/** Parses and checks a definition text (see {@link validateDefinition}). */
export function parseDefinition(text: string): Definition {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw invalid('definition', `is not JSON: ${(error as Error).message}`);
  }
  return validateDefinition(raw);
}
