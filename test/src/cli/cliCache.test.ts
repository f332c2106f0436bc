import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../../../server/out/cli/run.js';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { A, C, sampleFiles } from '../fixtures/sampleCorpus.js';

const draft = `Troops were “less than 42 kilometers from the northeastern city of Kharkiv” [@${C}]. “So far, we are on the same page about the thresholds” [@${A}].\n`;
const MISMATCH = `draft.md:1:13: warning quote-mismatch: Misquoted from @${C}: the source says “32”, not “42”. (source: ${C})\n`;

async function run(fs: ReturnType<typeof memoryFileSystem>, argv: string[]) {
  let stdout = '';
  let stderr = '';
  const status = await runCli(argv, {
    fs,
    stdout: (t) => { stdout += t; },
    stderr: (t) => { stderr += t; },
    interactive: false,
    version: '9.9.9',
    now: () => 0,
  });
  return { status, stdout, stderr };
}

test('--cache saves the index in the folder and the next run gives the same findings from it', async () => {
  const fs = memoryFileSystem({ ...sampleFiles, 'draft.md': draft });
  const first = await run(fs, ['check', 'draft.md', '--cache', '.verbatim-cache']);
  assert.equal(first.stdout, MISMATCH);
  assert.equal((await fs.readDirectory('.verbatim-cache')).length, 1);
  const second = await run(fs, ['check', 'draft.md', '--cache', '.verbatim-cache/']);
  assert.deepEqual(second, first);
});

test('--cache with a damaged saved index warns once, re-indexes and still reports the right findings', async () => {
  const fs = memoryFileSystem({ ...sampleFiles, 'draft.md': draft });
  await run(fs, ['check', 'draft.md', '--cache', 'c']);
  const [entry] = await fs.readDirectory('c');
  fs.set(`c/${entry!.name}`, 'not an index');
  const { status, stdout, stderr } = await run(fs, ['check', 'draft.md', '--cache', 'c']);
  assert.equal(status, 1);
  assert.equal(stdout, MISMATCH);
  assert.match(stderr, new RegExp(`^verbatim: warning: The saved index c/${entry!.name} was damaged: it is truncated \\(12 bytes\\)\\. The corpus was indexed again and the index saved anew\\.\n`));
});

test('--cache needs a folder', async () => {
  const { status, stderr } = await run(memoryFileSystem({ ...sampleFiles, 'draft.md': draft }), ['check', '--cache', '']);
  assert.equal(status, 2);
  assert.equal(stderr.split('\n')[0], 'verbatim: --cache needs a folder');
});
