import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeSource } from '../../../server/out/corpus/index.js';

const bytes = (...values: number[]) => new Uint8Array(values);
const utf8 = (text: string) => new TextEncoder().encode(text);

test('decodes UTF-8 and strips its byte order mark', () => {
  assert.deepEqual(decodeSource(bytes(0xef, 0xbb, 0xbf, ...utf8('Kyiv’s “allies”'))), { text: 'Kyiv’s “allies”' });
});

test('decodes UTF-16 LE and BE after their byte order marks', () => {
  assert.deepEqual(decodeSource(bytes(0xff, 0xfe, 0x48, 0x00, 0x1c, 0x20)), { text: 'H\u201c' });
  assert.deepEqual(decodeSource(bytes(0xfe, 0xff, 0x00, 0x48, 0x20, 0x1c)), { text: 'H\u201c' });
});

test('replaces an overlong encoding and a truncated sequence, pointing at the first', () => {
  const result = decodeSource(bytes(0x61, 0x0a, 0x62, 0xc0, 0xaf, 0x63, 0xe2, 0x80));
  assert.equal(result.text, 'a\nb\uFFFD\uFFFDc\uFFFD');
  assert.equal(result.warning?.kind, 'invalid-utf8');
  assert.match(result.warning?.message ?? '', /first bad byte at offset 3, line 2/);
});

test('accepts valid four-byte characters and a literal replacement character without a warning', () => {
  assert.deepEqual(decodeSource(utf8('𝄞 and \uFFFD')), { text: '𝄞 and \uFFFD' });
});

test('rejects content with a NUL byte as binary', () => {
  assert.deepEqual(decodeSource(bytes(0x61, 0x00, 0x62)).warning?.kind, 'binary');
  assert.equal(decodeSource(bytes(0x61, 0x00, 0x62)).text, undefined);
});

test('tolerates a few control characters such as form feeds and escapes', () => {
  assert.deepEqual(decodeSource(utf8('Page one\fPage two\x1b[0m and a stray \x07 bell in a longer line of text')).warning, undefined);
});
