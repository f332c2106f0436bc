import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { positionOf, removeWorkspace, TestClient, uriOf, writeFile, writeWorkspace, type Diagnostic } from './harness.js';
import { REPORT } from './fixtures.js';
import { sharedFile } from '../bibliography/sharedData.js';

const HARBOR = 'Harbor Reopens\n\nThe harbor reopened on Monday after the storm had closed it for nine days.\n';
const REFS = `@article{harbor2020, title = {Harbor}, author = {Ship, Anna}, year = 2020, file = {:../papers/harbor.txt:text/plain}}
@book{sea1963, title = {The Living Sea}, author = {Cousteau, Jacques}, year = 1963}
`;
const DRAFT = `---
title: "Notes: a draft"
bibliography: refs/library.bib
---

It “reopened on Monday after the storm” [@harbor2020]. Troops: “the army moved 300 soldiers to the border” [@sea1963].
`;

const brief = (ds: Diagnostic[]) => ds.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`);
const noUnknown = (p: { diagnostics: Diagnostic[] }) => !p.diagnostics.some((d) => d.code === 'unknown-source');

test('the front matter bibliography: keys known, attachments checked, unverifiable quotations, hover and completion', async () => {
  const root = writeWorkspace({ 'corpus/report.txt': REPORT, 'refs/library.bib': REFS, 'papers/harbor.txt': HARBOR });
  const client = await TestClient.start(root);
  try {
    await client.indexed(1);
    const uri = uriOf(root, 'draft.md');
    // The first check may come before the bibliography is read; the draft is checked again when it is.
    const settled = client.nextDiagnostics(uri, (p) => noUnknown(p) && p.diagnostics.length === 1);
    await client.openQuietly(uri, DRAFT);
    const diagnostics = await settled;
    // Its attachment (papers/harbor.txt) indexed: until then a quotation cited to it has no verdict, so the same diagnostics.
    await client.indexed(2);
    assert.deepEqual(brief(diagnostics), ['quote-unverifiable@5:63']);
    assert.equal(diagnostics[0]!.severity, 3);
    assert.equal(diagnostics[0]!.message, '@sea1963 has no full text here, so this quotation was not checked: ' +
      'add its file to the corpus or a `file` field to the entry. These words are verbatim in @report.');

    const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: positionOf(DRAFT, '@harbor2020', 2) });
    assert.equal(hover.contents.value, 'Ship, Anna (2020). **Harbor**.\n\nFull text: papers/harbor.txt  \nFrom refs/library.bib');

    const changed = DRAFT.replace('on Monday', 'on Sunday');
    assert.deepEqual((await client.change(uri, changed)).map((d) => d.code), ['quote-mismatch', 'quote-unverifiable']);

    const withCompletion = changed + '\nSee [@';
    await client.change(uri, withCompletion);
    const lines = withCompletion.split('\n');
    const list = await client.request<{ items: { label: string; detail?: string }[] }>('textDocument/completion',
      { textDocument: { uri }, position: { line: lines.length - 1, character: lines.at(-1)!.length } });
    assert.deepEqual(list.items.slice(0, 2).map((i) => [i.label, i.detail]), [
      ['harbor2020', 'Ship (2020) Harbor — full text indexed'], ['sea1963', 'Cousteau (1963) The Living Sea — no full text'],
    ]);

    const csl = await client.request<{ id: string }[]>('workspace/executeCommand', { command: 'verbatim.bibliographyCslJson', arguments: [uri] });
    assert.deepEqual(csl.map((i) => i.id), ['harbor2020', 'sea1963', 'report']);
  } finally {
    await client.stop();
    removeWorkspace(root);
  }
});

test('a missing front matter bibliography is one warning on its line; the setting names bibliographies too', async () => {
  const root = writeWorkspace({ 'corpus/report.txt': REPORT, 'refs/library.bib': REFS });
  const client = await TestClient.start(root, { configuration: () => ({ bibliography: ['refs/library.bib'] }) });
  try {
    await client.indexed(1);
    const uri = uriOf(root, 'draft.md');
    const text = '---\nbibliography: [gone.bib]\n---\n\nSee [@sea1963] and [@harbor2020].\n';
    const settled = client.nextDiagnostics(uri, (p) => noUnknown(p) && p.diagnostics.length === 1);
    await client.openQuietly(uri, text);
    const diagnostics = await settled;
    assert.deepEqual(brief(diagnostics), ['bibliography-missing@1:15']);
    assert.equal(diagnostics[0]!.severity, 2);
    assert.equal(diagnostics[0]!.message, 'Bibliography gone.bib: no such file. Its keys are unknown until it can be read.');
  } finally {
    await client.stop();
    removeWorkspace(root);
  }
});

test('front matter that names a bibliography but is not YAML is one warning on its first line', async () => {
  const root = writeWorkspace({ 'corpus/report.txt': REPORT, 'refs/library.bib': REFS });
  const client = await TestClient.start(root);
  try {
    await client.indexed(1);
    const uri = uriOf(root, 'draft.md');
    const text = '---\nbibliography: [refs/library.bib\n---\n\nSee [@sea1963].\n';
    const settled = client.nextDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'bibliography-missing'));
    await client.openQuietly(uri, text);
    const diagnostics = await settled;
    assert.deepEqual(brief(diagnostics), ['bibliography-missing@0:0', 'unknown-source@4:6']);
    assert.equal(diagnostics[0]!.message, 'Bibliography named in the front matter: front matter not read: line 2: ' +
      'Flow sequence in block collection must be sufficiently indented and end with a ]. Its keys are unknown until it can be read.');
  } finally {
    await client.stop();
    removeWorkspace(root);
  }
});

for (const watchSupport of [true, false]) {
  test(`a bibliography changed on disk takes effect without a restart (${watchSupport ? 'the client watches' : 'the server watches'})`, async () => {
    const root = writeWorkspace({ 'corpus/report.txt': REPORT, 'refs/library.bib': REFS });
    const client = await TestClient.start(root, { watchSupport });
    try {
      await client.indexed(1);
      const uri = uriOf(root, 'draft.md');
      const text = '---\nbibliography: refs/library.bib\n---\n\nSee [@sea1963] and [@new2024].\n';
      const first = client.nextDiagnostics(uri, (p) => p.diagnostics.length === 1);
      await client.openQuietly(uri, text);
      assert.deepEqual(brief(await first), ['unknown-source@4:21']);
      if (watchSupport) {
        assert.ok(client.registrations.some((r) => JSON.stringify(r.registerOptions).includes('library.bib')), 'the bibliography is watched');
      }
      const rechecked = client.nextDiagnostics(uri, (p) => p.diagnostics.length === 0);
      const file = writeFile(root, 'refs/library.bib', REFS + '@misc{new2024, title = {New}}\n');
      if (watchSupport) await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(root, 'refs/library.bib'), type: 2 }] });
      assert.ok(file);
      assert.deepEqual(await rechecked, []);
    } finally {
      await client.stop();
      removeWorkspace(root);
    }
  });
}

test('in Restricted Mode nothing outside the workspace is read: neither an attachment nor a bibliography', async () => {
  const outside = writeWorkspace({ 'harbor.txt': HARBOR, 'other.bib': '@misc{other, title = {Other}}\n' });
  const refs = `@article{harbor2020, title = {Harbor}, file = {${join(outside, 'harbor.txt')}}}\n`;
  const files = { 'corpus/report.txt': REPORT, 'refs.bib': refs };
  const text = `---\nbibliography: [refs.bib, ${join(outside, 'other.bib')}]\n---\n\nIt “reopened on Monday after the storm” [@harbor2020], see [@other].\n`;
  for (const isTrusted of [false, true]) {
    const root = writeWorkspace(files);
    const client = await TestClient.start(root, { initializationOptions: { isTrusted } });
    try {
      await client.indexed(1);
      const uri = uriOf(root, 'draft.md');
      const expected = isTrusted ? 0 : 3;
      const settled = client.nextDiagnostics(uri, (p) => p.diagnostics.length === expected);
      await client.openQuietly(uri, text);
      const diagnostics = await settled;
      if (!isTrusted) {
        assert.deepEqual(diagnostics.map((d) => d.code), ['bibliography-missing', 'quote-unverifiable', 'unknown-source']);
        assert.match(diagnostics[0]!.message, /outside the workspace, so not read in Restricted Mode/);
      }
    } finally {
      await client.stop();
      removeWorkspace(root);
    }
  }
  removeWorkspace(outside);
});

test('the thesis template and a real 615-entry CSL-JSON file over stdio', async (t) => {
  const bibPath = sharedFile(t, 'formats/pandoc/thesis/references.bib');
  const cslPath = sharedFile(t, 'formats/bib/deep-review-references.csl.json');
  if (!bibPath || !cslPath) return;
  const root = writeWorkspace({ 'corpus/report.txt': REPORT, 'references.bib': readFileSync(bibPath, 'utf8'), 'refs.json': readFileSync(cslPath, 'utf8') });
  const client = await TestClient.start(root, { configuration: () => ({ bibliography: ['refs.json'] }) });
  try {
    await client.indexed(1);
    const chapter = readFileSync(join(bibPath, '..', '09_chapter_1.md'), 'utf8');
    const uri = uriOf(root, 'chapter.md');
    const first = (JSON.parse(readFileSync(cslPath, 'utf8')) as { id: string }[])[0]!.id;
    const text = `---\nbibliography: references.bib\n---\n${chapter}\nAnd [@${first}].\n`;
    const settled = client.nextDiagnostics(uri, (p) => !p.diagnostics.some((d) => /Cousteau1963|@doi|@url/.test(d.message)));
    await client.openQuietly(uri, text);
    const diagnostics = await settled;
    assert.equal(diagnostics.some((d) => d.message.includes('Cousteau1963')), false);
  } finally {
    await client.stop();
    removeWorkspace(root);
  }
});
