import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { openIndex } from '../../../server/out/index/openIndex.js';
import { verdictsOf } from '../fixtures/verdicts.js';
import { FORMAT_CASES, READERS_LANDED } from '../fixtures/formatCorpus.js';

/** The real readers (the engine's default, in this thread) on the small fixtures of test/fixtures/formats. */
const fixture = (path: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/formats/${path}`, import.meta.url)));

for (const { fixture: path, file, format, key, quote } of FORMAT_CASES) {
  test(`the default readers index ${file} (${format}) beside a plain source`, async () => {
    const fs = memoryFileSystem({ [`corpus/${file}`]: fixture(path), 'corpus/notes.txt': 'Notes\n\nA plain source beside it.' });
    const { index, warnings } = await openIndex(fs, ['corpus'], {});
    assert.ok(index.get('notes'), 'the rest of the corpus indexes either way');
    const source = index.get(key);
    if (!source && !READERS_LANDED.has(format)) {
      // A reader still a placeholder: one warning that says so.
      assert.deepEqual(warnings.map((w) => w.kind), ['unsupported']);
      assert.ok(warnings[0]!.message.includes(`corpus/${file}`), warnings[0]!.message);
      return;
    }
    assert.deepEqual(warnings, []);
    assert.deepEqual(verdictsOf(index, `“${quote}” [@${key}].`), [`verbatim @${key}`]);
  });
}
