import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Source } from '../../../server/out/corpus/source.js';
import { checkDraft } from '../../../server/out/features/check.js';
import { hoverAt } from '../../../server/out/features/hover.js';
import { extractEpub } from '../../../server/out/formats/epub/index.js';
import { CorpusIndex } from '../../../server/out/index/corpusIndex.js';
import { sharedFormat } from './build.js';

// Chapter locators on real e-books, as the EPUB reader gives them: wasteland.epub's
// chapters are numbered in their titles ("I. THE BURIAL OF THE DEAD"); alice.epub's
// are not ("Down The Rabbit-Hole", after a "Title Page" entry), so its chapter
// numbers cannot be told and a chapter locator there says nothing.

const wasteland = sharedFormat('epub/wasteland.epub');
const alice = sharedFormat('epub/alice.epub');

async function indexOf(key: string, bytes: Uint8Array): Promise<CorpusIndex> {
  const book = await extractEpub(bytes, `corpus/${key}.epub`);
  const source: Source = { key, path: `corpus/${key}.epub`, text: book.text, bodyStart: 0, title: book.meta.title ?? key, size: bytes.length, mtimeMs: 0, ...(book.locators ? { locators: book.locators } : {}) };
  return new CorpusIndex([source]);
}

const codes = (index: CorpusIndex, draft: string) => checkDraft(index, draft).findings.map((f) => `${f.code}: ${f.message}`);

test('checks a chapter locator against the number in the real chapter titles of wasteland.epub', { skip: !wasteland && 'no ../shared/data/formats' }, async () => {
  const index = await indexOf('wasteland', wasteland!);
  const quote = '“April is the cruellest month, breeding Lilacs out of the dead land”';
  assert.deepEqual(codes(index, `Eliot: ${quote} [@wasteland, ch. 1].`), []);
  assert.deepEqual(codes(index, `Eliot: ${quote} [@wasteland, ch. i].`), []);
  assert.deepEqual(codes(index, `Eliot: ${quote} [@wasteland, ch. 2].`), ['locator-mismatch: The quotation is in ch. 1 of @wasteland, not ch. 2.']);
  const draft = `Eliot: ${quote} [@wasteland].`;
  const hover = hoverAt(index, checkDraft(index, draft), draft.indexOf('April'))!;
  assert.match(hover.markdown, /\n\nChapter: ch\. 1, “I\. THE BURIAL OF THE DEAD”\n/);
});

test('says nothing on alice.epub, whose chapter titles hold no numbers, and shows the title', { skip: !alice && 'no ../shared/data/formats' }, async () => {
  const index = await indexOf('alice', alice!);
  const quote = '“once or twice she had peeped into the book her sister was reading”';
  for (const locator of ['ch. 1', 'ch. 2', 'ch. 7']) assert.deepEqual(codes(index, `Alice: ${quote} [@alice, ${locator}].`), [], locator);
  const draft = `Alice: ${quote} [@alice].`;
  const hover = hoverAt(index, checkDraft(index, draft), draft.indexOf('peeped'))!;
  assert.match(hover.markdown, /\n\nChapter: “Down The Rabbit-Hole”\n/);
});
