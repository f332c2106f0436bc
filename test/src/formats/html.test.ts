import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractHtml } from '../../../server/out/formats/html/index.js';
import { decodeHtml } from '../../../server/out/formats/html/charset.js';
import { fixture, rejectsWith } from './build.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const page = (head: string, body: string): Uint8Array => utf8(`<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`);
const article = '<article><h1>The Headline</h1>' + '<p>This is a paragraph of the article, long enough for Readability to count it as content, with commas, clauses, and words.</p>'.repeat(4) + '</article>';

test('reads the article of a real page and leaves out its navigation and sharing chrome', async () => {
  const result = await extractHtml(fixture('html/medium-2/source.html'), 'medium-2.html');
  assert.match(result.text, /^Words need defenders\.\n\nOn Behalf of “Literally”\n\nYou either are a “literally” abuser or know of one\./);
  assert.match(result.text, /Figuratively speaking\.$/);
  for (const chrome of ['Sign in / Sign up', 'Share on Twitter', 'Publish changes', 'Next story']) assert.ok(!result.text.includes(chrome), chrome);
  assert.doesNotMatch(result.text, /<|>|&amp;/, 'no markup left');
  assert.deepEqual(result.meta, {
    title: 'On Behalf of “Literally”',
    author: 'Courtney Kirchoff',
    date: '2015-02-24T19:56:33.374Z',
    url: 'https://medium.com/@ckirchoff/on-behalf-of-literally-429fab868ca8',
  });
  assert.equal(result.locators, undefined, 'a web page has no pages');
});

test('agrees with Readability\'s expected metadata on a Parse.ly page', async () => {
  const expected = JSON.parse(new TextDecoder().decode(fixture('html/parsely-metadata/expected-metadata.json')));
  const result = await extractHtml(fixture('html/parsely-metadata/source.html'), 'parsely.html');
  assert.deepEqual(result.meta, { title: expected.title, author: expected.byline, date: expected.publishedTime });
});

test('reads runs of <br> as paragraph breaks and single ones as line breaks', async () => {
  const result = await extractHtml(fixture('html/replace-brs/source.html'), 'replace-brs.html');
  assert.match(result.text, /^Lorem ipsum\ndolor sit\n\namet, consectetur adipisicing elit, sed do eiusmod\ntempor/);
});

test('prefers citation_* metadata, joins several authors, and writes Highwire dates with dashes', async () => {
  const head = '<title>Site | Paper</title><meta property="og:title" content="OG title">'
    + '<meta name="citation_title" content="The Real Title"><meta name="citation_author" content="Doe, Jane">'
    + '<meta name="citation_author" content="Roe, Richard"><meta name="citation_publication_date" content="2019/03/07">'
    + '<meta name="citation_doi" content="10.1000/xyz123"><meta name="author" content="Someone Else">';
  const result = await extractHtml(page(head, article), 'paper.html');
  assert.deepEqual(result.meta, { title: 'The Real Title', author: 'Doe, Jane; Roe, Richard', date: '2019-03-07', url: 'https://doi.org/10.1000/xyz123' });
});

test('takes Dublin Core title, creator and date, and the canonical link as URL', async () => {
  const head = '<meta name="DC.title" content="DC Title"><meta name="DC.creator" content="Jong, Michiel de">'
    + '<meta name="DC.date.issued" content="2014-12-15"><link rel="canonical" href="https://example.org/doc">';
  const result = await extractHtml(page(head, article), 'dc.html');
  assert.deepEqual(result.meta, { title: 'DC Title', author: 'Jong, Michiel de', date: '2014-12-15', url: 'https://example.org/doc' });
});

test('takes OpenGraph and JSON-LD metadata, the JSON-LD url from its @graph', async () => {
  const jsonLd = JSON.stringify({ '@context': 'https://schema.org', '@graph': [{ '@type': 'WebSite', name: 'Site' },
    { '@type': 'NewsArticle', headline: 'LD Headline', author: { '@type': 'Person', name: 'Ada Lovelace' }, datePublished: '2020-01-02T03:04:05Z', url: 'https://news.example/ld' }] });
  const head = `<meta property="og:title" content="OG Title"><script type="application/ld+json">${jsonLd}</script>`;
  const result = await extractHtml(page(head, article), 'ld.html');
  assert.deepEqual(result.meta, { title: 'LD Headline', author: 'Ada Lovelace', date: '2020-01-02T03:04:05Z', url: 'https://news.example/ld' });
});

