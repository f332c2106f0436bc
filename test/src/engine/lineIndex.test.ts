import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../../server/out/engine/text.js';

/** Every offset's position, the slow way: lines end at \n, \r\n or a lone \r. */
function positions(text: string): { line: number; character: number }[] {
  const out: { line: number; character: number }[] = [];
  let line = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    out.push({ line, character: i - start });
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) { line++; start = i + 1; }
  }
  return out;
}

test('places every offset on its line, whatever the line endings', () => {
  for (const text of ['', 'one', 'a\nb\n', 'a\r\nb\r\nc', 'a\rb\rc', 'a\r\n\r\nb\rc\n\nd', '\n\r\r\n\n']) {
    const lines = new LineIndex(text);
    const expected = positions(text);
    for (let offset = 0; offset <= text.length; offset++) {
      assert.deepEqual(lines.positionAt(offset), expected[offset], `${JSON.stringify(text)} at ${offset}`);
      assert.equal(lines.offsetAt(expected[offset]!), offset, `${JSON.stringify(text)} back from ${offset}`);
    }
  }
});
