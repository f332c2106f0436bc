import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSettings, parseSettings, unwrapSection } from '../../../server/out/lsp/settings.js';
import { isInside, resolvePath } from '../../../server/out/lsp/uri.js';

test('null, garbage and empty settings give the defaults', () => {
  for (const raw of [null, undefined, 42, 'corpus', [], {}]) assert.deepEqual(parseSettings(raw), defaultSettings);
});

test('keeps valid values and replaces invalid ones by their defaults', () => {
  const settings = parseSettings({ corpus: ['refs', 3, ''], minQuoteWords: 0, severity: { 'quote-mismatch': 'error', 'uncited-quote': 'loud', 'nope': 'off' } });
  assert.deepEqual(settings.corpus, ['refs']);
  assert.equal(settings.minQuoteWords, 4);
  assert.equal(settings.severity['quote-mismatch'], 'error');
  assert.equal(settings.severity['uncited-quote'], 'information');
  assert.deepEqual(parseSettings({ corpus: 'sources', minQuoteWords: 6.7 }).corpus, ['sources']);
  assert.equal(parseSettings({ minQuoteWords: 6.7 }).minQuoteWords, 6);
});

test('accepts the section wrapped as { verbatim: ... }, as editors send it', () => {
  assert.deepEqual(unwrapSection({ verbatim: { corpus: ['x'] } }), { corpus: ['x'] });
  assert.deepEqual(unwrapSection({ corpus: ['x'] }), { corpus: ['x'] });
});

test('resolves corpus folders against the workspace folder', () => {
  assert.equal(resolvePath('/w', 'corpus'), '/w/corpus');
  assert.equal(resolvePath('/w/', './a/../corpus/'), '/w/corpus');
  assert.equal(resolvePath('/w', '/data/sotu'), '/data/sotu');
  assert.ok(isInside('/w/corpus/a.txt', '/w/corpus') && !isInside('/w/corpus2/a.txt', '/w/corpus'));
});
