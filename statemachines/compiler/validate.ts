/**
 * Refuses what the ASL compiler cannot translate faithfully, naming the state node and the fix,
 * before anything is compiled. Pure: it reads the machine and throws, nothing else.
 */
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { type ClassifiedAction, customActions } from './actions.ts';
import { isJsonValue, pathLikeKey } from './json.ts';
import {
  deadlineName,
  finalName,
  MAX_STATE_NAME_LENGTH,
  notifyName,
  parkName,
  rolloverName,
  routeName,
} from './names.ts';
import { availableTransitions, delaysOf, routedTransitions, stateKeyOf, walk } from './tree.ts';

/** The machine uses a feature the ASL compiler does not support; the message says what to do. */
export class UnsupportedMachineError extends Error {
  override readonly name = 'UnsupportedMachineError';

  /** @param stateId the id of the state node that uses the feature */
  constructor(
    readonly stateId: string,
    message: string,
  ) {
    super(message);
  }
}

function refuse(node: AnyStateNode, problem: string, fix: string): never {
  throw new UnsupportedMachineError(
    node.id,
    `State '${node.id}' ${problem}, which the ASL compiler does not support: ${fix}.`,
  );
}

const actionName = (action: ClassifiedAction): string =>
  action.kind === 'inline' ? 'an inline function' : `'${action.type}'`;

/** Parallel and history states, invoked actors, eventless transitions, nested final states. */
function checkStructure(node: AnyStateNode): void {
  if (node.type === 'parallel') {
    refuse(node, 'is a parallel state', 'model its regions as one compound state');
  }
  if (node.type === 'history') refuse(node, 'is a history state', 'target a state of its parent explicitly');
  if (node.invoke.length > 0) {
    refuse(
      node,
      'invokes an actor',
      'call the service from the API handler or a task Lambda and send its result to the machine as an event',
    );
  }
  if ((node.always ?? []).length > 0) {
    refuse(
      node,
      'has an eventless (always) transition',
      'let dispatch send an explicit event, or guard the transitions that enter this state instead',
    );
  }
  if (node.type === 'final' && node.parent?.parent !== undefined) {
    // A nested final state leaves the machine running (its ancestors' events still apply) and
    // raises `xstate.done.state.*`; a Succeed state would end the execution instead.
    refuse(node, 'is a final state inside a compound state', 'move it to the top level of the machine');
  }
}

/** Params the ASL can embed in the notify payload as they are. */
function checkParams(node: AnyStateNode, action: ClassifiedAction): void {
  if (action.kind !== 'named' || action.params === undefined) return;
  if (!isJsonValue(action.params)) {
    refuse(
      node,
      `has entry action '${action.type}' with params that are not plain JSON`,
      'give it static JSON params (the ASL embeds them in the notify payload)',
    );
  }
  const key = pathLikeKey(action.params);
  if (key !== undefined) {
    refuse(
      node,
      `has entry action '${action.type}' with a params key '${key}' that Step Functions would read as a path`,
      'rename the key',
    );
  }
}

/** Entry actions: named, with plain JSON params, and only on atomic and final states. */
function checkEntryActions(node: AnyStateNode, machine: AnyStateMachine): void {
  const actions = customActions(node.entry, machine);
  if (actions.some((action) => action.kind === 'inline')) {
    refuse(node, 'has an inline entry action', 'name it in setup({ actions }) and refer to it by name');
  }
  if (actions.length > 0 && node.type !== 'atomic' && node.type !== 'final') {
    // The ASL runs entry actions on the way into an atomic state. A compound state's run only
    // when a transition crosses its boundary, which a route on the target alone cannot tell.
    const names = actions.map(actionName).join(', ');
    refuse(node, `is a compound state with entry actions (${names})`, 'move them to its atomic states');
  }
  for (const action of actions) checkParams(node, action);
}

/**
 * Exit actions are refused (the ASL runs entry and transition actions only); a transition's own
 * actions must be named, with plain JSON params, like entry actions.
 */
function checkOtherActions(node: AnyStateNode, machine: AnyStateMachine): void {
  const exit = customActions(node.exit, machine);
  if (exit.length > 0) {
    refuse(
      node,
      `has exit actions (${exit.map(actionName).join(', ')})`,
      'move them to the entry actions of the states its transitions target, or onto the transitions',
    );
  }
  for (const [event, definitions] of node.transitions) {
    for (const definition of definitions) {
      const actions = customActions(definition.actions, machine);
      const inline = actions.find((action) => action.kind === 'inline');
      if (inline !== undefined) {
        refuse(
          node,
          `runs an inline function on its '${event}' transition`,
          'name it in setup({ actions }) and refer to it by name',
        );
      }
      for (const action of actions) checkParams(node, action);
    }
  }
}

