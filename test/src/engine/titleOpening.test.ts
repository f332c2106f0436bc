import { test } from 'node:test';
import assert from 'node:assert/strict';
import { guessTitle } from '../../../server/out/corpus/index.js';

/** A title is looked for in the first 16 KB of a source; the line that limit cuts through is not read. */
const OPENING_CHARS = 16 * 1024;
const SEPARATOR = '----\n\n';

test('finds a headline that ends just inside the 16 KB opening, past thousands of separator lines', () => {
  const before = SEPARATOR.repeat(2727);
  assert.ok(before.length + 'The Cut Title\n'.length < OPENING_CHARS);
  assert.equal(guessTitle(`${before}The Cut Title\n\nBody text.`, 0, false), 'The Cut Title');
});

test('does not take the half of a line that the 16 KB opening cuts through as the title', () => {
  const before = SEPARATOR.repeat(2729);
  assert.ok(before.length < OPENING_CHARS && before.length + 'The Cut Title'.length > OPENING_CHARS);
  assert.equal(guessTitle(`${before}The Cut Title\n\nBody text.`, 0, false), '');
});

test('reads the last line of a source shorter than the opening even without a final line break', () => {
  assert.equal(guessTitle(`${SEPARATOR}The Only Title`, 0, false), 'The Only Title');
  assert.equal(guessTitle('The Only Title\r\nbody', 0, false), 'The Only Title');
});

test('counts the opening from the end of the front matter', () => {
  const frontMatter = 'x'.repeat(OPENING_CHARS);
  assert.equal(guessTitle(`${frontMatter}\nThe Title After\n\nBody.`, OPENING_CHARS + 1, false), 'The Title After');
});
