import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHtmlDocument, parseXmlDocument, firstNamed } from '../../../server/out/formats/dom.js';
import { htmlToText } from '../../../server/out/formats/htmlText.js';

const text = (html: string): string => htmlToText(parseHtmlDocument(`<!DOCTYPE html><html><body>${html}</body></html>`)).text;

test('block elements become paragraphs and inline text is joined without added spaces', () => {
  assert.equal(text('<h1>Title</h1><p>One <b>bold</b><i>ly</i> said.</p><div>Two</div>'), 'Title\n\nOne boldly said.\n\nTwo');
});

test('collapses whitespace runs, no-break spaces included, and trims each paragraph', () => {
  assert.equal(text('<p>  A \n\t line&nbsp;&nbsp;of   text  </p>\n\n   <p>\nB</p>'), 'A line of text\n\nB');
});

test('reads <br> as a line break and decodes entities', () => {
  assert.equal(text('<p>Roses are red,<br>violets &amp; blue</p>'), 'Roses are red,\nviolets & blue');
});

test('puts list items on lines of their own, the list apart from the paragraphs around it', () => {
  assert.equal(text('<p>Before</p><ul><li>one</li><li>two <em>too</em></li></ul><p>After</p>'), 'Before\n\none\ntwo too\n\nAfter');
});

test('reads a data table as one line per row, cells separated by tabs, a cell\'s paragraphs joined', () => {
  assert.equal(
    text('<table><tr><th>Name</th><th>Game</th></tr><tr><td><p>Lebron</p><p>James</p></td><td>Basketball</td></tr></table>'),
    'Name\tGame\nLebron James\tBasketball',
  );
});

test('keeps the paragraphs of a long layout cell', () => {
  const long = 'word '.repeat(100).trim();
  assert.equal(text(`<table><tr><td><p>${long}</p><p>Second</p></td></tr></table>`), `${long}\n\nSecond`);
});

test('keeps the lines and spaces of <pre>, trailing spaces aside', () => {
  assert.equal(text('<p>Code:</p><pre>  a = 1\n  b = 2   \n</pre>'), 'Code:\n\n  a = 1\n  b = 2');
  assert.equal(text('<pre><span>SELECT</span> <span>avg</span>(n)  \n<span>FROM</span> t</pre>'), 'SELECT avg(n)\nFROM t');
});

test('leaves out scripts, styles, forms, media and hidden elements', () => {
  assert.equal(
    text('<p>Kept<script>var x = "no";</script><style>p{}</style></p><button>Share</button><p hidden>secret</p>'
      + '<p style="display: none">gone</p><select><option>menu</option></select><noscript>enable</noscript><p>also kept<img alt="picture"></p>'),
    'Kept\n\nalso kept',
  );
});

test('leaves out what the caller skips', () => {
  const document = parseHtmlDocument('<p>Body<sup class="ref">1</sup> text</p>');
  assert.equal(htmlToText(document, { skip: (_e, name) => name === 'sup' }).text, 'Body text');
});

test('reports where marked elements start, after the breaks before them', () => {
  const document = parseHtmlDocument('<h2 id="a">First</h2><p>x</p><h2><a id="b"></a>Second</h2><span id="h" hidden>gone</span><p>Third</p><p id="c"></p>');
  const { text: plain, marks } = htmlToText(document, { marks: new Set(['a', 'b', 'c', 'h', 'missing']) });
  assert.equal(plain, 'First\n\nx\n\nSecond\n\nThird');
  assert.equal(marks.get('a'), 0);
  assert.equal(plain.slice(marks.get('b'), marks.get('h')), 'Second\n\n', 'an empty anchor: where its text starts');
  assert.equal(plain.slice(marks.get('h')), 'Third', 'a hidden element: where the next text starts');
  assert.equal(marks.get('c'), plain.length, 'an empty element at the end points at the end');
  assert.equal(marks.has('missing'), false);
});

test('reads XHTML parsed as XML, with HTML entities and self-closing anchors', () => {
  const document = parseXmlDocument('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title/></head>'
    + '<body><p>One&nbsp;two<a id="p4"/> three&mdash;four</p><p>Five</p></body></html>');
  assert.equal(htmlToText(firstNamed(document, 'body')!).text, 'One two three—four\n\nFive');
});

test('still reads the text after an unclosed <br> in XHTML read as XML', () => {
  const document = parseXmlDocument('<html><body><p>Line one<br>line two</p><p>Next</p></body></html>');
  assert.equal(htmlToText(firstNamed(document, 'body')!).text, 'Line one\nline two\n\nNext');
});

test('walks a tree nested 12,000 deep without overflowing the stack', () => {
  const depth = 12_000; // Node's stack holds about 10,000 frames of a recursive walk
  const document = parseHtmlDocument(`${'<span>'.repeat(depth)}deep${'</span>'.repeat(depth)}<p>after</p>`);
  assert.equal(htmlToText(document).text, 'deep\n\nafter');
});
