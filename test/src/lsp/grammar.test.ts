import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The citation grammar's patterns are Oniguruma regular expressions; the ones
 * used here are also valid JavaScript with the same meaning on ASCII text.
 */
const grammar = JSON.parse(readFileSync(fileURLToPath(new URL('../../../syntaxes/verbatim-citations.tmLanguage.json', import.meta.url)), 'utf8'));
const manifest = JSON.parse(readFileSync(fileURLToPath(new URL('../../../package.json', import.meta.url)), 'utf8'));
const repo = grammar.repository;
const all = (source: string, text: string) => [...text.matchAll(new RegExp(source, 'g'))].map((m) => m[0]);

test('is contributed as an injection into Markdown under its own scope', () => {
  assert.deepEqual(manifest.contributes.grammars, [
    { scopeName: 'markdown.verbatim.citation', path: './syntaxes/verbatim-citations.tmLanguage.json', injectTo: ['text.html.markdown'] },
  ]);
  assert.equal(grammar.scopeName, 'markdown.verbatim.citation');
  assert.match(grammar.injectionSelector, /^L:text\.html\.markdown -markup\.inline\.raw -markup\.fenced_code/);
});

test('a bracket opens a citation only when a key follows', () => {
  const begin = repo.bracketed.begin as string;
  assert.deepEqual(all(begin, '[@key, p. 3] [see @a; @b] [-@smith] [@{odd key}]'), ['[', '[', '[', '[']);
  assert.deepEqual(all(begin, '[a link](url) [mail me@example.com] [x]'), []);
});

test('keys keep internal punctuation but not a trailing period, as Pandoc reads them', () => {
  const key = repo.key.match as string;
  assert.deepEqual(all(key, '@sotu/1862_lincoln. -@a:b @{odd.key,} @{a{b}c} @url:https://x.org/a.html. @{odd key}'), [
    '@sotu/1862_lincoln', '-@a:b', '@{odd.key,}', '@{a{b}c}', '@url:https://x.org/a.html',
  ]);
});

test('in-text keys are highlighted; e-mail addresses, escaped @ and cross-references are not', () => {
  const inText = repo['in-text'].match as string;
  assert.deepEqual(all(inText, 'As @smith says; write to jane@example.com, not \\@x; see @fig:plot, @Sec:a and @figure:b.'), ['@smith', '@figure:b']);
});
