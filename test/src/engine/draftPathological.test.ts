import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDraft } from '../../../server/out/draft/index.js';
import { defuse, lineKind } from '../../../server/out/draft/parse.js';
import { seededRandom } from '../../../server/out/index/quoteSampler.js';

// Blocks that would keep micromark busy for seconds or minutes (quadratic on
// long runs of delimiters and on thousands of brackets) are defused or read as
// plain text; what a writer wrote in them is still found, at the same offsets.

const QUOTE = 'He said “we are on the same page about it” [@a].';

test('blanks long runs of emphasis, bracket and quote-marker characters, keeping every offset', () => {
  const text = `x${'*'.repeat(70)}y${'_'.repeat(64)}z${'['.repeat(80)}${'>'.repeat(63)}\`\`\`${'~'.repeat(70)}`;
  const out = defuse(text);
  assert.equal(out.length, text.length);
  const blank = (n: number) => '\u00a0'.repeat(n);
  assert.equal(out, `x${blank(70)}y${blank(64)}z${blank(80)}${'>'.repeat(63)}\`\`\`${'~'.repeat(70)}`);
});

test('finds a quotation and its citation after a run of sixty thousand asterisks', () => {
  const text = `${'*'.repeat(60000)} ${QUOTE}`;
  const draft = parseDraft(text);
  assert.deepEqual(draft.quotes.map((q) => [q.text, text.slice(q.span.start + 1, q.span.end - 1)]), [['we are on the same page about it', 'we are on the same page about it']]);
  assert.deepEqual(draft.citations.map((c) => c.key), ['a']);
});

test('reads a block with thousands of brackets as plain text, its quotation and citation still found', () => {
  const text = `${'[x] '.repeat(3000)}${QUOTE}`;
  const draft = parseDraft(text);
  assert.deepEqual(draft.quotes.map((q) => q.text), ['we are on the same page about it']);
  assert.deepEqual(draft.quotes[0]!.citations.map((c) => c.key), ['a']);
  const at = text.indexOf('[@a]') + 2;
  assert.deepEqual(draft.citations.map((c) => [c.key, c.keySpan.start]), [['a', at]]);
});

test('reads a block with a few brackets as Markdown still', () => {
  const draft = parseDraft(`${'[x] '.repeat(100)}${QUOTE} \`“not a quote here at all”\``);
  assert.deepEqual(draft.quotes.map((q) => q.text), ['we are on the same page about it']);
});

test('indentation deeper than 64 characters nests no further; the quotations of a 400-level list are all found in place', () => {
  const lines = Array.from({ length: 400 }, (_, i) => `${' '.repeat(i * 2)}- item ${i}: “we are on the same page about it” [@a]`);
  const text = lines.join('\n');
  const out = defuse(text);
  assert.equal(out.length, text.length);
  assert.equal(out.split('\n')[20], lines[20], 'a list 20 levels deep is left as written');
  assert.equal(out.split('\n')[40]!.slice(0, 64), ' '.repeat(64));
  assert.equal(out.split('\n')[40]!.slice(64, 80), '\u00a0'.repeat(16));
  const draft = parseDraft(text);
  assert.equal(draft.quotes.length, 400);
  for (const q of draft.quotes) assert.equal(text.slice(q.span.start + 1, q.span.end - 1), 'we are on the same page about it');
  assert.deepEqual([...new Set(draft.quotes.map((q) => q.citations.map((c) => c.key).join()))], ['a']);
});

test('lineKind reads a line as the blank and setext underline patterns do', () => {
  const random = seededRandom(3);
  const alphabet = [' ', '\t', '=', '-', 'a', '\r'];
  const kinds = { blank: 0, underline: 1, other: 2 };
  const seen = new Set<number>();
  for (let n = 0; n < 5000; n++) {
    const line = Array.from({ length: Math.floor(random() * 7) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    const text = `x\n${line}\ny`;
    const body = line.replace(/\r$/, '');
    const expected = /^[ \t]*$/.test(body) ? kinds.blank : /^ {0,3}(?:=+|-+)[ \t]*$/.test(body) ? kinds.underline : kinds.other;
    assert.equal(lineKind(text, 2, 2 + line.length), expected, JSON.stringify(line));
    seen.add(expected);
  }
  assert.equal(seen.size, 3);
});

/** The setext blanking as first written (a line sliced and its marks replaced by pattern), which `defuse` now does on char codes. */
function blankSetextByPattern(text: string): string {
  let underlines = 0;
  return text.split('\n').map((line) => {
    const body = line.replace(/\r$/, '');
    if (/^[ \t]*$/.test(body)) underlines = 0;
    else if (/^ {0,3}(?:=+|-+)[ \t]*$/.test(body) && ++underlines > 8) return line.replace(/[=-]/g, '\u00a0');
    return line;
  }).join('\n');
}

test('setext underlines beyond the eighth of a run are blanked as the line-by-line patterns blank them', () => {
  const random = seededRandom(5);
  const lines = ['a', '=', '==', '---', ' -', '    =', '= =', '', ' \t', '=\r', 'a\r', '\ud800', 'b \ud83d\ude00', '-- \t'];
  let blanked = 0;
  for (let n = 0; n < 3000; n++) {
    const text = Array.from({ length: Math.floor(random() * 60) }, () => lines[Math.floor(random() * lines.length)]).join('\n');
    // Only characters no other rule of `defuse` touches, so the two must be equal.
    const expected = blankSetextByPattern(text);
    assert.equal(defuse(text), expected, JSON.stringify(text));
    if (expected !== text) blanked++;
  }
  assert.ok(blanked > 300, `only ${blanked} texts had an underline blanked`);
  const long = 'a\n=\n'.repeat(20_000) + '\ud800';
  assert.equal(defuse(long), blankSetextByPattern(long));
});
