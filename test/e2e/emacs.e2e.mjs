// End to end in Emacs (Debian's 28.2 with its eglot 1.9 and markdown-mode packages):
// batch Emacs loads the README's configuration (scripts/emacs/verbatim.el), opens the
// fixture draft so markdown-mode's hook starts eglot with `verbatim-language-server
// --stdio` from PATH, and reports flymake's diagnostics, a hover and a completion as
// JSON, which this test asserts. Run: npm run test:emacs
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { exited, run, startTracked, stopTracked } from './support/processes.mjs';
import { assertReadmeShows } from './support/readmeConfiguration.mjs';
import { ensureEmacs } from './support/tools.mjs';
import { artifactsDir, corpusKeys, createWorkspace, fixture, locate, repoRoot } from './support/workspace.mjs';

const config = join(repoRoot, 'scripts', 'emacs', 'verbatim.el');

/** 0-based line and column of `needle` in the draft, widened by `pad` characters on each side, and its length. */
function spanOf(needle, pad = 0) {
  const at = locate(needle);
  return { line: at.line - 1, column: at.column - 1 - pad, length: needle.length + 2 * pad };
}

describe('Verbatim in Emacs 28 (eglot), the standalone server', { timeout: 3 * 60_000 }, () => {
  const scratch = mkdtempSync(join(tmpdir(), 'verbatim-emacs-'));
  /** @type {any} */
  let results;
  /** What Emacs printed (eglot's messages and warnings). */
  let printed = '';

  before(async () => {
    const emacs = await ensureEmacs();
    const entry = join(repoRoot, 'server', 'out', 'server.js');
    if (!existsSync(entry)) await run('npm', ['run', '--silent', 'build'], { cwd: repoRoot, env: process.env });
    // The README's configuration runs `verbatim-language-server` from PATH, as `npm install -g` puts it there.
    const bin = join(scratch, 'bin');
    mkdirSync(bin);
    const shim = join(bin, 'verbatim-language-server');
    writeFileSync(shim, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(entry)} "$@"\n`);
    chmodSync(shim, 0o755);
    const workspace = createWorkspace(scratch);
    const resultsPath = join(scratch, 'results.json');
    const hoverAt = locate(fixture.mismatchQuote);
    const env = {
      ...process.env,
      PATH: `${bin}:${process.env.PATH}`,
      HOME: scratch,
      VERBATIM_RESULTS: resultsPath,
      VERBATIM_DRAFT: workspace.draft,
      VERBATIM_CONFIG: config,
      VERBATIM_HOVER_AT: JSON.stringify({ line: hoverAt.line - 1, character: hoverAt.column + 4 }),
    };
    const script = join(repoRoot, 'test', 'e2e', 'emacs', 'run.el');
    const { child, output } = startTracked(emacs, ['--batch', '-q', '-l', script], { cwd: workspace.folder, env });
    // Emacs bounds each of its own waits; this only guards against a hung editor.
    const guard = setTimeout(() => void stopTracked(child), 120_000);
    const code = await exited(child);
    clearTimeout(guard);
    await stopTracked(child);
    assert.ok(existsSync(resultsPath), `emacs wrote no results (exit ${code}):\n${output()}`);
    results = JSON.parse(readFileSync(resultsPath, 'utf8'));
    printed = output();
    assert.equal(code, 0, `emacs exited with ${code}: ${results.error}\n${output()}`);
    mkdirSync(artifactsDir, { recursive: true });
    const saved = join(artifactsDir, 'emacs-results.json');
    writeFileSync(saved, JSON.stringify(results, null, 2));
    console.log(`results: ${saved}`);
  });

  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('starts the server from the configuration for the Markdown draft', () => {
    assert.equal(results.mode, 'markdown-mode');
    assert.deepEqual(results.server, ['verbatim-language-server', '--stdio']);
  });

  it('connects without a warning from eglot', () => {
    assert.match(printed, /\[eglot\] Connected!/);
    assert.doesNotMatch(printed, /warning/i);
  });

  it('reports each problem in flymake with its severity and exact span, and nothing on the verbatim quote', () => {
    const summary = results.diagnostics.map(({ type, line, column, length }) => ({ type, line, column, length }));
    assert.deepEqual(summary, [
      { type: 'eglot-warning', ...spanOf(fixture.mismatchQuote, 1) },
      { type: 'eglot-error', ...spanOf(fixture.unknownKey) },
      { type: 'eglot-warning', ...spanOf(fixture.misattributedQuote, 1) },
    ]);
    assert.match(results.diagnostics[0].text, new RegExp(`\\[quote-mismatch\\]: Misquoted from @${fixture.mismatchKey}: the source says “300”, not “500”\\.`));
    assert.match(results.diagnostics[1].text, new RegExp(`\\[unknown-source\\]: Unknown source @${fixture.unknownKey}\\.`));
    assert.match(results.diagnostics[2].text, /\[quote-misattributed\]: Misattributed:/);
  });

  it('shows the source passage in the hover on a misquote', () => {
    assert.equal(typeof results.hover, 'string', JSON.stringify(results.hover));
    assert.match(results.hover, /Differs from the source/);
    assert.ok(results.hover.includes(fixture.mismatchSource), results.hover);
  });

  it('completes every source key after [@', () => {
    const keys = corpusKeys();
    assert.deepEqual([...new Set(results.completion)].filter((label) => keys.includes(label)).sort(), keys);
  });
});

describe('the Emacs configuration in the README', () => {
  it('is the code of scripts/emacs/verbatim.el, the file the test runs', () => assertReadmeShows(config, ';;', 'elisp'));
});
