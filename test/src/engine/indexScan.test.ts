import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashWordAt } from '../../../server/out/index/hash.js';
import { MARK_EVERY, ScanOutput, scanWords, skipWords } from '../../../server/out/index/scan.js';
import { forEachWord } from '../../../server/out/text/tokenize.js';

/** What the index must agree with: the shared tokenizer and the word hash, word by word. */
function reference(text: string): { starts: number[]; hashes: number[] } {
  const starts: number[] = [];
  const hashes: number[] = [];
  forEachWord(text, (start, end) => { starts.push(start); hashes.push(hashWordAt(text, start, end)); });
  return { starts, hashes };
}

function scanned(text: string): { hashes: number[]; marks: number[] } {
  const out = new ScanOutput(1);
  scanWords(text, 0, text.length, out);
  return { hashes: [...out.hashes.subarray(0, out.words)], marks: [...out.marks.subarray(0, out.markCount)] };
}

/** A seeded generator of awkward text: apostrophes of every kind, digit grouping, accents, dashes, astral letters, currency and percent signs. */
function awkwardText(seed: number, length: number): string {
  const pieces = ['a', 'B', 'z', '0', '7', ',', '.', "'", '’', '‘', 'ʼ', ' ', '\n', '-', '—', 'é', 'Ü', 'ﬁ', 'Ｋ', '١', '٢', '𝒜', '“', '”', 'naïve', "don't", 'don’t', '1,000', '3.5', 'x', '$', '%', '€', '£', '＄', '％', "$'", "a'$"];
  let state = seed;
  let text = '';
  while (text.length < length) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    text += pieces[state % pieces.length];
  }
  return text;
}

test('finds the same words with the same hashes as the shared tokenizer on awkward text', () => {
  for (let seed = 1; seed <= 200; seed++) {
    const text = awkwardText(seed, 300);
    assert.deepEqual(scanned(text).hashes, reference(text).hashes, `seed ${seed}: ${JSON.stringify(text)}`);
  }
});

test('hashes curly and modifier apostrophes like straight ones, and numbers without grouping commas', () => {
  const text = 'Don’t dONʼT don\'t 1,000 1000 a1,000';
  const hashes = scanned(text).hashes;
  assert.equal(hashes[0], hashes[1]);
  assert.equal(hashes[1], hashes[2]);
  assert.equal(hashes[3], hashes[4]);
  assert.deepEqual(hashes, reference(text).hashes);
});

test('marks the start of every 32nd word, and skipWords finds any word from its mark', () => {
  const text = awkwardText(7, 5000);
  const { starts } = reference(text);
  const { marks } = scanned(text);
  assert.deepEqual(marks, starts.filter((_, i) => i % MARK_EVERY === 0));
  for (let i = 0; i < starts.length; i++) {
    const mark = marks[Math.floor(i / MARK_EVERY)]!;
    assert.equal(skipWords(text, mark, text.length, i % MARK_EVERY), starts[i], `word ${i}`);
  }
  assert.equal(skipWords(text, marks[marks.length - 1]!, text.length, MARK_EVERY + 5), text.length);
});

test('scans currency and percent signs as words of their own, a percent sign as `percent`', () => {
  const text = 'spent $300, €40bn and 30% (30 percent) US$5';
  const { hashes } = scanned(text);
  assert.deepEqual(hashes, reference(text).hashes);
  const { starts } = reference(text);
  assert.deepEqual(starts.map((s) => text[s]), ['s', '$', '3', '€', '4', 'a', '3', '%', '3', 'p', 'U', '$', '5']);
  assert.equal(hashes[7], hashes[9]); // % and percent
});

test('scans from a body start and appends after earlier documents', () => {
  const out = new ScanOutput(1);
  assert.equal(scanWords('---\nid: x\n---\nOne two', 14, 21, out), 2);
  assert.equal(scanWords('three', 0, 5, out), 1);
  assert.equal(out.words, 3);
  assert.deepEqual([...out.marks.subarray(0, out.markCount)], [14, 0]);
});
