/**
 * Structured logs of the workflow's task functions in the cloud: one line per invocation with the
 * proposal id (the correlation id that ties the API's request, the relay, the execution and its
 * tasks together), the state and the version; the error's name and message when it fails. No
 * personal data: payloads are not logged.
 */
import { Logger } from '@aws-lambda-powertools/logger';

/** The correlating fields of a task payload (park, timer, deadline, notify). */
interface Correlated {
  readonly proposalId?: string;
  readonly state?: string;
  readonly version?: number;
  readonly signal?: { readonly version?: number };
}

/** The minimal logger this needs (Powertools Logger in the cloud). */
export interface TaskLog {
  info(message: string, ...extra: Record<string, unknown>[]): void;
  error(message: string, ...extra: Record<string, unknown>[]): void;
}

/** `handler`, logging each invocation of task `task` with its correlation fields. */
export function withTaskLogging<E, R>(
  task: string,
  handler: (event: E) => Promise<R>,
  log: TaskLog = new Logger({ serviceName: 'besluitvorming-workflow' }),
): (event: E) => Promise<R> {
  return async (event) => {
    const payload = (event ?? {}) as Correlated;
    const fields = {
      task,
      proposalId: payload.proposalId,
      state: payload.state,
      version: payload.version ?? payload.signal?.version,
    };
    try {
      const result = await handler(event);
      log.info(`${task} done`, fields);
      return result;
    } catch (error) {
      const reported = error instanceof Error ? { name: error.name, message: error.message } : String(error);
      log.error(`${task} failed`, { ...fields, error: reported });
      throw error;
    }
  };
}
