import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { extractPdf } from '../../../server/out/formats/pdf/index.js';
import { ExtractionError, type ExtractedSource } from '../../../server/out/formats/extracted.js';
import { makePdf, setLines } from './pdfMaker.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/formats/pdf/${name}`, import.meta.url)));
const pageText = (r: ExtractedSource, index: number) => {
  const loc = r.locators!.find((l) => l.index === index)!;
  return r.text.slice(loc.start, loc.end);
};
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

test('reads a two-column page column by column', async () => {
  const bytes = await makePdf((doc) => {
    doc.addPage();
    doc.fontSize(18).text('A Title Across Both Columns', 72, 60, { lineBreak: false }).fontSize(11);
    // Lines of both columns share baselines, as a typeset page does.
    setLines(doc, ['left one starts the', 'left column and goes', 'on down the page.'], 72, 100);
    setLines(doc, ['right one starts the', 'right column and it', 'ends the page.'], 320, 100);
  });
  const r = await extractPdf(bytes, 'two.pdf');
  assert.equal(squash(r.text), 'A Title Across Both Columns left one starts the left column and goes on down the page. right one starts the right column and it ends the page.');
});

test('reads a table of contents entry by entry, each with the page number set beside it, as pdftotext does', async () => {
  const bytes = await makePdf((doc) => {
    doc.addPage();
    doc.fontSize(18).text('Contents', 72, 60, { lineBreak: false }).fontSize(11);
    const entries: [string, string][] = [['1 Introduction', '1'], ['2 Methods and materials', '5'], ['3 Results', '12'], ['4 Discussion', '31']];
    entries.forEach(([entry, page], i) => {
      doc.text(entry, 72, 110 + 26 * i, { lineBreak: false });
      doc.text(page, 520 - doc.widthOfString(page), 110 + 26 * i, { lineBreak: false });
    });
  });
  const r = await extractPdf(bytes, 'toc.pdf');
  assert.equal(squash(r.text), 'Contents 1 Introduction 1 2 Methods and materials 5 3 Results 12 4 Discussion 31');
});

test("reads a table's columns whole, each under its header, as pdftotext does", async () => {
  const bytes = await makePdf((doc) => {
    doc.addPage();
    const rows = [['benchmark', 'Loops', 'Trees'], ['3d-cube', '25', '27'], ['3d-morph', '5', '8'], ['access-nbody', '10', '25']];
    rows.forEach((row, i) => {
      doc.text(row[0]!, 72, 100 + 12 * i, { lineBreak: false });
      doc.text(row[1]!, 180, 100 + 12 * i, { lineBreak: false });
      doc.text(row[2]!, 226, 100 + 12 * i, { lineBreak: false });
    });
  });
  const r = await extractPdf(bytes, 'table.pdf');
  assert.equal(squash(r.text), 'benchmark 3d-cube 3d-morph access-nbody Loops 25 5 10 Trees 27 8 25');
});

test('reads code and its comments row by row once a line runs from one into the other', async () => {
  const bytes = await makePdf((doc) => {
    doc.addPage();
    doc.font('Courier').fontSize(9);
    const code = ['v0 := ld state[748]', 'st sp[0], v0', 'v6 := js_Array_set(v0, v2, false)'];
    const comments = ['// load primes', '// store primes', ''];
    code.forEach((line, i) => {
      doc.text(line, 54, 100 + 10 * i, { lineBreak: false });
      const comment = i === 2 ? '// call it' : comments[i]!;
      doc.text(comment, i === 2 ? 54 + doc.widthOfString(`${line} `) : 170, 100 + 10 * i, { lineBreak: false });
    });
  });
  const r = await extractPdf(bytes, 'code.pdf');
  assert.equal(squash(r.text), 'v0 := ld state[748] // load primes st sp[0], v0 // store primes v6 := js_Array_set(v0, v2, false) // call it');
});

test('joins a word hyphenated at a line end, but keeps a compound the document writes with its hyphen', async () => {
  const bytes = await makePdf((doc) => {
    doc.addPage();
    setLines(doc, [
      'We need more infor-',
      'mation about the well-',
      'known case, a well-known one.',
      'Another line with some information.',
    ], 72, 100);
  });
  const r = await extractPdf(bytes, 'hyphens.pdf');
  assert.equal(squash(r.text), 'We need more information about the well-known case, a well-known one. Another line with some information.');
});

test('keeps a hyphen before a capital or a digit, and joins halves that are no words', async () => {
  const bytes = await makePdf((doc) => {
    doc.addPage();
    setLines(doc, ['the Euro-', 'Atlantic area and IEEE-', '754 numbers are con-', 'tained here'], 72, 100);
  });
  const r = await extractPdf(bytes, 'keep.pdf');
  assert.equal(squash(r.text), 'the Euro-Atlantic area and IEEE-754 numbers are contained here');
});

