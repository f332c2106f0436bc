// Finds (or installs, through scripts/install-editors.sh) the editors and builds the VSIX.
import { existsSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { run } from './processes.mjs';
import { repoRoot } from './workspace.mjs';

export const e2eDir = process.env.VERBATIM_E2E_DIR ?? join(repoRoot, '.e2e');
export const codeServerEntry = join(e2eDir, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const nvimPath = process.env.NVIM_PATH ?? '/usr/bin/nvim';
export const emacsPath = process.env.EMACS_PATH ?? '/usr/bin/emacs';

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
  if (!existsSync(codeServerEntry) || !existsSync(chromiumPath)) await installEditors();
  return { codeServerEntry, chromiumPath };
}

/** Ensures nvim is present; returns its path. */
export async function ensureNeovim() {
  if (!existsSync(nvimPath)) await installEditors('--apt-only');
  return nvimPath;
}

/** Debian's Emacs 28 with the eglot and markdown-mode packages (installed when missing). */
export async function ensureEmacs() {
  if (!existsSync(emacsPath) || !existsSync('/usr/share/emacs/site-lisp/elpa/eglot-1.9')) await installEditors('--apt-only');
  return emacsPath;
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
