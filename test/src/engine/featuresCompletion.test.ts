import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completionContext } from '../../../server/out/features/completionContext.js';
import { complete } from '../../../server/out/features/completion.js';
import { cursor, fixtureIndex } from './featuresFixture.js';

const contextAt = (marked: string) => {
  const { text, offset } = cursor(marked);
  return completionContext(text, offset);
};

test('offers keys right after “[@”, after “; @” and after a prefix inside brackets', () => {
  assert.deepEqual(contextAt('As [@$$'), { kind: 'key', prefix: '', span: { start: 5, end: 5 } });
  assert.deepEqual(contextAt('As [@a; @rep$$'), { kind: 'key', prefix: 'rep', span: { start: 9, end: 12 } });
  assert.deepEqual(contextAt('As [see @li$$ncoln, p. 3]'), { kind: 'key', prefix: 'li', span: { start: 9, end: 16 } });
});

test('offers no keys for an e-mail address, a bare @ outside brackets, or inside code', () => {
  assert.equal(contextAt('mail [me@exa$$'), undefined);
  assert.equal(contextAt('thanks @jo$$'), undefined);
  assert.equal(contextAt('code `[@$$'), undefined);
  assert.equal(contextAt('```\n[@$$\n```'), undefined);
});

test('recognizes an open quotation of two or more words and the citation after it', () => {
  assert.deepEqual(contextAt('He said “we cannot$$” [@lincoln].'), {
    kind: 'quote', typed: 'we cannot', span: { start: 9, end: 18 }, closeMark: '”', closed: true, citedAfter: ['lincoln'], citedBefore: [],
  });
  assert.equal(contextAt('He said “we$$'), undefined);
  assert.equal(contextAt('He said “we cannot” and then$$'), undefined);
  assert.equal(contextAt('He said "we cannot" and "then$$'), undefined);
  assert.equal((contextAt('He said "we cannot escape$$') as { closeMark: string }).closeMark, '"');
});

test('lists every key after “[@”, alphabetically, with title, author and date as detail', async () => {
  const index = await fixtureIndex();
  const { text, offset } = cursor('See [@$$');
  const list = complete(index, text, offset)!;
  assert.deepEqual(list.items.map((i) => [i.label, i.detail]), [
    ['hostile', '[Click me](command:workbench.action.quit) <img src=x onerror=alert(1)>'],
    ['lincoln', 'Annual Message to Congress — Abraham Lincoln, 1862-12-01'],
    ['report', 'Troop Levels Rise in the North'],
  ]);
  assert.equal(list.isIncomplete, false);
});

test('ranks keys fuzzily on key and title for what is typed', async () => {
  const index = await fixtureIndex();
  const byTitle = cursor('See [@congress$$');
  assert.equal(complete(index, byTitle.text, byTitle.offset)!.items[0]!.label, 'lincoln');
  const byKey = cursor('See [@rep$$');
  assert.equal(complete(index, byKey.text, byKey.offset)!.items[0]!.label, 'report');
});

test('escapes the opening of an untrusted source in the documentation', async () => {
  const index = await fixtureIndex();
  const { text, offset } = cursor('See [@host$$');
  const doc = complete(index, text, offset)!.items[0]!.documentation!;
  assert.equal(doc, 'Some \\*emphasis\\* and \\[a link\\]\\(command:evil\\) and &lt;b&gt;html&lt;/b&gt; in the opening line of the body text.');
});

test('completes an open quotation with the source wording, the closing mark and a citation', async () => {
  const index = await fixtureIndex();
  const { text, offset } = cursor('They said “the fiery trial$$');
  const [first] = complete(index, text, offset)!.items;
  assert.equal(first!.newText, 'The fiery trial through which we pass will light us down in honor or dishonor to the latest generation” [@lincoln]');
  assert.deepEqual(first!.span, { start: 11, end: 26 });
});

test('adds no citation when one follows the quotation, and no mark when it is closed', async () => {
  const index = await fixtureIndex();
  const { text, offset } = cursor('They said “the fiery trial$$” [@lincoln].');
  const [first] = complete(index, text, offset)!.items;
  assert.equal(first!.newText, 'The fiery trial through which we pass will light us down in honor or dishonor to the latest generation');
});
