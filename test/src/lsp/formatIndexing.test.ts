/**
 * PDF, web page, Word and EPUB files in a folder's index, through the LSP
 * layer in process, with a fake extractor: progress, the status payload, and
 * a changed file read again alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FileChangeType, type Connection } from 'vscode-languageserver/node.js';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { ExtractionError, type ExtractedFormat, type ExtractedSource } from '../../../server/out/formats/extracted.js';
import { FolderState } from '../../../server/out/lsp/folderState.js';
import { indexFolder } from '../../../server/out/lsp/indexer.js';
import { Session } from '../../../server/out/lsp/session.js';
import { statusOf } from '../../../server/out/lsp/status.js';

/** Text for every file but `scan.pdf` (no text layer), and a list of the files read. */
function fakeExtractor(version = 1) {
  const calls: string[] = [];
  const extract = async (_format: ExtractedFormat, _bytes: Uint8Array, path: string): Promise<ExtractedSource> => {
    calls.push(path);
    if (path.endsWith('scan.pdf')) throw new ExtractionError('no-text', `${path} has no text layer: run OCR on it (e.g. ocrmypdf), then save it again.`);
    return { text: `The text of ${path.slice(path.lastIndexOf('/') + 1)}, version ${version}.`, meta: {} };
  };
  return { extract, calls };
}

const corpus = () => memoryFileSystem({
  '/w/corpus/a.pdf': 'a', '/w/corpus/b.pdf': 'b', '/w/corpus/scan.pdf': 'scan', '/w/corpus/page.html': 'page',
  '/w/corpus/notes.txt': 'Notes\n\nPlain.', '/w/corpus/intro.md': '# Intro\n\nMarkdown.',
});

test('a folder index reports its extraction as it goes, and its status counts formats and names the skipped files', async () => {
  const folder = new FolderState('file:///w', '/w', 'w');
  const fake = fakeExtractor();
  const seen: string[] = [];
  await indexFolder(folder, { fs: corpus(), extract: fake.extract }, {
    progress: () => { if (folder.indexing?.extracting) seen.push(`${folder.indexing.extracting.done}/${folder.indexing.extracting.total}`); },
  });
  assert.deepEqual(seen, ['1/4', '2/4', '3/4', '4/4', '4/4']);
  assert.deepEqual(folder.warnings.map((w) => `${w.kind} ${w.path}`), ['no-text /w/corpus/scan.pdf']);
  const status = statusOf([folder]);
  assert.deepEqual(status, {
    sources: 5, indexing: null, warnings: 1,
    formats: { markdown: 1, pdf: 2, html: 1, text: 1 },
    skipped: [{ path: '/w/corpus/scan.pdf', kind: 'no-text' }],
  });
});

test('the status sums extraction over folders while they index', () => {
  const one = new FolderState('file:///a', '/a', 'a');
  const two = new FolderState('file:///b', '/b', 'b');
  one.indexing = { done: 3, total: 10, extracting: { done: 1, total: 4 } };
  two.indexing = { done: 5, total: 5, extracting: { done: 2, total: 2 } };
  assert.deepEqual(statusOf([one, two]).indexing, { done: 8, total: 15, extracting: { done: 3, total: 6 } });
});

const connection = {
  console: { info() {}, warn() {}, error() {} },
  sendNotification: async () => undefined,
  sendDiagnostics: async () => undefined,
  window: { createWorkDoneProgress: async () => ({ begin() {}, report() {}, done() {} }) },
} as unknown as Connection;

test('a changed or added PDF is read again alone, through the same extractor', async () => {
  const fs = corpus();
  const fake = fakeExtractor(2);
  const session = new Session(connection, { fs, extract: fake.extract }, '/w');
  session.initialize({ processId: null, rootUri: 'file:///w', capabilities: {}, workspaceFolders: [{ uri: 'file:///w', name: 'w' }] });
  const folder = session.workspace.all()[0]!;
  await indexFolder(folder, { fs, extract: fakeExtractor(1).extract }, { progress() {} });
  assert.equal(folder.index.get('a')?.text, 'The text of a.pdf, version 1.');

  fs.set('/w/corpus/a.pdf', 'a, edited');
  fs.set('/w/corpus/new.epub', 'new');
  await session.onWatchedFiles([
    { uri: 'file:///w/corpus/a.pdf', type: FileChangeType.Changed },
    { uri: 'file:///w/corpus/new.epub', type: FileChangeType.Created },
  ]);
  assert.deepEqual(fake.calls, ['/w/corpus/a.pdf', '/w/corpus/new.epub']);
  assert.equal(folder.index.get('a')?.text, 'The text of a.pdf, version 2.');
  assert.equal(folder.index.get('new')?.text, 'The text of new.epub, version 2.');
  assert.equal(folder.index.get('b')?.text, 'The text of b.pdf, version 1.');

  // Saved again without a change (same bytes): not read again.
  fs.set('/w/corpus/b.pdf', 'b');
  await session.onWatchedFiles([{ uri: 'file:///w/corpus/b.pdf', type: FileChangeType.Changed }]);
  assert.deepEqual(fake.calls, ['/w/corpus/a.pdf', '/w/corpus/new.epub']);
  assert.equal(folder.index.get('b')?.text, 'The text of b.pdf, version 1.');
  session.dispose();
});
