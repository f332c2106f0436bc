import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLocator, rangeHolds, romanValue, splitLocator } from '../../../server/out/draft/locator.js';
import { chapterNumber } from '../../../server/out/corpus/places.js';

/** `page 33–35, 41` for `pp. 33-35, 41`; `page ?` when the numbers cannot be read. */
function brief(locator: string): string {
  const parsed = parseLocator(locator);
  if (!parsed) return 'none';
  const ranges = parsed.ranges?.map((r) => (r.last === undefined ? `${r.first.text}ff` : r.first.text === r.last.text ? r.first.text : `${r.first.text}–${r.last.text}`));
  return `${parsed.term}/${parsed.kind} ${ranges ? ranges.join(', ') : '?'}`;
}

test('reads page locators: single pages, ranges with any dash, lists, roman numerals', () => {
  assert.equal(brief('p. 33'), 'page/page 33');
  assert.equal(brief('pp. 33–35'), 'page/page 33–35');
  assert.equal(brief('pp. 33—35'), 'page/page 33–35');
  assert.equal(brief('pp. 33 - 35'), 'page/page 33–35');
  assert.equal(brief('p. iv'), 'page/page iv');
  assert.equal(brief('pp. iv–vi'), 'page/page iv–vi');
  assert.equal(brief('pages 3, 5'), 'page/page 3, 5');
  assert.equal(brief('pp. 3 & 5'), 'page/page 3, 5');
  assert.equal(brief('33'), 'page/page 33');
  assert.equal(brief('Page 12'), 'page/page 12');
});

test('reads abbreviated ranges and "and following"', () => {
  assert.equal(brief('pp. 33-5'), 'page/page 33–35');
  assert.equal(brief('pp. 123-79'), 'page/page 123–179');
  assert.equal(brief('pp. 1203-5'), 'page/page 1203–1205');
  assert.equal(brief('p. 33f.'), 'page/page 33–34');
  assert.equal(brief('pp. 33ff.'), 'page/page 33ff');
  assert.equal(brief('pp. 33 ff.'), 'page/page 33ff');
});

test('reads chapter and other terms, and gives up on numbers it cannot read', () => {
  assert.equal(brief('ch. 2'), 'chapter/chapter 2');
  assert.equal(brief('chap. iv'), 'chapter/chapter iv');
  assert.equal(brief('chapters 2-3'), 'chapter/chapter 2–3');
  assert.equal(brief('sec. 4'), 'section/other 4');
  assert.equal(brief('§ 4'), 'section/other 4');
  assert.equal(brief('fig. 2'), 'figure/other 2');
  assert.equal(brief('n. 12'), 'note/other 12');
  assert.equal(brief('s.v. 3'), 'sub verbo/other 3');
  assert.equal(brief('vol. 2'), 'volume/other 2');
  assert.equal(brief('l. 7'), 'line/other 7');
  assert.equal(brief('p. 33a'), 'page/page ?');
  assert.equal(brief('pp. 35-33'), 'page/page ?');
  assert.equal(brief('pp. iv-3'), 'page/page ?');
  assert.equal(brief(''), 'none');
});

test('splits locator from suffix as before, and says where the locator stands', () => {
  assert.deepEqual(splitLocator(', p. 3, emphasis added'), { locator: 'p. 3', suffix: 'emphasis added', locatorStart: 2, locatorEnd: 6 });
  assert.deepEqual(splitLocator(', pp. 33-35 and passim'), { locator: 'pp. 33-35', suffix: 'and passim', locatorStart: 2, locatorEnd: 11 });
  assert.deepEqual(splitLocator(', {iv, 3}'), { locator: 'iv, 3', locatorStart: 2, locatorEnd: 9 });
  assert.deepEqual(splitLocator(', emphasis mine'), { suffix: 'emphasis mine' });
  assert.deepEqual(splitLocator(',  pp. 33 ff.'), { locator: 'pp. 33 ff.', locatorStart: 3, locatorEnd: 13 });
  assert.deepEqual(splitLocator(''), {});
});

test('compares a page label with a range: numbers by value, roman with roman only', () => {
  const [range] = parseLocator('pp. 33-5')!.ranges!;
  assert.equal(rangeHolds(range!, '34'), true);
  assert.equal(rangeHolds(range!, '36'), false);
  assert.equal(rangeHolds(range!, 'xxxiv'), false);
  assert.equal(rangeHolds(range!, 'A-34'), false);
  const [roman] = parseLocator('pp. iv-vi')!.ranges!;
  assert.equal(rangeHolds(roman!, 'v'), true);
  assert.equal(rangeHolds(roman!, 'V'), true);
  assert.equal(rangeHolds(roman!, '5'), false);
  const [open] = parseLocator('pp. 33ff.')!.ranges!;
  assert.equal(rangeHolds(open!, '40'), true);
  assert.equal(rangeHolds(open!, '32'), false);
});

test('reads roman numerals and chapter numbers in titles', () => {
  assert.equal(romanValue('xiv'), 14);
  assert.equal(romanValue('MCMXC'), 1990);
  assert.equal(romanValue('iiii'), undefined);
  assert.equal(romanValue('civil'), undefined);
  assert.equal(chapterNumber('Chapter XII. The Return'), 12);
  assert.equal(chapterNumber('CHAPTER 3'), 3);
  assert.equal(chapterNumber('Chapter Three'), 3);
  assert.equal(chapterNumber('3. The Storm'), 3);
  assert.equal(chapterNumber('IV'), 4);
  assert.equal(chapterNumber('I Remember'), undefined);
  assert.equal(chapterNumber('Ch. iii'), 3);
  assert.equal(chapterNumber('Chix and Other Birds'), undefined);
  assert.equal(chapterNumber('Chapter Twenty-One'), undefined);
  assert.equal(chapterNumber('Chapterhouse'), undefined);
  assert.equal(chapterNumber('Prologue'), undefined);
});
