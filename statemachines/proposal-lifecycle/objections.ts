/**
 * Several objectors (art. 7.1 "tenminste één partij", 7.6 "partij(en)"): each Ketenpartij's
 * objection has its own status and its own six weeks. These pure functions move the list of
 * objections; the recorders call them and the guards ask them what an event would leave.
 *
 * Why data, not states: a child state per objector would multiply the model (and its compiled
 * ASL) by every combination of objectors. Instead the model has ONE objection phase whose
 * running deadline is the earliest open arguments deadline; when it fires, the deadline event
 * lapses every objection that is due and the guards route on what is left. The workflow parks
 * again with the next earliest deadline (the route's re-park branch), so each objection still
 * lapses exactly on its own day.
 */
import { argumentsDeadline, type Deadline, type Policy } from '#shared/covenant/index.ts';
import {
  isOpenObjection,
  type Objection,
  type ProposalContext,
  type RunningDeadline,
  standingObjections,
} from './context.ts';
import type { DecisionOutcome } from './events.ts';

export const runningDeadline = (
  kind: RunningDeadline['kind'],
  deadline: Deadline,
  party?: string,
): RunningDeadline => ({
  kind,
  startedAt: deadline.startedAt,
  due: deadline.due,
  lastDay: deadline.lastDay,
  extended: deadline.extended,
  ...(deadline.advice ? { advice: deadline.advice } : {}),
  ...(party ? { party } : {}),
});

/** An objection that takes effect at `at`: its six weeks for arguments start (art. 7.3). */
export const takeEffect = (objection: Objection, at: string, policy: Policy): Objection => ({
  ...objection,
  status: 'awaiting-arguments',
  takesEffectAt: at,
  argumentsDue: runningDeadline('arguments', argumentsDeadline(at, policy), objection.by),
});

/**
 * The decision with `outcome` was taken at `at`: written objections against it take effect; the
 * others (against the outcome not taken) become moot (art. 7.1).
 */
export function onDecision(
  objections: readonly Objection[],
  outcome: DecisionOutcome | 'no-valid-decision' | 'dropped',
  at: string,
  policy: Policy,
): Objection[] {
  return objections.map((objection) => {
    if (objection.status !== 'pending') return objection;
    return objection.against === outcome
      ? takeEffect(objection, at, policy)
      : { ...objection, status: 'moot', endedAt: at };
  });
}

/** Whether a decision with `outcome` leaves a written objection standing. */
export const writtenObjectionAgainst = (
  objections: readonly Objection[],
  outcome: DecisionOutcome | 'no-valid-decision',
): boolean => objections.some((objection) => objection.status === 'pending' && objection.against === outcome);

/** Replaces the open objection of `party` by `change(it)`. */
export const updateObjectionOf = (
  objections: readonly Objection[],
  party: string,
  change: (objection: Objection) => Objection,
): Objection[] =>
  objections.map((objection) =>
    objection.by === party && isOpenObjection(objection) ? change(objection) : objection,
  );

/** Every objection awaiting arguments whose deadline has passed at `at` lapses (art. 7.3). */
export const lapseDue = (objections: readonly Objection[], at: string): Objection[] =>
  objections.map((objection) =>
    objection.status === 'awaiting-arguments' &&
    objection.argumentsDue &&
    Date.parse(objection.argumentsDue.due) <= Date.parse(at)
      ? { ...objection, status: 'lapsed', endedAt: at }
      : objection,
  );

/** The earliest arguments deadline still running: the objection phase's one timer. */
export function earliestArgumentsDeadline(objections: readonly Objection[]): RunningDeadline | undefined {
  return objections
    .filter((objection) => objection.status === 'awaiting-arguments' && objection.argumentsDue)
    .map((objection) => objection.argumentsDue as RunningDeadline)
    .reduce<RunningDeadline | undefined>(
      (earliest, due) => (earliest && Date.parse(earliest.due) <= Date.parse(due.due) ? earliest : due),
      undefined,
    );
}

/** What a list of objections leaves for the procedure. */
export type ObjectionsLeft = 'none-standing' | 'all-argued' | 'awaiting-arguments';

export function objectionsLeft(objections: readonly Objection[]): ObjectionsLeft {
  const standing = standingObjections({ objections });
  if (standing.length === 0) return 'none-standing';
  return standing.every((objection) => objection.status === 'argued') ? 'all-argued' : 'awaiting-arguments';
}

/** The objection phase's deadline after the list changed: the earliest open arguments deadline. */
export const argumentsPhaseDeadline = (
  objections: readonly Objection[],
): Pick<ProposalContext, 'deadline'> => ({ deadline: earliestArgumentsDeadline(objections) });