test('leaves out a running header and page numbers, so a sentence reads on across the page break', async () => {
  const bytes = await makePdf((doc) => {
    for (let p = 1; p <= 4; p++) {
      doc.addPage();
      doc.fontSize(9).text('THE JOURNAL OF TESTS', 250, 40, { lineBreak: false }).text(String(p + 10), 300, 740, { lineBreak: false }).fontSize(11);
      setLines(doc, [`Body of page ${p} begins here and`, p % 2 ? 'the sentence runs over onto' : 'the next page and stops.'], 72, 150);
    }
  });
  const r = await extractPdf(bytes, 'running.pdf');
  assert.ok(!r.text.includes('JOURNAL'), r.text);
  assert.match(squash(r.text), /runs over onto Body of page 2/);
  assert.deepEqual(r.locators!.map((l) => [l.index, l.label]), [[1, '11'], [2, '12'], [3, '13'], [4, '14']]);
  assert.equal(squash(pageText(r, 2)), 'Body of page 2 begins here and the next page and stops.');
});

test('infers printed numbers only where their offset agrees with the neighbours (a year in the header does not count)', async () => {
  const bytes = await makePdf((doc) => {
    for (let p = 1; p <= 5; p++) {
      doc.addPage();
      doc.fontSize(9).text('Annual Report 2024', 72, 40, { lineBreak: false });
      if (p > 1) doc.text(`Page ${p - 1}`, 280, 740, { lineBreak: false });
      doc.fontSize(11);
      setLines(doc, [`Text of sheet ${p}.`], 72, 100);
    }
  });
  const r = await extractPdf(bytes, 'report.pdf');
  assert.deepEqual(r.locators!.map((l) => l.label), [undefined, '1', '2', '3', '4']);
});

test('takes printed numbers from the page labels, a label used twice included', async () => {
  const r = await extractPdf(fixture('contrib__pagelabels.pdf'), 'labels.pdf');
  assert.deepEqual(r.locators!.map((l) => l.label), ['iii', 'iv', '1', '2', '1']);
  assert.deepEqual(r.locators!.map((l) => l.index), [1, 2, 3, 4, 5]);
  const i = await extractPdf(fixture('issue14847-labels.pdf'), 'manual.pdf');
  assert.deepEqual(i.locators!.map((l) => l.label), ['i', 'ii', 'iii', 'iv', '1', '2']);
});

test('reads a real report without its header and footer, with title, author and date', async () => {
  const r = await extractPdf(fixture('dmca.pdf'), 'dmca.pdf');
  assert.equal(r.locators!.length, 18);
  assert.ok(!/Copyright Office Summary December 1998 Page/.test(r.text));
  assert.equal(r.meta.title, 'The Digital Millennium Copyright Act of 1998');
  assert.match(r.meta.author ?? '', /Copyright Office/);
  // Its creation date is a placeholder (D:00000101000000Z): the modification date stands in.
  assert.equal(r.meta.date, '2001-10-17');
  assert.deepEqual(r.locators!.map((l) => l.label), Array.from({ length: 18 }, (_, i) => String(i + 1)));
  for (let k = 1; k < r.locators!.length; k++) assert.ok(r.locators![k]!.start >= r.locators![k - 1]!.end);
});

test('normalizes ligature characters', async () => {
  const bytes = await makePdf((doc) => { doc.addPage(); setLines(doc, ['The \ufb01rst \ufb02ow'], 72, 100); });
  // pdfkit's standard fonts cannot set U+FB01; the reader still gives plain letters for what it sets.
  const r = await extractPdf(bytes, 'lig.pdf');
  assert.ok(!/[\ufb00-\ufb06]/.test(r.text));
});

test('leaves the caller’s bytes readable', async () => {
  const bytes = fixture('contrib__pagelabels.pdf');
  await extractPdf(bytes, 'labels.pdf');
  assert.equal(bytes.length, 39917);
});

async function failure(bytes: Uint8Array): Promise<ExtractionError> {
  try {
    await extractPdf(bytes, 'x.pdf');
  } catch (error) {
    assert.ok(error instanceof ExtractionError, String(error));
    return error;
  }
  assert.fail('expected an ExtractionError');
}

test('reports an encrypted PDF, saying to save an unprotected copy', async () => {
  const e = await failure(fixture('issue6010_1.pdf'));
  assert.equal(e.failure, 'encrypted');
  assert.match(e.message, /^x\.pdf is protected with a password.*unprotected copy/);
});

test('reports a fuzzed, an empty and a non-PDF file as corrupt', async () => {
  assert.equal((await failure(fixture('poppler-937-0-fuzzed.pdf'))).failure, 'corrupt');
  assert.equal((await failure(new Uint8Array(0))).failure, 'corrupt');
  assert.equal((await failure(new TextEncoder().encode('hello, this is not a PDF'))).failure, 'corrupt');
});

test('reports a PDF without text, saying to run OCR', async () => {
  const e = await failure(fixture('issue15150.pdf'));
  assert.equal(e.failure, 'no-text');
  assert.equal(e.message, 'x.pdf has no text layer: run OCR on it (e.g. ocrmypdf), then save it again.');
});

test('notes pages without text in an otherwise readable PDF', async () => {
  const bytes = await makePdf((doc) => {
    doc.addPage();
    setLines(doc, ['Some text on the first page.'], 72, 100);
    doc.addPage();
    doc.addPage();
    setLines(doc, ['Some text on the third page.'], 72, 100);
  });
  const r = await extractPdf(bytes, 'gap.pdf');
  assert.equal(r.notes?.length, 1);
  assert.match(r.notes![0]!, /^page 2 has no text \(blank, or scanned/);
  assert.equal(pageText(r, 2), '');
});
