// A fresh code-server (VS Code 1.100 with a real Node extension host) on 127.0.0.1,
// with its own user data, extensions and XDG folders under one scratch folder.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, startTracked, stopTracked } from './processes.mjs';
import { codeServerEntry, freePort } from './tools.mjs';

/** User settings that keep the workbench quiet and deterministic for screenshots. */
const userSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'update.mode': 'none',
  'git.enabled': false,
  'editor.minimap.enabled': false,
  'files.autoSave': 'off',
  'editor.hover.delay': 200,
  'markdown.validate.enabled': false,
  'window.commandCenter': false,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/** Paths of one code-server's folders under `scratch`, and its environment. */
function layout(scratch) {
  const dirs = {
    userData: join(scratch, 'user-data'),
    extensions: join(scratch, 'extensions'),
    xdg: join(scratch, 'xdg'),
    tmp: join(scratch, 'tmp'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  const env = {
    ...process.env,
    HOME: dirs.xdg,
    XDG_CONFIG_HOME: join(dirs.xdg, 'config'),
    XDG_DATA_HOME: join(dirs.xdg, 'data'),
    XDG_CACHE_HOME: join(dirs.xdg, 'cache'),
    XDG_RUNTIME_DIR: join(dirs.xdg, 'runtime'),
    TMPDIR: dirs.tmp,
  };
  for (const name of ['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME']) mkdirSync(env[name], { recursive: true });
  mkdirSync(env.XDG_RUNTIME_DIR, { recursive: true, mode: 0o700 });
  delete env.VSCODE_IPC_HOOK_CLI;
  return { dirs, env };
}

function baseArgs(dirs) {
  return ['--config', '/dev/null', '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust'];
}

/** Installs a `.vsix` into the code-server folders under `scratch` (code-server exits when done). */
export async function installExtension(scratch, vsixPath) {
  const { dirs, env } = layout(scratch);
  return run(process.execPath, [codeServerEntry, ...baseArgs(dirs), '--install-extension', vsixPath], { env });
}

/**
 * Starts code-server on a free loopback port and waits until /healthz answers,
 * with the quiet user settings plus `settings`.
 * Returns `{ url, port, dirs, output(), stop() }`.
 */
export async function startCodeServer(scratch, settings = {}) {
  const { dirs, env } = layout(scratch);
  const settingsPath = join(dirs.userData, 'User', 'settings.json');
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(settingsPath, JSON.stringify({ ...userSettings, ...settings }, null, 2));
  const port = await freePort();
  const args = [codeServerEntry, ...baseArgs(dirs), '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none'];
  const { child, output } = startTracked(process.execPath, args, { env });
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child, output);
  return { url, port, dirs, output, stop: () => stopTracked(child) };
}

/** Polls /healthz until it answers, the process exits, or 30 s pass (then throws with the log). */
async function waitForHealth(url, child, output) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`code-server did not answer ${url}/healthz within 30 s:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The text of the output channel named `name` (as VS Code logs it under the user
 * data folder), or undefined when it has not been written: evidence when a suite fails.
 */
export function outputChannelLog(dirs, name) {
  const found = [];
  const walk = (dir) => {
    let entries;
    try { entries = readdirSync(dir, { withFileTypes: true }); } catch { return; }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(`-${name}.log`)) found.push(path);
    }
  };
  walk(join(dirs.userData, 'logs'));
  return found.length === 0 ? undefined : found.map((path) => `== ${path}\n${readFileSync(path, 'utf8')}`).join('\n');
}
