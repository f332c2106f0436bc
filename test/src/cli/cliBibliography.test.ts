import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../server/out/cli/run.js';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { sharedFile } from '../bibliography/sharedData.js';

const PAPER = 'The harbor reopened on Monday after the storm had closed it for nine days. Fishing boats returned before dawn.\n';

const files = (extra: Record<string, string | { symlink: string }> = {}) => ({
  'corpus/other.txt': 'Notes\n\nThe living sea is full of wonders and of fish that swim in it.\n',
  'refs.bib': `@book{cousteau1963, title = {The Living Sea}, author = {Cousteau, Jacques}, year = 1963}
@article{harbor2020, title = {Harbor}, author = {Ship, Anna}, year = 2020, file = {Full text:papers/harbor.txt:text/plain}}
@article{away2020, title = {Away}, year = 2020, file = {/elsewhere/away.txt}}
`,
  'papers/harbor.txt': PAPER,
  '/elsewhere/away.txt': PAPER,
  ...extra,
});

async function run(argv: string[], given: Record<string, string>) {
  let stdout = '';
  let stderr = '';
  const status = await runCli(argv, {
    fs: memoryFileSystem(given),
    stdout: (t) => { stdout += t; },
    stderr: (t) => { stderr += t; },
    interactive: false,
    version: '9.9.9',
    now: () => 0,
    cwd: '/work',
  });
  return { status, stdout, stderr, lines: stdout.trim().split('\n').filter((l) => l !== '') };
}

test('--bibliography makes its keys known; a quotation cited to an entry without full text is unverifiable', async () => {
  const draft = 'He wrote “the living sea is full of wonders” [@cousteau1963], not [@cousteau1936].\n';
  const { lines } = await run(['check', 'draft.md', '--bibliography', 'refs.bib'], files({ 'draft.md': draft }));
  assert.deepEqual(lines, [
    'draft.md:1:10: information quote-unverifiable: @cousteau1963 has no full text here, so this quotation was not checked: ' +
      'add its file to the corpus or a `file` field to the entry. These words are verbatim in @other.',
    'draft.md:1:69: error unknown-source: Unknown source @cousteau1936. Did you mean @cousteau1963?',
  ]);
});

test('the front matter names bibliographies relative to the draft; a missing one is one warning on its line', async () => {
  const draft = '---\ntitle: "A: B"\nbibliography:\n  - ../refs.bib\n  - gone.bib\n---\n\nSee [@cousteau1963].\n';
  const { lines, stderr } = await run(['check', 'drafts/draft.md'], files({ 'drafts/draft.md': draft }));
  assert.deepEqual(lines, ['drafts/draft.md:5:5: warning bibliography-missing: Bibliography gone.bib: no such file. Its keys are unknown until it can be read.']);
  assert.equal(stderr.includes('error'), false);
});

test('a malformed entry is reported once as file:line and the other entries still load', async () => {
  const refs = '@article{bad,\n  title = {Unclosed {brace},\n  year = 2001\n}\n\n@book{good, title = {Good}}\n';
  const { lines, stderr } = await run(['check', 'draft.md', '--bibliography', 'refs.bib'],
    { 'corpus/a.txt': 'text of a source here', 'refs.bib': refs, 'draft.md': 'See [@good] and [@bad].\n' });
  assert.deepEqual(lines, []);
  assert.deepEqual(stderr.split('\n').filter((l) => l.includes('refs.bib')), ['verbatim: warning: refs.bib:1: @bad: unbalanced braces in the field “title”']);
});

test('an attachment inside the current folder is indexed under the entry key; one outside only with --allow-outside-attachments', async () => {
  const draft = 'It “reopened on Monday after the storm” [@harbor2020] and “had closed it for nine days” [@away2020].\n';
  const inside = await run(['check', 'draft.md', '--bibliography', 'refs.bib'], files({ 'draft.md': draft }));
  assert.deepEqual(inside.lines.map((l) => l.split(': ')[0]), ['draft.md:1:59']);
  assert.match(inside.lines[0]!, /quote-unverifiable: @away2020 has no full text/);
  const allowed = await run(['check', 'draft.md', '--bibliography', 'refs.bib', '--allow-outside-attachments'], files({ 'draft.md': draft }));
  assert.deepEqual(allowed.lines, []);
  const changed = draft.replace('nine days', 'ten days');
  const mismatch = await run(['check', 'draft.md', '--bibliography', 'refs.bib', '--allow-outside-attachments'], files({ 'draft.md': changed }));
  assert.match(mismatch.lines[0]!, /quote-mismatch: Misquoted from @away2020/);
});

