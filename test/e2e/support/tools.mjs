// Finds (or installs, through scripts/install-editors.sh) the editors and builds the VSIX.
// `npm test` (scripts/test.mjs) asks the *Missing functions which suites can run here.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { run } from './processes.mjs';
import { repoRoot } from './workspace.mjs';

export const e2eDir = process.env.VERBATIM_E2E_DIR ?? join(repoRoot, '.e2e');
export const codeServerEntry = join(e2eDir, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/** The first executable file called `name` in a folder of PATH: `onPath('nvim')` → '/usr/bin/nvim'. */
export function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

/**
 * A tool's path: its environment variable (CHROMIUM_PATH, NVIM_PATH, EMACS_PATH) when set,
 * else the first on PATH; undefined when neither. Looked up at each call, so a tool that
 * scripts/install-editors.sh has just installed is found.
 */
const toolPath = (variable, name) => {
  const named = process.env[variable];
  if (named) return existsSync(named) ? named : undefined;
  return onPath(name);
};

export const chromiumPath = () => toolPath('CHROMIUM_PATH', 'chromium');
export const nvimPath = () => toolPath('NVIM_PATH', 'nvim');
export const emacsPath = () => toolPath('EMACS_PATH', 'emacs');

/** Why the code-server suites (`npm run test:e2e`) cannot run here, or undefined when they can. */
export function codeServerMissing() {
  if (!existsSync(codeServerEntry)) return `code-server is not installed in ${e2eDir} (set VERBATIM_E2E_DIR to where it is)`;
  if (!chromiumPath()) return 'chromium is not on PATH (or set CHROMIUM_PATH)';
  return undefined;
}

/** Why the Neovim suite cannot run here, or undefined when it can. */
export function neovimMissing() {
  return nvimPath() ? undefined : 'nvim is not on PATH (or set NVIM_PATH)';
}

/** Why the Emacs suite cannot run here (it needs eglot and markdown-mode), or undefined when it can. */
export function emacsMissing() {
  const emacs = emacsPath();
  if (!emacs) return 'emacs is not on PATH (or set EMACS_PATH)';
  // -q, not -Q: Debian's site-start puts its elpa packages on the load path (as test/e2e/emacs/run.el needs).
  const probe = spawnSync(emacs, ['--batch', '-q', '--eval', "(progn (require 'eglot) (require 'markdown-mode))"], { stdio: 'ignore', timeout: 60_000 });
  return probe.status === 0 ? undefined : `${emacs} cannot load eglot and markdown-mode (Debian: elpa-eglot, elpa-markdown-mode)`;
}

/** Runs `missing`; when it names something, installs what is missing and asks again. Throws if still missing. */
async function ensure(missing, mode) {
  if (!missing()) return;
  await installEditors(mode);
  const still = missing();
  if (still) throw new Error(`still missing after scripts/install-editors.sh: ${still}`);
}

/**
 * Runs scripts/install-editors.sh (idempotent: installs only what is missing).
 * `mode` is '--apt-only' for Neovim alone, '' for everything.
 */
export async function installEditors(mode = '') {
  const args = mode ? [mode] : [];
  console.log(`installing what is missing: scripts/install-editors.sh ${args.join(' ')}`);
  const output = await run(join(repoRoot, 'scripts', 'install-editors.sh'), args, { cwd: repoRoot, env: process.env });
  console.log(output.split('\n').filter((line) => line.startsWith('[install-editors]')).join('\n'));
}

/** Ensures code-server and chromium are present; returns their paths. */
export async function ensureCodeServer() {
  await ensure(codeServerMissing, '');
  return { codeServerEntry, chromiumPath: chromiumPath() };
}

/** Ensures nvim is present; returns its path. */
export async function ensureNeovim() {
  await ensure(neovimMissing, '--apt-only');
  return nvimPath();
}

/** Debian's Emacs 28 with the eglot and markdown-mode packages (installed when missing); returns its path. */
export async function ensureEmacs() {
  await ensure(emacsMissing, '--apt-only');
  return emacsPath();
}

/**
 * Builds the VSIX with `npm run package` (tsc, esbuild, vsce) unless VERBATIM_VSIX names
 * one already built. Returns its path and size in bytes.
 */
export async function buildVsix() {
  const given = process.env.VERBATIM_VSIX;
  if (given) return { path: given, bytes: statSync(given).size };
  await run('npm', ['run', '--silent', 'package'], { cwd: repoRoot, env: process.env });
  const path = join(repoRoot, 'verbatim.vsix');
  return { path, bytes: statSync(path).size };
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
