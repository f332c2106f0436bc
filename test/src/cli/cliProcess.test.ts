import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const cli = root + 'server/out/cli/main.js';

test('npm start’s command reports the sample draft’s deliberate mistakes and exits 0', () => {
  const result = spawnSync(process.execPath, [cli, 'check', 'examples/draft.md', '--corpus', 'corpus', '--fail-on', 'never'], { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  const codes = result.stdout.trim().split('\n').map((line) => line.split(' ')[2]);
  assert.deepEqual([...new Set(codes)].sort(), ['quote-misattributed:', 'quote-mismatch:', 'quote-not-found:', 'uncited-quote:', 'unknown-source:']);
  // The README shows some of these lines: each must be what npm start prints.
  const shown = readFileSync(root + 'README.md', 'utf8').split('\n').filter((line) => line.startsWith('examples/draft.md:'));
  assert.ok(shown.length >= 4);
  for (const line of shown) assert.ok(result.stdout.split('\n').includes(line), `README shows a line npm start does not print:\n${line}`);
});

test('the real binary exits 1 on findings and 2 on a usage error', () => {
  assert.equal(spawnSync(process.execPath, [cli, 'check', 'examples/draft.md'], { cwd: root }).status, 1);
  const bad = spawnSync(process.execPath, [cli, 'check', '--format', 'xml'], { cwd: root, encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.equal(bad.stderr.split('\n')[0], 'verbatim: --format must be one of text, json, sarif, not "xml"');
});
