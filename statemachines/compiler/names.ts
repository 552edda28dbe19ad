/**
 * The names of the ASL states. They are part of the protocol (the harness, the diagram and the
 * Step Functions console show them), so they derive from the state key alone and stay stable
 * as long as the model's state keys do.
 */

/** Step Functions refuses state names longer than this. */
export const MAX_STATE_NAME_LENGTH = 80;

/** The first state: routes a rolled-over execution straight back to its park (timer first). */
export const START = 'Start';
/** Ends an execution that handed over to its successor. */
export const ROLLED_OVER = 'Rolled over';
/** Ends an execution whose signal names a target the compiled model does not route to. */
export const UNEXPECTED_TRANSITION = 'Unexpected transition';

/** Works out how long the park of state `key` may wait (its deadline, the execution's life). */
export const timerName = (key: string): string => `Time ${key}`;
/** Chooses, when the park of state `key` timed out, between its deadline and a rollover. */
export const timedOutName = (key: string): string => `Timed out ${key}`;
/** Parks the execution in state `key` until a signal (or the deadline) arrives. */
export const parkName = (key: string): string => `Park ${key}`;
/** Routes the signal that ended the park of state `key`. */
export const routeName = (key: string): string => `Route ${key}`;
/** Runs the deadline of state `key` when its park times out. */
export const deadlineName = (key: string): string => `Deadline ${key}`;
/** Starts the successor execution when the park of state `key` reaches the end of the execution's life. */
export const rolloverName = (key: string): string => `Rollover ${key}`;
/**
 * Ends the execution in the final state `key`: a Succeed, or, when the state has entry actions,
 * the task of its last one, which ends the execution itself (`End: true`, one state fewer).
 */
export const finalName = (key: string): string => `Final ${key}`;
/** Ends an execution whose last e-mail (a final state's entry action) failed after its retries. */
export const FINAL_MAIL_FAILED = 'Ended after a failed e-mail';
/** Runs entry action number `index` (1-based) of state `key`. */
export const notifyName = (key: string, index: number): string => `Notify ${key} ${index}`;
/**
 * Runs action number `index` (1-based) of the transition numbered `transition` (1-based, in the
 * order of the state's route) out of state `key`: an e-mail sent on a transition, not on entry.
 */
export const transitionNotifyName = (key: string, transition: number, index: number): string =>
  `Notify ${key} on ${transition}.${index}`;
