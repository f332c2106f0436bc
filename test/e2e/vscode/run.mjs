#!/usr/bin/env node
// The same end-to-end assertions in VS Code desktop (Electron), with @vscode/test-electron.
// VS Code desktop cannot be downloaded on the CI machines, so this runs only when a build
// is at hand: VSCODE_EXECUTABLE=/path/to/code, or VSCODE_DOWNLOAD=1 to let test-electron
// fetch one (machines with internet). Otherwise it says it is skipped, and exits 0:
// the code-server suite (npm run test:e2e) is the real-editor test that always runs, and
// it runs this same suite (suite.cjs) inside code-server's extension host too.
// On Linux without a display, run it under xvfb-run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../support/processes.mjs';
import { apiSuiteExpectations } from '../support/verbatimUi.mjs';
import { createWorkspace, repoRoot } from '../support/workspace.mjs';

const SKIP = 'skipped: no VS Code desktop on this machine (set VSCODE_EXECUTABLE)';

async function main() {
  const executable = process.env.VSCODE_EXECUTABLE;
  if (!executable && process.env.VSCODE_DOWNLOAD !== '1') {
    console.log(`test:vscode ${SKIP}`);
    return 0;
  }
  const { runTests, downloadAndUnzipVSCode } = await import('@vscode/test-electron');
  const vscodeExecutablePath = executable ?? (await downloadAndUnzipVSCode(process.env.VSCODE_VERSION ?? 'stable'));
  // tsc and the esbuild bundles: package.json's `main` is dist/extension.js.
  await run('npm', ['run', '--silent', 'build'], { cwd: repoRoot, env: process.env });
  const scratch = mkdtempSync(join(tmpdir(), 'verbatim-vscode-'));
  try {
    const workspace = createWorkspace(scratch);
    const expectations = apiSuiteExpectations(workspace.draft);
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: join(repoRoot, 'test', 'e2e', 'vscode', 'suite.cjs'),
      extensionTestsEnv: { VERBATIM_E2E: JSON.stringify(expectations) },
      launchArgs: [workspace.folder, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome',
        '--user-data-dir', join(scratch, 'user-data'), '--extensions-dir', join(scratch, 'extensions')],
    });
    console.log('test:vscode passed');
    return 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().then((code) => { process.exitCode = code; }, (error) => {
  console.error(`test:vscode failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
