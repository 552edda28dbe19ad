// Keeps helper processes (DynamoDB Local's JVM) from outliving the Node process that started them.
//
// Two layers, because neither covers every way a parent can end:
// 1. In-process handlers ('exit', SIGINT, SIGTERM, SIGHUP) send SIGTERM to every guarded child.
//    They run on a normal exit, process.exit() and the catchable signals.
// 2. A watchdog shell per child, holding the read end of a pipe whose write end only this process
//    holds. When this process dies in any way (SIGKILL and OOM-kill included), the kernel closes the
//    pipe, the watchdog's `read` returns and it sends SIGTERM to the child. Java cannot watch its
//    own stdin for this, hence the extra process.
// Limitation: when the parent is SIGKILLed and the watchdog is gone too (killed by hand, or no
// `sh` on the machine), the child survives; find its PID in the parent's log and stop it by PID.
import { type ChildProcess, spawn } from 'node:child_process';
import type { Socket } from 'node:net';

const guarded = new Set<ChildProcess>();
const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let handlersInstalled = false;

/**
 * The watchdog script. `$1` is the child's PID, `$2` a marker its command line must contain, so a
 * PID the kernel has reused for an unrelated process is never signalled.
 */
const WATCHDOG_SCRIPT = [
  'read -r _ || true',
  'if [ -r "/proc/$1/cmdline" ]; then cmd=$(tr "\\0" " " < "/proc/$1/cmdline"); else cmd=$(ps -p "$1" -o args= 2>/dev/null); fi',
  'case "$cmd" in *"$2"*) kill -TERM "$1" 2>/dev/null ;; esac',
].join('\n');

function terminateGuarded(): void {
  for (const child of guarded) {
    // A child that already exited must not be signalled: its PID may belong to someone else now.
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  }
}

function onSignal(signal: NodeJS.Signals): void {
  // Another handler (a graceful shutdown) decides: it stops the children in order, and the
  // 'exit' handler still stops whatever is left. Stopping them here would pull the database away
  // from under a shutdown that is still writing.
  if (process.listenerCount(signal) > 1) return;
  // Nobody else handles the signal: stop the children, step aside and re-raise it so the process
  // ends exactly as it would have without us.
  terminateGuarded();
  process.off(signal, onSignal);
  process.kill(process.pid, signal);
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.once('exit', terminateGuarded);
  for (const signal of FORWARDED_SIGNALS) process.on(signal, onSignal);
}

function startWatchdog(child: ChildProcess, marker: string): ChildProcess | undefined {
  if (child.pid === undefined) return undefined;
  const watchdog = spawn('sh', ['-c', WATCHDOG_SCRIPT, 'watchdog', String(child.pid), marker], {
    // Its own process group: a Ctrl-C aimed at ours must not kill the watchdog before it acts.
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  watchdog.on('error', () => undefined); // no `sh`: layer 1 still applies
  // The watchdog must never keep this process alive.
  watchdog.unref();
  (watchdog.stdin as Socket | null)?.unref();
  return watchdog;
}

/**
 * Ties `child`'s life to this process: it receives SIGTERM when this process exits, is
 * interrupted, or is killed outright (see the file comment for how and for the limits).
 *
 * @param marker - text the child's command line contains (the watchdog checks it before signalling)
 * @returns a function that releases the guard; call it once the child has been stopped
 */
export function guardChildProcess(child: ChildProcess, marker: string): () => void {
  installHandlers();
  guarded.add(child);
  const watchdog = startWatchdog(child, marker);
  const release = (): void => {
    guarded.delete(child);
    if (watchdog && watchdog.exitCode === null && watchdog.signalCode === null) watchdog.kill('SIGKILL');
  };
  child.once('exit', release);
  return release;
}
