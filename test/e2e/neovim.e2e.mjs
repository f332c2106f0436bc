// End to end in Neovim (Debian's 0.7.2) with its built-in LSP client: headless nvim
// loads the README's configuration (scripts/nvim/verbatim.lua), starts the standalone
// server over stdio, opens the fixture draft, and reports the diagnostics, a hover and
// a completion as JSON, which this test asserts. Run: npm run test:nvim
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { exited, run, startTracked, stopTracked } from './support/processes.mjs';
import { assertReadmeShows } from './support/readmeConfiguration.mjs';
import { ensureNeovim } from './support/tools.mjs';
import { bibFixture, createBibliographyWorkspace, locateInBibDraft } from './support/bibliographyWorkspace.mjs';
import { artifactsDir, corpusKeys, createWorkspace, draftLines, fixture, locate, repoRoot } from './support/workspace.mjs';

/**
 * The two ways a server can start: the standalone build (`verbatim-language-server`,
 * what the README tells Neovim users to run) and the esbuild bundle the VSIX ships.
 */
const variants = [
  { name: 'the standalone server (server/out/server.js)', entry: 'server/out/server.js', build: ['run', '--silent', 'build'], always: false, isolated: false },
  { name: 'the bundled server (dist/server.mjs, run from a copy without node_modules)', entry: 'dist/server.mjs', build: ['run', '--silent', 'bundle'], always: true, isolated: true },
];

/** 0-based range of `needle` in the draft, widened by `pad` characters on each side. */
function rangeOf(needle, pad = 0) {
  const at = locate(needle);
  const col = at.column - 1 - pad;
  return { lnum: at.line - 1, col, end_lnum: at.line - 1, end_col: col + needle.length + 2 * pad };
}

/**
 * Runs headless nvim on `workspace.draft` through test/e2e/nvim/run.lua with the README's
 * configuration and the server `cmd`; returns the JSON it wrote (diagnostics, the hover at
 * 0-based `hoverAt`, completion). `extraEnv` reaches run.lua (VERBATIM_AWAIT_CODE).
 */
async function runNeovim(scratch, workspace, cmd, hoverAt, extraEnv = {}) {
  const nvim = await ensureNeovim();
  const resultsPath = join(scratch, 'results.json');
  const env = {
    ...process.env,
    HOME: scratch,
    XDG_CONFIG_HOME: join(scratch, 'config'),
    XDG_DATA_HOME: join(scratch, 'data'),
    XDG_STATE_HOME: join(scratch, 'state'),
    XDG_CACHE_HOME: join(scratch, 'cache'),
    VERBATIM_RESULTS: resultsPath,
    VERBATIM_DRAFT: workspace.draft,
    VERBATIM_CONFIG: join(repoRoot, 'scripts', 'nvim', 'verbatim.lua'),
    VERBATIM_CMD: JSON.stringify(cmd),
    VERBATIM_HOVER_AT: JSON.stringify(hoverAt),
    ...extraEnv,
  };
  const script = join(repoRoot, 'test', 'e2e', 'nvim', 'run.lua');
  const { child, output } = startTracked(nvim, ['--headless', '--clean', '-c', `luafile ${script}`], { cwd: workspace.folder, env });
  // nvim bounds each of its own waits; this only guards against a hung editor.
  const guard = setTimeout(() => void stopTracked(child), 120_000);
  const code = await exited(child);
  clearTimeout(guard);
  await stopTracked(child);
  assert.equal(code, 0, `nvim exited with ${code}:\n${output()}`);
  assert.ok(existsSync(resultsPath), `nvim wrote no results:\n${output()}`);
  return JSON.parse(readFileSync(resultsPath, 'utf8'));
}

