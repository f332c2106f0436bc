// Child processes an end-to-end run starts, each in its own process group, so that
// the whole tree (code-server and its extension host, the language server) can be
// ended, and is ended even when a test fails or the runner is interrupted.
import { spawn } from 'node:child_process';

/** @type {Set<import('node:child_process').ChildProcess>} */
const running = new Set();

/** Sends `signal` to the process group of `child` (which may outlive it); ignores a group that is gone. */
function signalGroup(child, signal) {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already exited.
  }
}

process.on('exit', () => {
  for (const child of running) signalGroup(child, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    for (const child of running) signalGroup(child, 'SIGKILL');
    process.exit(130);
  });
}

/**
 * Starts a tracked command in its own process group, collecting its output.
 * `startTracked('node', ['x.js'], { env })` returns `{ child, output() }`.
 */
export function startTracked(command, args, options = {}) {
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let text = '';
  child.stdout?.on('data', (chunk) => { text += chunk; });
  child.stderr?.on('data', (chunk) => { text += chunk; });
  child.once('exit', () => running.delete(child));
  return { child, output: () => text };
}

/** Waits for a tracked child to exit; resolves with its exit code (or null when signalled). */
export function exited(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/**
 * Ends a tracked child's whole process group: SIGTERM, then SIGKILL when it has not
 * exited within `graceMs`. Resolves once it has exited.
 */
export async function stopTracked(child, graceMs = 5000) {
  signalGroup(child, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
  await exited(child);
  clearTimeout(timer);
  // The group may hold grandchildren that outlive the leader.
  signalGroup(child, 'SIGKILL');
  running.delete(child);
}

/** Runs a command to completion; rejects with its output when it fails. */
export async function run(command, args, options = {}) {
  const { child, output } = startTracked(command, args, options);
  const code = await exited(child);
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output()}`);
  return output();
}
