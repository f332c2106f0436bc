import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../../../server/out/cli/run.js';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { A, C, sampleFiles } from '../fixtures/sampleCorpus.js';

const draft = [
  '# Draft',
  '',
  `“So far, we are on the same page about the thresholds,” one said [@${A}].`,
  `Troops were “less than 42 kilometers from the northeastern city of Kharkiv” [@${C}].`,
  'See [@nosuchkey].',
  '',
].join('\n');

async function run(argv: string[], files: Record<string, string | null> = { ...sampleFiles, 'draft.md': draft }, interactive = false) {
  let stdout = '';
  let stderr = '';
  const status = await runCli(argv, {
    fs: memoryFileSystem(files),
    stdout: (t) => { stdout += t; },
    stderr: (t) => { stderr += t; },
    interactive,
    version: '9.9.9',
    now: () => 0,
  });
  return { status, stdout, stderr };
}

test('text output has one compiler-style line per finding and exits 1 on warnings', async () => {
  const { status, stdout, stderr } = await run(['check', 'draft.md']);
  assert.equal(status, 1);
  assert.equal(stdout, [
    `draft.md:4:13: warning quote-mismatch: Misquoted from @${C}: the source says “32”, not “42”. (source: ${C})`,
    'draft.md:5:7: error unknown-source: Unknown source @nosuchkey. No source in the corpus has this key.',
    '',
  ].join('\n'));
  assert.match(stderr, /^2 problems in 1 draft \(1 error, 1 warning\); 2 quotations checked\. \(5 sources\)\n$/);
});

test('JSON output holds LSP diagnostics with 0-based ranges and the source passage', async () => {
  const { status, stdout } = await run(['check', 'draft.md', '--format', 'json']);
  assert.equal(status, 1);
  const json = JSON.parse(stdout);
  assert.equal(json.files.length, 1);
  assert.equal(json.files[0].path, 'draft.md');
  const [mismatch, unknown] = json.files[0].diagnostics;
  assert.deepEqual(mismatch.range, { start: { line: 3, character: 12 }, end: { line: 3, character: 75 } });
  assert.equal(mismatch.source, 'verbatim');
  assert.equal(mismatch.code, 'quote-mismatch');
  assert.equal(mismatch.severity, 2);
  assert.equal(mismatch.data.sourceKey, C);
  assert.equal(mismatch.data.sourceText, 'less than 32 kilometers from the northeastern city of Kharkiv');
  assert.equal(mismatch.data.range.start.line, 8);
  assert.deepEqual(unknown.range, { start: { line: 4, character: 6 }, end: { line: 4, character: 15 } });
  assert.equal(unknown.severity, 1);
});

test('SARIF output is a 2.1.0 log with one result per finding', async () => {
  const { stdout } = await run(['check', 'draft.md', '--format', 'sarif']);
  const sarif = JSON.parse(stdout);
  assert.equal(sarif.version, '2.1.0');
  const run0 = sarif.runs[0];
  assert.equal(run0.tool.driver.name, 'verbatim');
  assert.equal(run0.tool.driver.version, '9.9.9');
  assert.deepEqual(run0.results.map((r: { ruleId: string; level: string }) => [r.ruleId, r.level]), [
    ['quote-mismatch', 'warning'],
    ['unknown-source', 'error'],
  ]);
  assert.deepEqual(run0.results[0].locations[0].physicalLocation, {
    artifactLocation: { uri: 'draft.md' },
    region: { startLine: 4, startColumn: 13, endLine: 4, endColumn: 76 },
  });
});

test('--fail-on decides the exit status', async () => {
  assert.equal((await run(['check', 'draft.md', '--fail-on', 'error'])).status, 1);
  assert.equal((await run(['check', 'draft.md', '--fail-on', 'never'])).status, 0);
  const clean = { ...sampleFiles, 'draft.md': `“So far, we are on the same page about the thresholds” [@${A}].` };
  assert.equal((await run(['check', 'draft.md'], clean)).status, 0);
  const uncited = { ...sampleFiles, 'draft.md': '"We neither encouraged nor permitted strikes outside Ukraine," he said.' };
  assert.equal((await run(['check'], uncited)).status, 0, 'information does not reach the default warning level');
  assert.equal((await run(['check', '--fail-on', 'information'], uncited)).status, 1);
});

test('without paths it checks every draft outside the corpus folders', async () => {
  const files = { ...sampleFiles, 'draft.md': draft, 'notes/b.md': 'Nothing quoted.', 'corpus/extra.md': '# A source\n\nText.' };
  const { stdout } = await run(['check', '--format', 'json'], files);
  assert.deepEqual(JSON.parse(stdout).files.map((f: { path: string }) => f.path), ['draft.md', 'notes/b.md']);
});

test('usage and IO errors exit 2 with a one-line reason', async () => {
  const cases: [string[], RegExp][] = [
    [['check', '--format', 'xml'], /^verbatim: --format must be one of text, json, sarif, not "xml"\n/],
    [['lint'], /^verbatim: unknown command "lint"/],
    [['check', '--min-quote-words', '0'], /^verbatim: --min-quote-words must be a whole number of at least 1/],
    [['check', 'missing.md'], /^verbatim: no such draft or folder: missing.md\n$/],
    [['check', 'draft.md', '--corpus', 'nowhere'], /^verbatim: corpus folder not found: nowhere \(give one with --corpus DIR\)\n$/],
  ];
  for (const [argv, message] of cases) {
    const { status, stderr } = await run(argv);
    assert.equal(status, 2, argv.join(' '));
    assert.match(stderr, message);
  }
});

test('an unreadable corpus file is one warning and the rest still checks', async () => {
  const { status, stdout, stderr } = await run(['check', 'draft.md'], { ...sampleFiles, 'corpus/locked.txt': null, 'draft.md': draft });
  assert.equal(status, 1);
  assert.match(stderr, /^verbatim: warning: .*corpus\/locked\.txt/m);
  assert.match(stdout, /quote-mismatch/);
});

test('--help and --version answer and exit 0', async () => {
  assert.match((await run(['--help'])).stdout, /^Usage: verbatim check/);
  assert.equal((await run(['--version'])).stdout, '9.9.9\n');
});

test('shows progress on stderr only when it is a terminal', async () => {
  const onTerminal = await run(['check', 'draft.md'], { ...sampleFiles, 'draft.md': draft }, true);
  assert.match(onTerminal.stderr, /^\rverbatim: reading sources 5\/5\n/);
  const piped = await run(['check', 'draft.md']);
  assert.doesNotMatch(piped.stderr, /reading sources/);
});