test('passes over broken JSON-LD and relative canonical links', async () => {
  const head = '<title>Plain</title><script type="application/ld+json">{ not json</script><link rel="canonical" href="/relative">'
    + '<meta property="og:url" content="https://example.org/og">';
  const result = await extractHtml(page(head, article), 'broken.html');
  assert.equal(result.meta.url, 'https://example.org/og');
  assert.equal(result.meta.title, 'Plain');
});

test('decodes a page by its declared charset', async () => {
  const bytes = new Uint8Array([...utf8('<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"></head><body><p>Caf'), 0xe9, ...utf8(' na'), 0xef, ...utf8('ve, 5 '), 0x80, ...utf8('</p></body></html>')]);
  const result = await extractHtml(bytes, 'latin.html');
  assert.equal(result.text, 'Café naïve, 5 €', 'ISO-8859-1 is read as windows-1252, as browsers do');
});

test('decodes Shift_JIS declared with <meta charset>', () => {
  const bytes = new Uint8Array([...utf8('<meta charset="shift_jis"><p>'), 0x93, 0xfa, 0x96, 0x7b, ...utf8('</p>')]);
  assert.deepEqual(decodeHtml(bytes), { text: '<meta charset="shift_jis"><p>日本</p>', charset: 'shift_jis' });
});

test('reads valid UTF-8 as UTF-8 even when the page declares another charset', () => {
  const bytes = utf8('<meta charset="gb2312"><p>人工智能</p>');
  assert.equal(decodeHtml(bytes).text, '<meta charset="gb2312"><p>人工智能</p>');
});

test('decodes windows-1252 curly quotes, dashes and the euro sign, which Node 20 decodes as ISO-8859-1', () => {
  const bytes = new Uint8Array([...utf8('<meta charset="windows-1252">'), 0x93, 0x41, 0x94, 0x20, 0x96, 0x20, 0x80, 0x35, 0x20, 0x85, 0x9f]);
  assert.equal(decodeHtml(bytes).text, '<meta charset="windows-1252">“A” – €5 …Ÿ');
});

test('honours a byte-order mark, and reads undeclared bytes that are not UTF-8 as windows-1252', () => {
  assert.equal(decodeHtml(new Uint8Array([0xff, 0xfe, 0x3c, 0, 0x70, 0, 0x3e, 0, 0xe9, 0])).text, '<p>é');
  assert.equal(decodeHtml(new Uint8Array([...utf8('<p>na'), 0xef, ...utf8('ve')])).text, '<p>naïve');
});

test('reads the visible body text of a page where Readability finds no article, navigation left out', async () => {
  const result = await extractHtml(page('<title>Tiny</title>', '<footer><nav><a href="/">Home</a></nav>Copyright 2024 <b>Example</b> Org</footer>'), 'tiny.html');
  assert.equal(result.text, 'Copyright 2024 Example Org');
});

test('reads an XHTML page with a self-closing <title/>, <script/> and anchors (htmlparser2 ends them there)', async () => {
  const xhtml = '<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title/><script src="a.js"/></head>'
    + `<body>${article.replace('<p>', '<p><a id="p1"/>')}</body></html>`;
  const result = await extractHtml(utf8(xhtml), 'page.xhtml');
  assert.match(result.text, /^The Headline\n\nThis is a paragraph of the article/);
});

test('takes the <title> of a page Readability cannot read', async () => {
  const result = await extractHtml(page('<title>  Tiny   page </title>', '<footer>Copyright 2024 Example Org</footer>'), 'tiny.html');
  assert.deepEqual(result.meta, { title: 'Tiny page' });
});

test('fails with no-text on a page without text, saying what to do', async () => {
  await rejectsWith(extractHtml(page('<title>Only a title</title><script>render()</script>', '<div id="app"></div>'), 'app.html'), 'no-text', /^app\.html: the page holds no text .*save it from the browser/);
  await rejectsWith(extractHtml(new Uint8Array(), 'empty.html'), 'no-text', /empty\.html/);
});

test('fails with too-large on a page beyond the size limit, before parsing it', async () => {
  await rejectsWith(extractHtml(new Uint8Array(33 * 1024 * 1024), 'huge.html'), 'too-large', /^huge\.html: the page is 33 MB, more than the 32 MB/);
});

test('reads binary garbage as text without throwing anything but an ExtractionError', async () => {
  const garbage = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
  try {
    const result = await extractHtml(garbage, 'garbage.html');
    assert.equal(typeof result.text, 'string');
  } catch (error) {
    assert.equal((error as Error).name, 'ExtractionError');
  }
});
