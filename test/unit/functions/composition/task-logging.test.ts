import { describe, expect, it } from 'vitest';
import { withTaskLogging } from '#functions/composition/task-logging.ts';

function recordingLog() {
  const lines: [string, string, Record<string, unknown>][] = [];
  return {
    lines,
    log: {
      info: (message: string, extra: Record<string, unknown> = {}) =>
        void lines.push(['info', message, extra]),
      error: (message: string, extra: Record<string, unknown> = {}) =>
        void lines.push(['error', message, extra]),
    },
  };
}

describe('withTaskLogging', () => {
  it('logs each invocation with the proposal id, state and version, and no payload', async () => {
    const { lines, log } = recordingLog();
    const handler = withTaskLogging('notify', async () => ({ outcome: 'delivered' }), log);
    await handler({ proposalId: 'p-1', state: 'decided', version: 4, params: { to: ['members'] } });
    expect(lines).toEqual([
      ['info', 'notify done', { task: 'notify', proposalId: 'p-1', state: 'decided', version: 4 }],
    ]);
  });

  it('logs a failure with the error’s name and message, and rethrows it', async () => {
    const { lines, log } = recordingLog();
    const failure = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    const handler = withTaskLogging('park', async () => Promise.reject(failure), log);
    await expect(handler({ proposalId: 'p-2', state: 'voting', signal: { version: 7 } })).rejects.toBe(
      failure,
    );
    expect(lines).toEqual([
      [
        'error',
        'park failed',
        {
          task: 'park',
          proposalId: 'p-2',
          state: 'voting',
          version: 7,
          error: { name: 'ThrottlingException', message: 'Rate exceeded' },
        },
      ],
    ]);
  });
});