for (const variant of variants) {
describe(`Verbatim in Neovim 0.7 (built-in LSP client), ${variant.name}`, { timeout: 3 * 60_000 }, () => {
  const scratch = mkdtempSync(join(tmpdir(), 'verbatim-nvim-'));
  /** @type {any} */
  let results;

  before(async () => {
    let entry = join(repoRoot, variant.entry);
    if (variant.always || !existsSync(entry)) await run('npm', variant.build, { cwd: repoRoot, env: process.env });
    if (variant.isolated) {
      // Run the bundle from a copy outside the repository, as the VSIX does: no node_modules to fall back on.
      cpSync(join(repoRoot, 'dist'), join(scratch, 'dist'), { recursive: true });
      entry = join(scratch, variant.entry);
    }
    const server = { cmd: [process.execPath, entry, '--stdio'] };
    const workspace = createWorkspace(scratch);
    const hoverAt = locate(fixture.mismatchQuote);
    results = await runNeovim(scratch, workspace, server.cmd, { line: hoverAt.line - 1, character: hoverAt.column + 4 });
    mkdirSync(artifactsDir, { recursive: true });
    const saved = join(artifactsDir, `neovim-results-${variant.entry.includes('dist') ? 'bundle' : 'standalone'}.json`);
    writeFileSync(saved, JSON.stringify(results, null, 2));
    console.log(`server: ${server.cmd.join(' ')}`);
    console.log(`results: ${saved}`);
  });

  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('attaches the verbatim client to the Markdown draft without an error', () => {
    assert.equal(results.error, undefined, results.error);
    assert.equal(results.filetype, 'markdown');
    assert.equal(results.omnifunc, 'v:lua.vim.lsp.omnifunc', 'on_attach set up completion');
    assert.deepEqual(results.server, { name: 'verbatim', capabilities: { hover: true, completion: true } });
  });

  it('reports each problem with its code, severity and exact range, and nothing on the verbatim quote', () => {
    const mine = results.diagnostics.filter((d) => d.source === 'verbatim')
      .sort((a, b) => a.lnum - b.lnum || a.col - b.col);
    const summary = mine.map(({ code, severity, lnum, col, end_lnum, end_col }) => ({ code, severity, lnum, col, end_lnum, end_col }));
    assert.deepEqual(summary, [
      { code: 'quote-mismatch', severity: 2, ...rangeOf(fixture.mismatchQuote, 1) },
      { code: 'unknown-source', severity: 1, ...rangeOf(fixture.unknownKey) },
      { code: 'quote-misattributed', severity: 2, ...rangeOf(fixture.misattributedQuote, 1) },
    ]);
    assert.equal(mine[0].message, `Misquoted from @${fixture.mismatchKey}: the source says “300”, not “500”.`);
    assert.ok(mine[1].message.startsWith(`Unknown source @${fixture.unknownKey}.`), mine[1].message);
    assert.equal(mine[2].message, `Misattributed: these words are in @${fixture.misattributedHolder}, not in the cited @${fixture.misattributedKey}.`);
    assert.equal(results.diagnostics.length, mine.length, 'only Verbatim reports on the draft');
    assert.ok(!mine.some((d) => d.lnum === locate(fixture.verbatimQuote).line - 1));
  });

  it('shows the source passage in the hover on a misquote', () => {
    assert.equal(typeof results.hover, 'string', JSON.stringify(results.hover));
    assert.match(results.hover, /Differs from the source/);
    assert.ok(results.hover.includes(`@${fixture.mismatchKey.replace(/_/g, '\\_')}`) || results.hover.includes(`@${fixture.mismatchKey}`), results.hover);
    assert.ok(results.hover.includes(fixture.mismatchSource), results.hover);
  });

  it('completes every source key after [@', () => {
    assert.ok(draftLines.length > 0);
    const keys = corpusKeys();
    assert.equal(keys.length, 5);
    assert.deepEqual([...new Set(results.completion)].filter((label) => keys.includes(label)).sort(), keys);
  });
});
}

describe('Verbatim in Neovim 0.7, a draft whose front matter names a bibliography (refs.bib)', { timeout: 3 * 60_000 }, () => {
  const scratch = mkdtempSync(join(tmpdir(), 'verbatim-nvim-bib-'));
  /** @type {any} */
  let results;

  before(async () => {
    const entry = join(repoRoot, 'server', 'out', 'server.js');
    if (!existsSync(entry)) await run('npm', ['run', '--silent', 'build'], { cwd: repoRoot, env: process.env });
    const workspace = createBibliographyWorkspace(scratch);
    const hoverAt = locateInBibDraft(`@${bibFixture.bookKey}`);
    results = await runNeovim(scratch, workspace, [process.execPath, entry, '--stdio'],
      { line: hoverAt.line - 1, character: hoverAt.column + 2 }, { VERBATIM_AWAIT_CODE: 'quote-unverifiable' });
    mkdirSync(artifactsDir, { recursive: true });
    writeFileSync(join(artifactsDir, 'neovim-results-bibliography.json'), JSON.stringify(results, null, 2));
  });

  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('knows the bibliography keys and reports the quotation cited to the entry without full text as unverifiable, only that', () => {
    assert.equal(results.error, undefined, results.error);
    const summary = results.diagnostics.map(({ code, severity, lnum, col }) => ({ code, severity, lnum, col }));
    const at = locateInBibDraft(bibFixture.unverifiableQuote);
    assert.deepEqual(summary, [{ code: 'quote-unverifiable', severity: 3, lnum: at.line - 1, col: at.column - 2 }]);
    assert.ok(results.diagnostics[0].message.startsWith(`@${bibFixture.bookKey} has no full text here, so this quotation was not checked`), results.diagnostics[0].message);
  });

  it('shows the formatted reference in the hover on a bibliography key', () => {
    assert.equal(typeof results.hover, 'string', JSON.stringify(results.hover));
    assert.ok(results.hover.replace(/\*\*/g, '').startsWith(bibFixture.bookReference), results.hover);
  });

  it('completes the bibliography keys after [@', () => {
    for (const key of [bibFixture.attachedKey, bibFixture.bookKey]) assert.ok(results.completion.includes(key), JSON.stringify(results.completion));
  });
});

describe('the Neovim configuration in the README', () => {
  it('is the code of scripts/nvim/verbatim.lua, the file the test runs', () => assertReadmeShows(join(repoRoot, 'scripts', 'nvim', 'verbatim.lua'), '--', 'lua'));
});
