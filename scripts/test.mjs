#!/usr/bin/env node
// The test runner behind `npm test` and `npm run test:all` (which .ci/run runs).
//   npm test           builds (tsc and the bundles), then runs every suite whose tools are
//                      here, installs nothing (no apt-get, no root), and ends by naming
//                      each suite it skipped and why;
//   npm run test:all   first installs what is missing (scripts/install-editors.sh: Debian
//                      packages as root, code-server into .e2e/), then runs every suite with
//                      CI=true; a suite that still cannot run is a failure, not a skip;
//   node scripts/test.mjs --list [--all]   says which suites would run, runs nothing.
// Suites go on after one fails, so the summary shows all of them; the exit code is 1 when
// any failed (or, with --all, could not run).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { codeServerMissing, emacsMissing, neovimMissing, onPath } from '../test/e2e/support/tools.mjs';
import { repoRoot } from '../test/e2e/support/workspace.mjs';

const all = process.argv.includes('--all');
const listOnly = process.argv.includes('--list');

/**
 * Each suite: how to run it, and why it cannot run here (undefined when it can).
 * `installable: false` marks a suite test:all cannot provide for (VS Code desktop
 * cannot be downloaded on the CI machines; its assertions also run in code-server).
 */
const suites = [
  { name: 'unit, CLI and LSP tests', command: [process.execPath, '--test', 'test/out/'], missing: () => undefined },
  {
    name: 'VS Code desktop (npm run test:vscode)',
    command: ['npm', 'run', '--silent', 'test:vscode'],
    missing: () => (process.env.VSCODE_EXECUTABLE || process.env.VSCODE_DOWNLOAD === '1' ? undefined : 'VSCODE_EXECUTABLE is not set (its suite runs inside code-server too)'),
    installable: false,
  },
  { name: 'code-server and chromium (npm run test:e2e)', command: ['npm', 'run', '--silent', 'test:e2e'], missing: codeServerMissing },
  { name: 'Neovim (npm run test:nvim)', command: ['npm', 'run', '--silent', 'test:nvim'], missing: neovimMissing },
  { name: 'Emacs with eglot (npm run test:emacs)', command: ['npm', 'run', '--silent', 'test:emacs'], missing: emacsMissing },
];

/**
 * What some tests inside the unit suite need: without it they skip with a message, or
 * fail under CI=true (test:all), whose install step provides pandoc.
 */
function unitSuiteNotes() {
  const outcome = all ? 'fail' : 'are skipped';
  const notes = [];
  if (!onPath('pandoc')) notes.push(`pandoc is not on PATH: the unit suite's tests that compare with Pandoc ${outcome}`);
  if (!existsSync(join(repoRoot, '..', 'shared', 'data'))) notes.push(`../shared/data is missing: the unit suite's tests on its real files ${outcome}`);
  return notes;
}

/** Runs a command with the terminal as its output; resolves with its exit code (1 when it could not start). */
function runInherited(command, env) {
  return new Promise((resolve) => {
    const child = spawn(command[0], command.slice(1), { cwd: repoRoot, env, stdio: 'inherit' });
    child.once('error', (error) => {
      console.error(`${command.join(' ')}: ${error.message}`);
      resolve(1);
    });
    child.once('exit', (code, signal) => resolve(signal ? 1 : code ?? 1));
  });
}

function duration(ms) {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

async function main() {
  const env = all ? { ...process.env, CI: 'true' } : process.env;
  if (all && !listOnly) {
    console.log('== installing what the suites need (scripts/install-editors.sh)');
    const installed = spawnSync(join(repoRoot, 'scripts', 'install-editors.sh'), [], { cwd: repoRoot, env, stdio: 'inherit' });
    if (installed.status !== 0) {
      console.error('test:all: scripts/install-editors.sh failed (it needs root for apt-get): nothing was run');
      return 1;
    }
  }
  const plan = suites.map((suite) => ({ suite, missing: suite.missing() }));
  const notes = unitSuiteNotes();
  if (listOnly) {
    for (const { suite, missing } of plan) {
      // test:all installs what a suite misses before it runs, and fails the suite if it is still missing.
      const verb = !missing ? 'would run' : all && suite.installable !== false ? 'to install' : 'would skip';
      console.log(`${verb.padEnd(10)} ${suite.name}${missing ? `: ${missing}` : ''}`);
    }
    for (const note of notes) console.log(`note       ${note}`);
    return 0;
  }

  console.log('== build (tsc -b, then the esbuild bundles in dist/)');
  if ((await runInherited(['npm', 'run', '--silent', 'build'], env)) !== 0) {
    console.error('the build failed: no suite was run');
    return 1;
  }
  const results = [];
  for (const { suite, missing } of plan) {
    if (missing) {
      const fails = all && suite.installable !== false;
      results.push({ suite, status: fails ? 'FAILED' : 'skipped', detail: fails ? `cannot run: ${missing}` : missing });
      continue;
    }
    console.log(`\n== ${suite.name}`);
    const started = Date.now();
    const code = await runInherited(suite.command, env);
    results.push({ suite, status: code === 0 ? 'passed' : 'FAILED', detail: `${code === 0 ? '' : `exit code ${code}, `}${duration(Date.now() - started)}` });
  }

  console.log(`\n== ${all ? 'npm run test:all' : 'npm test'}: summary`);
  for (const { suite, status, detail } of results) console.log(`${status.padEnd(8)} ${suite.name}: ${detail}`);
  for (const note of notes) console.log(`note     ${note}`);
  const installable = results.filter((r) => r.status === 'skipped' && r.suite.installable !== false).length;
  if (installable > 0) console.log(`\`npm run test:all\` installs what the skipped suite${installable > 1 ? 's need' : ' needs'} (apt-get as root) and runs ${installable > 1 ? 'them' : 'it'}.`);
  return results.some((r) => r.status === 'FAILED') ? 1 : 0;
}

main().then((code) => { process.exitCode = code; }, (error) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exitCode = 1;
});
