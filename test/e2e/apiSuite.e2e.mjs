// Runs the test:vscode suite (test/e2e/vscode/suite.cjs, written for @vscode/test-electron)
// inside code-server's real extension host, so the suite that only VS Code desktop can
// run elsewhere is exercised on every CI run here too. A small host extension loads the
// suite after startup and shows its verdict in the status bar; the test waits on that.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { installExtension, outputChannelLog, startCodeServer } from './support/codeServer.mjs';
import { run } from './support/processes.mjs';
import { buildVsix, ensureCodeServer } from './support/tools.mjs';
import { launchBrowser, openWorkbench, screenshot } from './support/workbench.mjs';
import { apiSuiteExpectations } from './support/verbatimUi.mjs';
import { artifactsDir, createWorkspace, repoRoot } from './support/workspace.mjs';

const HOST_ID = 'verbatim-e2e.api-suite-host';

/** The host extension's code: runs the suite with VERBATIM_E2E set, logs to a file, shows the verdict. */
function hostSource(suitePath, logPath) {
  return `const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
exports.activate = async () => {
  const item = vscode.window.createStatusBarItem('verdict', vscode.StatusBarAlignment.Left, 1000);
  item.text = 'API suite: running';
  item.show();
  process.env.VERBATIM_E2E = fs.readFileSync(path.join(__dirname, 'expect.json'), 'utf8');
  const lines = [];
  try {
    await require(${JSON.stringify(suitePath)}).runWith((line) => lines.push(line));
    item.text = 'API suite: passed';
  } catch (error) {
    lines.push(String(error));
    item.text = 'API suite: failed';
  }
  fs.writeFileSync(${JSON.stringify(logPath)}, lines.join('\\n') + '\\n');
};
`;
}

/** Packages the host extension as a VSIX (code-server installs extensions from VSIX files). */
async function buildHost(scratch, draft, logPath) {
  const dir = join(scratch, 'api-suite-host');
  mkdirSync(dir, { recursive: true });
  const [publisher, name] = HOST_ID.split('.');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({
    name, publisher, version: '0.0.1', license: 'MIT', engines: { vscode: '^1.82.0' },
    main: './extension.js', activationEvents: ['onStartupFinished'],
  }, null, 2));
  writeFileSync(join(dir, 'extension.js'), hostSource(join(repoRoot, 'test', 'e2e', 'vscode', 'suite.cjs'), logPath));
  writeFileSync(join(dir, 'expect.json'), JSON.stringify(apiSuiteExpectations(draft)));
  const vsix = join(scratch, 'api-suite-host.vsix');
  const vsce = join(repoRoot, 'node_modules', '.bin', 'vsce');
  await run(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', vsix], { cwd: dir, env: process.env });
  return vsix;
}

describe('the test:vscode suite, in code-server\'s extension host', { timeout: 10 * 60_000 }, () => {
  const scratch = mkdtempSync(join(tmpdir(), 'verbatim-api-suite-'));
  const logPath = join(artifactsDir, 'api-suite.log');
  let browser;
  let server;

  before(async () => {
    await ensureCodeServer();
    mkdirSync(artifactsDir, { recursive: true });
    rmSync(logPath, { force: true });
    const workspace = createWorkspace(scratch);
    await installExtension(scratch, (await buildVsix()).path);
    await installExtension(scratch, await buildHost(scratch, workspace.draft, logPath));
    // The server's messages, timed, in the Verbatim output: the evidence when a step fails.
    server = await startCodeServer(scratch, { 'verbatim.trace.server': 'messages' });
    browser = await launchBrowser(scratch);
    await openWorkbench(browser.page, server.url, workspace.folder);
  });

  after(async () => {
    await browser?.context.close().catch(() => undefined);
    await server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('passes every step of the suite', async () => {
    const { page } = browser;
    const verdict = page.locator(`.statusbar-item[id^="${HOST_ID}"]`, { hasText: /API suite: (passed|failed)/ });
    await verdict.waitFor({ timeout: 120_000 });
    const path = await screenshot(page, 'api-suite');
    console.log(`screenshot: ${path} (the API suite's verdict in the status bar, the draft it edited)`);
    const log = existsSync(logPath) ? readFileSync(logPath, 'utf8') : '(no log)';
    console.log(log.trimEnd());
    const serverLog = outputChannelLog(server.dirs, 'Verbatim') ?? '(the Verbatim output channel was not logged)';
    const serverLogPath = join(artifactsDir, 'api-suite-verbatim-output.log');
    writeFileSync(serverLogPath, serverLog);
    console.log(`log: ${serverLogPath} (the Verbatim output channel, with the server's messages)`);
    if (!/# fail 0/.test(log)) console.log(serverLog.split('\n').slice(-200).join('\n'));
    assert.match(await verdict.innerText(), /API suite: passed/, log);
    assert.match(log, /# fail 0/);
  });
});