/**
 * The route tells a transition's actions apart by the signal's event type and target only, so two
 * branches with the same event and target must run the same actions.
 */
function checkTransitionRoutes(node: AnyStateNode, machine: AnyStateMachine): void {
  const byRoute = new Map<string, string>();
  for (const transition of routedTransitions(node)) {
    const route = `${transition.event} → ${stateKeyOf(transition.target)}`;
    const actions = JSON.stringify(
      customActions(transition.actions, machine).map((action) =>
        action.kind === 'named' ? [action.type, action.params] : 'inline',
      ),
    );
    const known = byRoute.get(route);
    if (known !== undefined && known !== actions) {
      refuse(
        node,
        `has two '${transition.event}' transitions to '${stateKeyOf(transition.target)}' that run different actions`,
        'give them the same actions, or different targets (the route knows a transition by its event and target)',
      );
    }
    byRoute.set(route, actions);
  }
}

/** At most one named delay, on an atomic state. */
function checkDelays(node: AnyStateNode): void {
  const delays = delaysOf(node);
  const [first] = delays;
  if (first === undefined) return;
  if (node.type === 'compound') {
    refuse(
      node,
      `is a compound state with a delayed transition (after '${String(first)}')`,
      'move the delay to its atomic states',
    );
  }
  const numeric = delays.find((delay) => typeof delay !== 'string');
  if (numeric !== undefined) {
    refuse(
      node,
      `has a delay given as a number (${String(numeric)} ms)`,
      'name the delay (after: { argumentsDeadline: ... }) and define it in setup({ delays }), because the park task reads its timeout from the signal that dispatch computed',
    );
  }
  if (delays.length > 1) {
    refuse(
      node,
      `has ${delays.length} delays (${delays.join(', ')})`,
      'keep one named delay per state and branch on guards under it',
    );
  }
}

/** An atomic state that re-enters itself would re-run its entry actions in XState but not in the ASL. */
function checkReentry(node: AnyStateNode): void {
  const reentry = availableTransitions(node).find((transition) => transition.target === node);
  if (reentry !== undefined) {
    refuse(
      node,
      `re-enters itself on '${reentry.event}' (a transition defined on '${reentry.source.id}')`,
      'drop the target to stay in the state, or target another state',
    );
  }
}

/** The longest ASL state name the state produces stays within Step Functions' limit. */
function checkNameLength(node: AnyStateNode, machine: AnyStateMachine): void {
  const key = stateKeyOf(node);
  const actions = customActions(node.entry, machine).length;
  const ownNames =
    node.type === 'final'
      ? [finalName(key)]
      : [parkName(key), routeName(key), node.after.length > 0 ? deadlineName(key) : rolloverName(key)];
  const names = actions > 0 ? [...ownNames, notifyName(key, actions)] : ownNames;
  const longest = names.reduce((a, b) => (b.length > a.length ? b : a));
  if (longest.length > MAX_STATE_NAME_LENGTH) {
    refuse(
      node,
      `has a state key of ${key.length} characters, too long for the ASL state name '${longest}' (${longest.length} characters)`,
      `shorten the keys on its path so that every ASL state name stays within ${MAX_STATE_NAME_LENGTH} characters`,
    );
  }
}

/**
 * Validates that `machine` uses only what the ASL compiler supports: atomic, compound and
 * top-level final states; event transitions (guards allowed, dispatch evaluates them); one named
 * delay per atomic state; named entry actions with JSON params on atomic and final states; named
 * actions with JSON params on transitions.
 *
 * @returns the same machine, for a `validate → compile → serialise` pipeline
 * @throws {UnsupportedMachineError} at the first unsupported feature, in document order
 */
export function validate(machine: AnyStateMachine): AnyStateMachine {
  const nodes = [...walk(machine.root)];
  // Structure first: the transition checks resolve targets, which needs no parallel or history states.
  for (const node of nodes) {
    checkStructure(node);
    checkEntryActions(node, machine);
    checkOtherActions(node, machine);
    checkDelays(node);
  }
  for (const node of nodes) {
    if (node.type === 'atomic') checkReentry(node);
    if (node.type === 'atomic') checkTransitionRoutes(node, machine);
    if (node.type === 'atomic' || node.type === 'final') checkNameLength(node, machine);
  }
  return machine;
}
