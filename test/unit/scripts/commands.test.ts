/**
 * The admin commands as a person runs them (issue 18, item 8): spawned, read by their exit code
 * and what they print. None of these needs a running stack.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const emptyDataDir = mkdtempSync(join(tmpdir(), 'commands-'));
afterAll(() => rmSync(emptyDataDir, { recursive: true, force: true }));

/** `npm run <script> -- ...args`, as the package's script runs it. */
function run(script: 'token' | 'executions', args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', `scripts/${script}.ts`, ...args],
      {
        env: {
          ...process.env,
          DATA_DIR: emptyDataDir,
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        },
      },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: unknown }).code ?? 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('npm run token', () => {
  it('prints its usage on --help, to stdout, and succeeds', async () => {
    const help = await run('token', ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('usage: npm run token -- PARTY');
    expect(help.stdout).toContain('--expires SPAN');
    expect(help.stderr).toBe('');
  });

  it('ends with exit code 2 and says what is wrong on a bad party, option or value', async () => {
    const party = await run('token', ['NOPE']);
    expect(party.code).toBe(2);
    expect(party.stderr).toContain('unknown party "NOPE": the register has ACTIZ');
    expect(party.stdout).toBe('');
    const expires = await run('token', ['VNG', '--expires', 'soon']);
    expect(expires.code).toBe(2);
    expect(expires.stderr).toContain('--expires soon: give a number and s, m, h or d');
    const role = await run('token', ['VWS', '--role']);
    expect(role.code).toBe(2);
    expect(role.stderr).toContain('--role needs a value');
    const none = await run('token', []);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^no party given\n\nusage:/);
  });

  it('refuses to sign for a data folder no stack has used (its tokens would all get 401)', async () => {
    const token = await run('token', ['VNG']);
    expect(token.code).toBe(1);
    expect(token.stdout).toBe('');
    expect(token.stderr).toContain(emptyDataDir);
  });
});

describe('npm run executions', () => {
  it('prints its usage on --help, naming every status it filters on', async () => {
    const help = await run('executions', ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('usage: npm run executions -- list [--status STATUS]');
    expect(help.stdout).toContain('RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, PENDING_REDRIVE');
  });

  it('ends with exit code 2 on a bad status, an unknown option or command, before reaching any stack', async () => {
    const status = await run('executions', ['list', '--status', 'running-ish']);
    expect(status.code).toBe(2);
    expect(status.stderr).toContain('--status running-ish: give one of RUNNING, SUCCEEDED');
    const option = await run('executions', ['list', '--colour']);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/^Unknown option '--colour'\n\nusage:/);
    const command = await run('executions', ['lst']);
    expect(command.code).toBe(2);
    expect(command.stderr).toContain('unknown command "lst": use list, show or redrive');
    const show = await run('executions', ['show']);
    expect(show.code).toBe(2);
    expect(show.stderr).toContain('show needs a proposal id or an execution ARN');
    const local = await run('executions', ['list', '--table-name', 'x']);
    expect(local.code).toBe(2);
    expect(local.stderr).toContain('--table-name go with --cloud');
  });

  it('says how to start a stack when none runs in the data folder', async () => {
    const list = await run('executions', ['list']);
    expect(list.code).toBe(1);
    expect(list.stderr).toContain('no running local stack found');
    expect(list.stderr).toContain('start it with npm start');
  });
});
