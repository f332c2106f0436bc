// Runs inside VS Code desktop's extension host (loaded by @vscode/test-electron from
// test/e2e/vscode/run.mjs): the code-server suite's assertions through the VS Code API.
// The fixture (draft path, expected problems, keys) arrives as JSON in VERBATIM_E2E.
// The status bar cannot be read through the API; the code-server suite screenshots it.
const assert = require('node:assert/strict');
const vscode = require('vscode');

const EXTENSION_ID = 'verbatim-writing.verbatim';

/** Resolves with the document's Verbatim diagnostics once there are at least `count`. */
function verbatimDiagnostics(uri, count) {
  const current = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'verbatim');
  if (current().length >= count) return Promise.resolve(current());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { listener.dispose(); reject(new Error(`fewer than ${count} diagnostics after 60 s: ${diagnosticsState(uri)}`)); }, 60_000);
    const listener = vscode.languages.onDidChangeDiagnostics(() => {
      if (current().length < count) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(current());
    });
  });
}

/** What VS Code holds when a wait fails: the document's language and every diagnostic it knows of. */
function diagnosticsState(uri) {
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  const all = vscode.languages.getDiagnostics().map(([u, ds]) => `${u.toString()}: ${ds.map((d) => `${d.source}/${typeof d.code === 'object' ? d.code.value : d.code}`).join(', ')}`);
  return `document ${uri.toString()} (${document ? `open as ${document.languageId}, version ${document.version}` : 'not open'}); diagnostics: ${all.join('; ') || 'none'}`;
}

function hoverText(hovers) {
  return hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
}

const steps = [
  ['activates on a Markdown draft', async (ctx) => {
    ctx.document = await vscode.workspace.openTextDocument(ctx.expect.draft);
    ctx.editor = await vscode.window.showTextDocument(ctx.document);
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  }],
  ['reports each problem with its code, message and range', async (ctx) => {
    const diagnostics = await verbatimDiagnostics(ctx.document.uri, ctx.expect.problems.length);
    const found = diagnostics.map((d) => ({
      code: typeof d.code === 'object' ? d.code.value : d.code,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      message: d.message,
    })).sort((a, b) => a.line - b.line);
    assert.equal(found.length, ctx.expect.problems.length, JSON.stringify(found));
    ctx.expect.problems.forEach((problem, i) => {
      assert.equal(found[i].code, problem.code);
      assert.equal(found[i].line, problem.line);
      assert.equal(found[i].column, problem.column);
      assert.ok(found[i].message.startsWith(problem.message), `${found[i].message} does not start with ${problem.message}`);
    });
  }],
  ['shows the source passage in the hover on a misquote', async (ctx) => {
    const position = new vscode.Position(ctx.expect.hoverAt.line, ctx.expect.hoverAt.character);
    const text = hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', ctx.document.uri, position));
    assert.match(text, /Differs from the source/);
    assert.ok(text.includes(ctx.expect.fixture.mismatchSource), text);
  }],
  ['completes every source key after [@', async (ctx) => {
    const line = ctx.document.lineCount;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(ctx.document.uri, new vscode.Position(line - 1, ctx.document.lineAt(line - 1).text.length), '\nSee [@');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const end = ctx.document.lineAt(ctx.document.lineCount - 1).range.end;
    const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', ctx.document.uri, end, '@');
    const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    for (const key of ctx.expect.keys) assert.ok(labels.includes(key), `${key} not in ${labels.join(', ')}`);
    await vscode.commands.executeCommand('undo');
  }],
  ['rewrites a misquote to the source wording with the quick fix', async (ctx) => {
    const problem = ctx.expect.problems.find((p) => p.code === 'quote-mismatch');
    const at = new vscode.Position(problem.line - 1, problem.column + 4);
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', ctx.document.uri, new vscode.Range(at, at), 'quickfix');
    const fix = actions.find((a) => a.title === ctx.expect.quickFixTitle);
    assert.ok(fix, `no "${ctx.expect.quickFixTitle}" in ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(fix.edit && (await vscode.workspace.applyEdit(fix.edit)));
    assert.ok(ctx.document.getText().includes(`"${ctx.expect.fixture.mismatchSource}"`), ctx.document.getText());
    assert.ok(!ctx.document.getText().includes(ctx.expect.fixture.mismatchQuote));
  }],
  ['shows a source\'s text as a read-only verbatim-source: document, with Open Original File', async (ctx) => {
    // The document Go to Definition opens for a PDF or e-book, asked for by key (the bundled corpus is text only).
    const key = ctx.expect.fixture.mismatchKey;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(`verbatim-source:/${key}.txt.txt?${encodeURIComponent(key)}`));
    assert.ok(document.getText().includes(ctx.expect.fixture.mismatchSource), document.getText().slice(0, 200));
    const missing = await vscode.workspace.openTextDocument(vscode.Uri.parse('verbatim-source:/nosuch.pdf.txt?nosuch'));
    assert.equal(missing.getText(), 'Verbatim has no source with the key nosuch.');
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('verbatim.openOriginal'), 'verbatim.openOriginal is not registered');
  }],
  ['runs "Verbatim: Check All Drafts" and "Verbatim: Show Output"', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['verbatim.checkAllDrafts', 'verbatim.showOutput']) assert.ok(commands.includes(id), `${id} is not registered`);
    await vscode.commands.executeCommand('verbatim.checkAllDrafts');
    await vscode.commands.executeCommand('verbatim.showOutput');
  }],
];

/**
 * Runs every step, reporting each through `log`; rejects when any failed.
 * `await runWith(console.log)` prints `ok - activates on a Markdown draft`, ...
 */
async function runWith(log) {
  // Read when the suite runs, so a host can set it after loading this file.
  const ctx = { expect: JSON.parse(process.env.VERBATIM_E2E ?? '{}') };
  const failures = [];
  for (const [name, step] of steps) {
    const started = Date.now();
    const took = () => `(${Date.now() - started} ms)`;
    try {
      await step(ctx);
      log(`ok - ${name} ${took()}`);
    } catch (error) {
      failures.push(name);
      log(`not ok - ${name} ${took()}\n${error && error.stack ? error.stack : error}`);
    }
  }
  log(`# pass ${steps.length - failures.length}\n# fail ${failures.length}`);
  if (failures.length > 0) throw new Error(`${failures.length} step(s) failed: ${failures.join('; ')}`);
}

/** Entry point VS Code calls for @vscode/test-electron (with a tests path and a callback it does not need here). */
function run() {
  return runWith((line) => console.log(line));
}

module.exports = { run, runWith };
