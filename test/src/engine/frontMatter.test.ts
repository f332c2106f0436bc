import { test } from 'node:test';
import assert from 'node:assert/strict';
import { draftBibliography } from '../../../server/out/bibliography/draftBibliography.js';
import { loadCorpus, parseFrontMatter } from '../../../server/out/corpus/index.js';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { openIndex } from '../../../server/out/index/openIndex.js';
import { MAX_FRONT_MATTER_CHARS } from '../../../server/out/text/frontMatter.js';
import { perCharGrowth } from './linearGrowth.js';

// Front matter is read with the `yaml` package (issue 12): what the old line-by-line reader dropped comes through.

test('reads a list of authors, Pandoc and CSL author objects, block scalars and dates as written', () => {
  const text = [
    '---',
    'title: >',
    '  The Annual Message',
    '  to Congress',
    'author: [Abraham Lincoln, John Hay]',
    'date: 1862-12-01',
    'id: 0012',
    '---',
    'Body',
  ].join('\n');
  assert.deepEqual(parseFrontMatter(text), {
    fields: { title: 'The Annual Message to Congress', author: 'Abraham Lincoln; John Hay', date: '1862-12-01', id: '0012' },
    bodyStart: text.indexOf('Body'),
  });
  const pandoc = '---\ntitle: |\n  Notes\nauthor:\n  - name: Ann Lee\n    affiliation: X\n  - given: Bo\n    family: Chen\n  - literal: World Bank\n---\nB';
  assert.deepEqual(parseFrontMatter(pandoc).fields, { title: 'Notes', author: 'Ann Lee; Bo Chen; World Bank' });
});

test('a source with a list of authors is described by all of them', async () => {
  const text = '---\ntitle: Joint Report\nauthor:\n  - Ann Lee\n  - Bo Chen\n---\nThe committee met on Tuesday and agreed.\n';
  const { sources, warnings } = await loadCorpus(memoryFileSystem({ 'corpus/joint.md': text }), ['corpus']);
  assert.deepEqual(warnings, []);
  assert.deepEqual([sources[0]?.title, sources[0]?.author], ['Joint Report', 'Ann Lee; Bo Chen']);
});

test('malformed front matter is one warning; the source is still indexed, with the fields valid on their own lines', async () => {
  const text = '---\nid: report2020\ntitle: "An unclosed title\nauthor: Ann Lee\n---\nThe committee met on Tuesday and agreed.\n';
  assert.deepEqual(parseFrontMatter(text), {
    fields: { id: 'report2020', author: 'Ann Lee' },
    bodyStart: text.indexOf('The committee'),
    problem: 'line 4: Missing closing "quote',
  });
  const { sources, warnings } = await loadCorpus(memoryFileSystem({ 'corpus/r.md': text }), ['corpus']);
  assert.deepEqual(sources.map((s) => [s.key, s.author]), [['report2020', 'Ann Lee']]);
  assert.equal(warnings.length, 1);
  assert.equal(warnings[0]!.kind, 'front-matter');
  assert.match(warnings[0]!.message, /^corpus\/r\.md has front matter that could not be read as YAML \(line 4: Missing closing "quote\)/);
});

test('the warning is given again when the saved index is reopened', async () => {
  const fs = memoryFileSystem({
    'corpus/r.md': '---\nid: r\ntitle: A: B\n---\nThe committee met on Tuesday and agreed.\n',
    'corpus/ok.md': '---\nid: ok\nauthor: [A, B]\n---\nAnother source with words.\n',
  });
  const first = await openIndex(fs, ['corpus'], { cacheDir: '.cache' });
  const second = await openIndex(fs, ['corpus'], { cacheDir: '.cache' });
  assert.equal(second.cache.status, 'reused');
  for (const opened of [first, second]) {
    assert.deepEqual(opened.warnings.map((w) => [w.path, w.kind]), [['corpus/r.md', 'front-matter']]);
    assert.deepEqual([opened.index.get('r')?.title, opened.index.get('ok')?.author], ['The committee met on Tuesday and agreed', 'A; B']);
  }
});

test('front matter over the limit is not parsed: one problem, and the body is still after it', () => {
  const big = `---\nid: big\ntitle: Big\n${'x: [[[[\n'.repeat(MAX_FRONT_MATTER_CHARS / 8 + 1)}---\nBody`;
  const read = parseFrontMatter(big);
  assert.deepEqual(read.fields, { id: 'big', title: 'Big' });
  assert.equal(read.bodyStart, big.indexOf('Body'));
  assert.equal(read.problem, 'it is over 64 KB, the most that is read');
});

test("a draft's front matter that is not YAML, or too long, names no bibliography and says why", () => {
  assert.deepEqual(draftBibliography('---\nbibliography: refs.bib\ntitle: A: B\n---\nText', 'd.md').problems,
    [{ path: 'd.md', line: 0, message: 'front matter not read: line 3: Nested mappings are not allowed in compact mappings' }]);
  // 5 MB of malformed YAML: the block is found in one pass, and none of it reaches the parser.
  const huge = `---\nbibliography: refs.bib\n${':\t:'.repeat(5 * 1024 * 1024 / 3)}\n---\nText`;
  const named = draftBibliography(huge, 'd.md');
  assert.deepEqual([named.paths, named.problems.map((p) => p.message)], [[], ['front matter not read: it is over 64 KB, the most that is read']]);
  assert.deepEqual(draftBibliography('---\nbibliography: [a.bib, b.json]\n---\nText', 'd.md').paths, ['a.bib', 'b.json']);
});

test("a draft's front matter is read in time linear in its length, malformed or not", () => {
  // As draftLinear.test.ts measures (linearGrowth.ts): CPU time per character at 8× within 3× of that at 1×.
  const shapes: Record<string, (n: number) => string> = {
    'an unclosed block': (n) => `---\nbibliography: refs.bib\n${'a: [[\n'.repeat(n / 6)}Text`,
    'a closed block of tabs and colons': (n) => `---\nbibliography: refs.bib\n${':\t:'.repeat(n / 3)}\n---\nText`,
  };
  const base = MAX_FRONT_MATTER_CHARS + 8192; // over the limit from 1×: the parser is never reached, only the scan is measured
  for (const [name, make] of Object.entries(shapes)) {
    const { growth } = perCharGrowth([base, base * 8], make, (text) => { draftBibliography(text, 'd.md'); }, 3);
    assert.ok(growth < 3, `${name}: time per character grew ${growth.toFixed(1)}× from 1× to 8×`);
  }
});
