/**
 * An execution's history in words an administrator reads (pure): each step that matters, and
 * where a running execution waits and until when.
 */
import type { ExecutionStep } from '#shared/ports/workflow.ts';

/** One step of the timeline. */
export interface TimelineEntry {
  readonly at: string;
  readonly kind:
    | 'entered'
    | 'answered'
    | 'timed-out'
    | 'failed'
    | 'execution-failed'
    | 'execution-succeeded'
    | 'execution-stopped';
  /** The state entered, the answer's output, or the error and its cause. */
  readonly detail?: string;
}

/** Where a running execution waits: its park state, and when its timer fires. */
export interface Waiting {
  /** The proposal's state the execution is parked in. */
  readonly state: string;
  /** When the park's timer fires (absent: it waits for an event only). */
  readonly until?: string;
  /** `deadline`: a deadline of the covenant fires; `rollover`: it hands over to a successor. */
  readonly onTimeout?: 'deadline' | 'rollover';
}

const errorOf = (step: ExecutionStep) => `${step.error ?? ''} ${step.cause ?? ''}`.trim();

function entryOf(step: ExecutionStep): TimelineEntry | undefined {
  const at = step.at;
  if (step.state && step.type.endsWith('StateEntered')) return { at, kind: 'entered', detail: step.state };
  if (step.type === 'TaskTimedOut') return { at, kind: 'timed-out' };
  if (step.type === 'TaskFailed') return { at, kind: 'failed', detail: errorOf(step) };
  if (step.type === 'TaskSucceeded' && step.output) return { at, kind: 'answered', detail: step.output };
  if (step.type === 'ExecutionFailed') return { at, kind: 'execution-failed', detail: errorOf(step) };
  if (step.type === 'ExecutionSucceeded') return { at, kind: 'execution-succeeded' };
  if (step.type === 'ExecutionAborted') return { at, kind: 'execution-stopped' };
  return undefined;
}

/** The steps worth showing, oldest first (task submissions and the like are left out). */
export function timelineOf(history: readonly ExecutionStep[]): TimelineEntry[] {
  return history.map(entryOf).filter((entry): entry is TimelineEntry => entry !== undefined);
}

/** The last park state entered and its timer (`$.timer` in its input, set by the task before it). */
export function waitingOf(history: readonly ExecutionStep[]): Waiting | undefined {
  const park = history.findLast((step) => step.state?.startsWith('Park '));
  if (!park?.state) return undefined;
  const state = park.state.slice('Park '.length);
  const timer = park.input
    ? (JSON.parse(park.input) as { timer?: { seconds?: number; onTimeout?: string } }).timer
    : undefined;
  if (!timer?.seconds) return { state };
  const until = new Date(Date.parse(park.at) + timer.seconds * 1000).toISOString();
  return { state, until, onTimeout: timer.onTimeout === 'deadline' ? 'deadline' : 'rollover' };
}
