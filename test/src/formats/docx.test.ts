import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractDocx } from '../../../server/out/formats/docx/index.js';
import { declareSize, docx, fixture, para, rejectsWith, zip } from './build.js';

test('reads footnotes and endnotes after the body, numbered, with their marks left out of the body', async () => {
  const result = await extractDocx(fixture('docx/notes.docx'), 'notes.docx');
  assert.equal(result.text, 'A footnote\n\nTest footnote. Test endnote.\n\n[1] My note.\n\n[2] This is an endnote at the end of the document.');
  assert.deepEqual(result.meta, { author: 'Jesse Rosenthal', date: '2014-06-12T19:27:00Z' });
});

test('reads tracked insertions and deletions as accepted', async () => {
  assert.equal((await extractDocx(fixture('docx/track_changes_insertion.docx'), 'ins.docx')).text, 'This is a text with two exciting insertions.');
  // The deleted words were "n excessively modified" (pandoc --track-changes=all shows them).
  assert.equal((await extractDocx(fixture('docx/track_changes_deletion.docx'), 'del.docx')).text, 'This is a text with a deletion.');
});

test('joins the paragraphs whose paragraph mark was deleted, as Word does on accepting', async () => {
  const result = await extractDocx(fixture('docx/paragraph_insertion_deletion.docx'), 'para.docx');
  assert.equal(result.text, 'This is a\n\nsplitParagraph.');
});

test('reads tables row by row and leaves comments out', async () => {
  const tables = await extractDocx(fixture('docx/tables.docx'), 'tables.docx');
  assert.match(tables.text, /^A table, with and without a header row\n\nName\tGame\tFame\tBlame\nLebron James\tBasketball\tVery High\tLeaving Cleveland\n/);
  assert.match(tables.text, /\nSimple Multiparagraph\tTable Full\nOf Paragraphs\tIn each Cell\.$/);
  const comments = await extractDocx(fixture('docx/comments.docx'), 'comments.docx');
  assert.equal(comments.text, 'I want some text to have a comment on it.\n\nThis is a new paragraph.\n\nAnd so is this.\n\nOne more. And this is one with a comment in a comment.');
});

test('reads moved text once, where it was moved to, and drops deleted runs inside insertions', async () => {
  const body = para('Keep ', '<w:moveFrom w:id="1" w:author="a"><w:r><w:t>old place </w:t></w:r></w:moveFrom>', 'this.')
    + para('<w:moveTo w:id="2" w:author="a"><w:r><w:t xml:space="preserve">New place </w:t></w:r></w:moveTo>', '<w:del w:id="3" w:author="a"><w:r><w:delText>not </w:delText></w:r></w:del>', 'here.');
  assert.equal((await extractDocx(docx(body), 'moved.docx')).text, 'Keep this.\n\nNew place here.');
});

test('takes title, author and date from the core properties, created before modified', async () => {
  const core = '<dc:title>  A Report </dc:title><dc:creator>Ada Lovelace</dc:creator>'
    + '<dcterms:created xsi:type="dcterms:W3CDTF">2021-05-04T10:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2022-01-01T00:00:00Z</dcterms:modified>';
  const result = await extractDocx(docx(para('Text.'), core), 'report.docx');
  assert.deepEqual(result.meta, { title: 'A Report', author: 'Ada Lovelace', date: '2021-05-04T10:00:00Z' });
  const modifiedOnly = await extractDocx(docx(para('Text.'), '<dc:title></dc:title><dcterms:modified>2022-01-01T00:00:00Z</dcterms:modified>'), 'm.docx');
  assert.deepEqual(modifiedOnly.meta, { date: '2022-01-01T00:00:00Z' });
  assert.deepEqual((await extractDocx(docx(para('Text.')), 'none.docx')).meta, {});
});

test('fails with encrypted on a password-protected file (an OLE container), saying how to remove the password', async () => {
  const ole = new Uint8Array(1024);
  ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  await rejectsWith(extractDocx(ole, 'secret.docx'), 'encrypted', /^secret\.docx: is password-protected .*remove the password/);
});

test('fails with corrupt on a file that is not a zip, a truncated one, and a zip that is not a Word document', async () => {
  await rejectsWith(extractDocx(new TextEncoder().encode('just text'), 'text.docx'), 'corrupt', /^text\.docx: is damaged or not a DOCX file .*save it again as \.docx/);
  const real = fixture('docx/notes.docx');
  await rejectsWith(extractDocx(real.subarray(0, real.length / 2), 'cut.docx'), 'corrupt', /cut\.docx/);
  await rejectsWith(extractDocx(zip({ 'readme.txt': 'hello' }), 'other.docx'), 'corrupt', /not a Word document \(no word\/document\.xml\)/);
  await rejectsWith(extractDocx(docx('<w:p><w:r><w:t>unclosed'), 'bad-xml.docx'), 'corrupt', /bad-xml\.docx: could not be read as a Word document/);
});

test('fails with no-text on a document without text', async () => {
  await rejectsWith(extractDocx(docx('<w:p/><w:p><w:r><w:t>  </w:t></w:r></w:p>'), 'blank.docx'), 'no-text', /^blank\.docx: the document holds no text/);
});

test('fails with too-large on a zip bomb, before inflating it', async () => {
  await rejectsWith(extractDocx(declareSize(docx(para('Text.')), 300 * 1024 * 1024), 'bomb.docx'), 'too-large', /^bomb\.docx: unpacks to more than 200 MB/);
  const many: Record<string, string> = {};
  for (let i = 0; i <= 10_000; i++) many[`f/${i}.xml`] = '';
  await rejectsWith(extractDocx(zip(many, true), 'many.docx'), 'too-large', /holds more than 10,000 files/);
});
