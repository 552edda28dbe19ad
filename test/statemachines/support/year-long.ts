/**
 * A proposal that lives 400 days (DESIGN 3.2 step 4): 300 days waiting to be worked out, then
 * scheduled, decided, objected to, argued, overdue, and adopted on reconsideration on day 400.
 * Its objection's six weeks run past the first execution's life, so the execution hands over to
 * a successor mid-deadline. Shared by the oracle's run (test/statemachines/) and the local
 * engine's (test/integration/engine/): the world below plays dispatch and the relay.
 */
import type { DeadlineResult, Signal } from '#statemachines/compiler/index.ts';

export const DAY_MS = 24 * 60 * 60 * 1000;

/** A human event: on `day`, dispatch moves the proposal to `target` (with a deadline of `deadlineDays`). */
interface ScriptedEvent {
  readonly day: number;
  readonly type: string;
  readonly target: string;
  readonly deadlineDays?: number;
}

export const YEAR_LONG_EVENTS: readonly ScriptedEvent[] = [
  { day: 300, type: 'DRAFT', target: 'ready' },
  { day: 320, type: 'SCHEDULE', target: 'scheduled' },
  { day: 340, type: 'CONSENSUS', target: 'decided' },
  { day: 345, type: 'OBJECT', target: 'objection.inGroup.awaitingArguments', deadlineDays: 42 },
  { day: 380, type: 'ARGUE', target: 'objection.inGroup.reconsideration', deadlineDays: 7 },
  { day: 400, type: 'CONSENSUS', target: 'adoptedOnReconsideration' },
];

/** Where each deadline leads when it falls due (the model's delayed transitions). */
const DEADLINE_TARGETS: Readonly<Record<string, string>> = {
  'objection.inGroup.awaitingArguments': 'objectionLapsed',
  'objection.inGroup.reconsideration': 'objection.inGroup.reconsiderationOverdue',
};

/** The model states the proposal passes through, in order (what each engine must visit). */
export const YEAR_LONG_STATES = [
  'submitted',
  'ready',
  'scheduled',
  'decided',
  'objection.inGroup.awaitingArguments',
  'objection.inGroup.awaitingArguments',
  'objection.inGroup.reconsideration',
  'objection.inGroup.reconsiderationOverdue',
  'adoptedOnReconsideration',
];

/** The proposal as DynamoDB holds it, and the clock: what dispatch and the relay would see. */
export class YearLongWorld {
  readonly start: number;
  now: number;
  version = 1;
  private due: number | undefined;
  private readonly queue = [...YEAR_LONG_EVENTS];

  constructor(start: number) {
    this.start = start;
    this.now = start;
  }

  /** The day (since the proposal's creation) of `at`. */
  dayOf(at: number): number {
    return (at - this.start) / DAY_MS;
  }

  /** When the next human event happens, or undefined when none is left. */
  nextEventAt(): number | undefined {
    const next = this.queue[0];
    return next && this.start + next.day * DAY_MS;
  }

  /** Dispatch of the next human event, now: the signal the relay sends. */
  takeEvent(): Signal {
    const next = this.queue.shift();
    if (!next) throw new Error('no more events');
    this.version += 1;
    this.due = next.deadlineDays === undefined ? undefined : this.now + next.deadlineDays * DAY_MS;
    return {
      type: next.type,
      target: next.target,
      version: this.version,
      ...(this.due === undefined ? {} : { timeoutSeconds: Math.ceil((this.due - this.now) / 1000) }),
    };
  }

  /** The deadline task now: the deadline wins when due, else park again for the time left. */
  deadline(state: string, version: number): DeadlineResult {
    if (this.due === undefined) throw new Error(`deadline task in ${state} without a deadline`);
    if (this.now < this.due) {
      return {
        type: 'xstate.repark',
        target: state,
        version,
        timeoutSeconds: Math.ceil((this.due - this.now) / 1000),
        entered: null,
      };
    }
    const target = DEADLINE_TARGETS[state];
    if (!target) throw new Error(`no deadline target for ${state}`);
    this.version += 1;
    this.due = undefined;
    return {
      type: `xstate.after.deadline.${state}`,
      target,
      version: this.version,
      timeoutSeconds: 0,
      entered: null,
    };
  }
}
