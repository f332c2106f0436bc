import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { seededRandom } from '../../../server/out/index/quoteSampler.js';
import { lineSafeTextDocument } from '../../../server/out/lsp/textDocuments.js';

const open = (text: string) => lineSafeTextDocument.create('file:///d.md', 'markdown', 1, text);
const at = (line: number, character: number) => ({ start: { line, character }, end: { line, character } });

test('a carriage return typed before a line end makes one line end, and the next edit lands where the editor put it', () => {
  let doc = open('Intro\nHe said it [@lincon].\n');
  doc = lineSafeTextDocument.update(doc, [{ range: at(0, 5), text: '\r' }], 2);
  assert.equal(doc.getText(), 'Intro\r\nHe said it [@lincon].\n');
  assert.equal(doc.lineCount, 3);
  doc = lineSafeTextDocument.update(doc, [{ range: { start: { line: 1, character: 13 }, end: { line: 1, character: 19 } }, text: 'lincoln' }], 3);
  assert.equal(doc.getText(), 'Intro\r\nHe said it [@lincoln].\n');
});

test('any edits of text with mixed line ends leave the same text and lines as the document read afresh', () => {
  const rand = seededRandom(7);
  const pieces = ['a', ' ', '\n', '\r', '\r\n', 'xy', ''];
  const piece = () => pieces[Math.floor(rand() * pieces.length)]!;
  for (let run = 0; run < 500; run++) {
    let text = Array.from({ length: 8 }, piece).join('');
    let doc = open(text);
    for (let step = 0; step < 6; step++) {
      const fresh = TextDocument.create('file:///d.md', 'markdown', 1, text);
      const from = Math.floor(rand() * (text.length + 1));
      const range = { start: fresh.positionAt(from), end: fresh.positionAt(Math.min(text.length, from + Math.floor(rand() * 3))) };
      const change = { range, text: piece() };
      text = TextDocument.update(fresh, [change], 2).getText();
      doc = lineSafeTextDocument.update(doc, [change], 2);
      assert.equal(doc.getText(), text);
      assert.deepEqual(doc.positionAt(text.length), TextDocument.create('file:///d.md', 'markdown', 1, text).positionAt(text.length), JSON.stringify(text));
    }
  }
});