test('an attachment that is a symbolic link is read only when its real path may be read and is a source file', async () => {
  const linked = files({
    'draft.md': 'It “had closed it for nine days” [@linked2020]; “the token is swordfish and more” [@keyfile2020].\n',
    'extra.bib': `@article{linked2020, title = {Linked}, year = 2020, file = {/work/papers/linked.txt}}
@article{keyfile2020, title = {Key}, year = 2020, file = {/work/papers/notes.txt}}
`,
    '/work/papers/linked.txt': { symlink: '/elsewhere/away.txt' },
    '/work/papers/notes.txt': { symlink: '/home/ann/.ssh/id_rsa' },
    '/home/ann/.ssh/id_rsa': 'SECRET the token is swordfish and more\n',
  });
  const argv = ['check', 'draft.md', '--bibliography', 'extra.bib'];
  const refused = await run(argv, linked);
  assert.match(refused.stderr, /\/work\/papers\/linked\.txt is a symbolic link to a place outside the folders attachments are read from, so it was not followed/);
  assert.match(refused.stderr, /\/work\/papers\/notes\.txt is a symbolic link to a place outside/);
  assert.deepEqual(refused.lines.map((l) => /quote-unverifiable: @(\w+)/.exec(l)?.[1]), ['linked2020', 'keyfile2020']);
  // Allowed outside the current folder: a link to a source file is followed, a link to a key file still is not.
  const allowed = await run([...argv, '--allow-outside-attachments'], linked);
  assert.match(allowed.stderr, /\/work\/papers\/notes\.txt is a symbolic link to a file that is not a source, so it was not followed/);
  assert.deepEqual(allowed.lines.map((l) => /quote-unverifiable: @(\w+)/.exec(l)?.[1]), ['keyfile2020']);
  for (const out of [refused, allowed]) assert.doesNotMatch(out.stdout + out.stderr, /SECRET|swordfish/);
});

test('a corpus file named like the key is the entry\'s full text', async () => {
  const { lines } = await run(['check', 'draft.md', '--bibliography', 'refs.bib'],
    { ...files(), 'corpus/papers/cousteau1963.txt': 'The living sea is full of wonders.\n', 'draft.md': '“The living sea is full of blunders” [@cousteau1963].\n' });
  assert.equal(lines.length, 1);
  // Named by the key the draft cites, not the corpus file's own key.
  assert.match(lines[0]!, /quote-mismatch: Misquoted from @cousteau1963: the source has “wonders” where the quote has “blunders”\. \(source: cousteau1963\)$/);
});

test('verbatim bibliography writes CSL-JSON for the corpus and the bibliography', async () => {
  const { stdout, status } = await run(['bibliography', '--bibliography', 'refs.bib'], files());
  assert.equal(status, 0);
  const items = JSON.parse(stdout) as { id: string; type: string; title?: string }[];
  assert.deepEqual(items.map((i) => [i.id, i.type, i.title]), [
    ['cousteau1963', 'book', 'The Living Sea'], ['harbor2020', 'article-journal', 'Harbor'], ['away2020', 'article-journal', 'Away'],
    ['other', 'document', 'Notes'],
  ]);
});

test('the thesis template: its references.bib key is known', async (t) => {
  const folder = sharedFile(t, 'formats/pandoc/thesis');
  if (!folder) return;
  const root = join(import.meta.dirname, '..', '..', '..');
  const result = spawnSync(process.execPath, [join(root, 'server/out/cli/main.js'), 'check', join(folder, '09_chapter_1.md'),
    '--corpus', join(root, 'corpus'), '--bibliography', join(folder, 'references.bib'), '--format', 'json', '--fail-on', 'never'], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  const found = (JSON.parse(result.stdout) as { files: { diagnostics: { message: string }[] }[] }).files[0]!.diagnostics;
  assert.equal(found.some((d) => d.message.includes('Cousteau1963')), false);
});

test('pandoc --citeproc finds every citation of examples/draft.md that Verbatim knows in the exported CSL-JSON', (t) => {
  if (spawnSync('pandoc', ['--version']).status !== 0) {
    if (process.env['CI'] === 'true') throw new Error('pandoc is missing: CI installs it');
    t.skip('pandoc is not installed');
    return;
  }
  const root = join(import.meta.dirname, '..', '..', '..');
  const cli = join(root, 'server/out/cli/main.js');
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-csl-'));
  try {
    const refs = join(dir, 'refs.json');
    const exported = spawnSync(process.execPath, [cli, 'bibliography', 'examples/draft.md', '-o', refs], { cwd: root, encoding: 'utf8' });
    assert.equal(exported.status, 0, exported.stderr);
    const checked = spawnSync(process.execPath, [cli, 'check', 'examples/draft.md', '--format', 'json', '--fail-on', 'never'], { cwd: root, encoding: 'utf8' });
    const draft = readFileSync(join(root, 'examples/draft.md'), 'utf8');
    const unknown = (JSON.parse(checked.stdout) as { files: { diagnostics: { code: string; range: { start: { line: number; character: number }; end: { character: number } } }[] }[] })
      .files[0]!.diagnostics.filter((d) => d.code === 'unknown-source')
      .map((d) => draft.split('\n')[d.range.start.line]!.slice(d.range.start.character, d.range.end.character)).sort();
    const rendered = spawnSync('pandoc', ['--citeproc', '--bibliography', refs, 'examples/draft.md', '-t', 'plain'], { cwd: root, encoding: 'utf8' });
    assert.equal(rendered.status, 0, rendered.stderr);
    const notFound = [...rendered.stderr.matchAll(/citation (\S+) not found/g)].map((m) => m[1]!).sort();
    // The sample draft misspells two keys on purpose: pandoc misses exactly the keys Verbatim reports as unknown.
    assert.deepEqual(notFound, unknown);
    assert.deepEqual(unknown, ['000_5b963e663469ef8', 'tuck2024']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
