/**
 * The CLI against hostile names, files and pipes (issue 11, items 8 and 9):
 * everything it prints from files is escaped, non-regular files are refused
 * with one line, and output that cannot be written ends with status 2.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printable } from '../../../server/out/cli/escape.js';
import { parseCliArgs } from '../../../server/out/cli/args.js';
import { runCli } from '../../../server/out/cli/run.js';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { removeWorkspace, writeWorkspace } from '../lsp/harness.js';
import { REPORT } from '../fixtures/smallCorpus.js';

const cli = fileURLToPath(new URL('../../../server/out/cli/main.js', import.meta.url));
const ESC = '\u001b';
let root: string;

before(() => {
  root = writeWorkspace({ 'corpus/report.txt': REPORT, 'draft.md': 'See [@nosuchkey].\n' });
  execFileSync('mkfifo', [`${root}/fifo.md`, `${root}/cache-fifo`]);
});

after(() => removeWorkspace(root));

const run = (args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 30_000 });

test('printable escapes control characters, so nothing from a file drives the terminal or forges a line', () => {
  assert.equal(printable(`a${ESC}]0;pwned\u0007b`), 'a\\x1b]0;pwnedb'.replace('pwnedb', 'pwned\\x07b'));
  assert.equal(printable('id\nfake.md:1:1: error forged\r'), 'id\\nfake.md:1:1: error forged\\r');
  assert.equal(printable('plain “text” é'), 'plain “text” é');
  assert.equal(printable('\u202eevil'), '\\u202eevil');
});

test('file names and front-matter ids with ESC and newlines print as one escaped line each; JSON and SARIF stay valid', async () => {
  const evil = `dr${ESC}[2Jaft\nfake.md:1:1: error forged: yes.md`;
  const files = {
    'corpus/r.md': `---\nid: "x${ESC}[31m\\nfake.md:9:9: error forged"\n---\nTroop Levels\n\nOfficials said the army moved 300 soldiers to the border on Tuesday.\n`,
    [evil]: 'The officials: “the army moved 300 soldiers to the border on Tuesday”.\n',
  };
  for (const format of ['text', 'json', 'sarif']) {
    let stdout = '';
    let stderr = '';
    const status = await runCli(['check', evil, '--format', format], {
      fs: memoryFileSystem(files), stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, interactive: false, version: '1', now: () => 0,
    });
    assert.equal(status, 0, stderr);
    assert.ok(!(stdout + stderr).includes(ESC), `${format}: raw ESC in output`);
    if (format === 'text') {
      const lines = stdout.trimEnd().split('\n');
      assert.equal(lines.length, 1, stdout);
      assert.ok(lines[0]!.startsWith('dr\\x1b[2Jaft\\nfake.md:1:1: error forged: yes.md:1:'), lines[0]);
      assert.ok(!/^fake\.md/m.test(stdout + stderr));
    } else {
      const json = JSON.parse(stdout);
      assert.ok(JSON.stringify(json).includes('\\u001b'));
    }
  }
});

test('a FIFO or /dev/zero as the draft is refused with one line, never read', () => {
  for (const draft of ['fifo.md', '/dev/zero']) {
    const result = run(['check', draft]);
    assert.equal(result.status, 2, `${draft}: ${result.stderr}`);
    assert.equal(result.stderr, `verbatim: cannot read draft ${draft}: it is not a regular file (a FIFO or device is not read)\n`);
  }
});

test('a FIFO as the saved index, or a cache folder in /proc, costs a warning, never a hang', () => {
  mkdirSync(`${root}/c`, { recursive: true });
  const first = run(['check', 'draft.md', '--cache', 'c']);
  assert.equal(first.status, 1, first.stderr);
  const saved = execFileSync('ls', [`${root}/c`], { encoding: 'utf8' }).trim();
  execFileSync('rm', [`${root}/c/${saved}`]);
  execFileSync('mkfifo', [`${root}/c/${saved}`]);
  const fifo = run(['check', 'draft.md', '--cache', 'c']);
  assert.equal(fifo.status, 1, fifo.stderr);
  assert.match(fifo.stderr, /saved index .* could not be read \(it is not a regular file\)/);
  const proc = run(['check', 'draft.md', '--cache', '/proc/x']);
  assert.equal(proc.status, 1, proc.stderr);
  assert.match(proc.stderr, /verbatim: warning: .*\/proc\/x/);
});

test('--corpus / means the root folder, not the current one', async () => {
  assert.equal(parseCliArgs(['check', '--corpus', '/']).command, 'check');
  const inner = memoryFileSystem({ 'draft.md': 'See [@x].\n' });
  const asked: string[] = [];
  const fs = { ...inner, stat: (p: string) => { asked.push(p); return p === 'draft.md' ? inner.stat(p) : Promise.resolve(undefined); } };
  let stderr = '';
  const status = await runCli(['check', 'draft.md', '--corpus', '/'], { fs, stdout: () => {}, stderr: (t) => { stderr += t; }, interactive: false, version: '1', now: () => 0 });
  assert.equal(status, 2);
  assert.ok(asked.includes('/') && !asked.includes('.'), `stat asked: ${asked.join(', ')}`);
  assert.match(stderr, /corpus folder not found: \/ /);
});

test('output closed early (| head -1) ends with status 2 and one line, no stack trace', () => {
  writeFileSync(`${root}/many.md`, 'See [@nosuchkey].\n'.repeat(20000));
  const result = spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" "${cli}" check many.md | head -1 >/dev/null`], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  assert.equal(result.status, 2, result.stderr);
  assert.match(result.stderr, /\nverbatim: cannot write the output \(EPIPE\)\n$/);
  assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
});

test('a full disk (ENOSPC) ends with status 2 and one line', () => {
  const result = spawnSync('bash', ['-c', `"${process.execPath}" "${cli}" check many.md > /dev/full`], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  assert.equal(result.status, 2, result.stderr);
  assert.match(result.stderr, /\nverbatim: cannot write the output \(ENOSPC\)\n$/);
  assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
});
