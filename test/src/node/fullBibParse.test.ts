import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BibliographyStore } from '../../../server/out/bibliography/store.js';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { fullBibParser } from '../../../server/out/node/fullBibParse.js';
import { MALFORMED_BIB } from './bibFixture.js';

const BIB = MALFORMED_BIB;

test('the full parse runs on a worker thread and is cached by the text\'s hash', async () => {
  const cache = mkdtempSync(join(tmpdir(), 'verbatim-bib-'));
  try {
    const parse = fullBibParser(() => cache);
    const entries = (await parse(BIB, 'refs.bib'))!;
    const first = entries.find((e) => e.key === 'deOliveira2010')!;
    assert.equal(first.title, '(Liquid+liquid) Equilibrium of {water}');
    assert.deepEqual(first.authors, [{ family: 'de Oliveira', given: 'Leonardo Hadlich' }, { family: 'Aznar', given: 'Martín' }]);
    assert.equal(first.year, '2010');
    assert.equal(first.pages, '1379–1385');
    assert.deepEqual(first.files, ['Deleuze1990.pdf']);
    assert.equal(entries.find((e) => e.key === 'after')?.publisher, 'Springer');
    assert.equal(readdirSync(cache).filter((f) => f.endsWith('.json')).length, 1);
    assert.deepEqual(await parse(BIB, 'refs.bib'), entries);
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
});

test('the store answers with the scan at once and with the full parse when it lands, keeping lines and attachments', async () => {
  let changes = 0;
  let landed!: () => void;
  const refined = new Promise<void>((resolve) => { landed = resolve; });
  const store = new BibliographyStore(memoryFileSystem({ '/w/refs.bib': BIB }), {
    fullParse: fullBibParser(() => undefined),
    onChange: () => { if (++changes === 2) landed(); },
  });
  const scanned = await store.load('/w/refs.bib');
  assert.deepEqual(scanned.entries.map((e) => [e.key, e.line]), [['deOliveira2010', 1], ['broken', 9], ['after', 12]]);
  assert.equal(scanned.problems.length, 1);
  await refined;
  const full = store.peek('/w/refs.bib')!;
  assert.notEqual(full, scanned);
  assert.deepEqual(full.entries.map((e) => [e.key, e.line]), [['deOliveira2010', 1], ['broken', 9], ['after', 12]]);
  assert.deepEqual(full.entries[0]!.files, ['Deleuze1990.pdf']);
  assert.ok(store.version >= 2);
});

test('given the file\'s bytes, the worker decodes and hashes them itself: the same entries, in batches, and the same cache', async () => {
  const cache = mkdtempSync(join(tmpdir(), 'verbatim-bib-'));
  try {
    // More entries than one batch holds (250), with characters of several bytes.
    let text = BIB;
    for (let i = 0; i < 600; i++) text += `@misc{m${i}, title = {Caf\\'e n\u00b0${i} \u4e2d}, author = {M\\"uller, J\u00fcrgen}, year = ${1900 + (i % 100)}}\n`;
    const bytes = new TextEncoder().encode('\uFEFF' + text);
    const fromText = (await fullBibParser(() => undefined)(text, 'refs.bib'))!;
    assert.equal(fromText.length, 603);
    const parse = fullBibParser(() => cache);
    const fromBytes = (await parse(text, 'refs.bib', bytes))!;
    assert.deepEqual(fromBytes, fromText);
    assert.equal(fromBytes.find((e) => e.key === 'm599')?.title, 'Café n°599 中');
    // The caller's bytes are its own still (a copy went to the worker).
    assert.equal(bytes.length > 0 && bytes[0], 0xef);
    // Cached under the text's hash, whether the text or the bytes were given.
    assert.deepEqual(await parse(text, 'refs.bib'), fromText);
    assert.equal(readdirSync(cache).filter((f) => f.endsWith('.json')).length, 1);
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
});
