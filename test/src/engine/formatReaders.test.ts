import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { openIndex } from '../../../server/out/index/openIndex.js';
import { verdictsOf } from '../fixtures/verdicts.js';

/** The real readers (the engine's default, in this thread) on the small fixtures of test/fixtures/formats. */
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/formats/${name}`, import.meta.url)));

const CASES = [
  { file: 'report.pdf', key: 'report', quote: 'The harbour master reported that the new breakwater reduced wave damage by a third' },
  { file: 'colophon.html', key: 'colophon', quote: 'Daring Fireball is written and produced by John Gruber' },
  { file: 'insertions.docx', key: 'insertions', quote: 'This is a text with two exciting insertions' },
];

for (const { file, key, quote } of CASES) {
  test(`the default readers index ${file}, or say its format cannot be read yet`, async () => {
    const fs = memoryFileSystem({ [`corpus/${file}`]: fixture(file), 'corpus/notes.txt': 'Notes\n\nA plain source beside it.' });
    const { index, warnings } = await openIndex(fs, ['corpus'], {});
    assert.ok(index.get('notes'), 'the rest of the corpus indexes either way');
    const source = index.get(key);
    if (!source) {
      // A reader still a placeholder: one warning that says so.
      assert.deepEqual(warnings.map((w) => w.kind), ['unsupported']);
      assert.match(warnings[0]!.message, new RegExp(`corpus/${file.replace('.', '\\.')}`));
      return;
    }
    assert.deepEqual(warnings, []);
    assert.deepEqual(verdictsOf(index, `“${quote}” [@${key}].`), [`verbatim @${key}`]);
  });
}
