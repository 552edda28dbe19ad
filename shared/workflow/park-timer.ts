/**
 * How long a park may wait (DESIGN 3.2 step 4): the timer lives with the protocol it belongs to,
 * in `statemachines/compiler/timer.ts` (the relay and the deadline task, which may not import this
 * adapter, time parks with it too); re-exported here for the park task.
 */
export { parkTimerOf, successorNameOf } from '#statemachines/compiler/timer.ts';
