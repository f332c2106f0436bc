import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Source } from '../../../server/out/corpus/source.js';
import { checkDraft } from '../../../server/out/features/check.js';
import { CorpusIndex } from '../../../server/out/index/corpusIndex.js';
import { words } from '../../../server/out/text/tokenize.js';
import { sampleIndex } from '../fixtures/sampleCorpus.js';
import { seededRandom } from '../../../server/out/index/quoteSampler.js';

// A seeded property test of page-true citations: the bundled articles cut into
// pages as a PDF reader would give them (printed numbers 7, 8, ... on PDF pages
// 1, 2, ...), passages sampled at word boundaries and quoted verbatim. Citing a
// page that holds the passage is never flagged; citing a page far from it
// always is, unless that page holds the same words.

const PAGE_CHARS = 600;
const PASSAGES = 150;

const rand = seededRandom(20261206);
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

/** The source with a page every ~600 characters, each cut at a line break or space. */
function paged(source: Source): Source {
  const text = source.text;
  const locators = [];
  let start = source.bodyStart;
  while (start < text.length) {
    let end = Math.min(text.length, start + PAGE_CHARS);
    if (end < text.length) {
      const space = text.lastIndexOf(' ', end);
      end = space > start ? space + 1 : end;
    }
    locators.push({ kind: 'page' as const, start, end, index: locators.length + 1, label: String(locators.length + 7) });
    start = end;
  }
  return { key: `paged/${source.key}`, path: `corpus/paged/${source.key}.pdf`, text, bodyStart: source.bodyStart, title: source.title, locators, size: text.length, mtimeMs: 0 };
}

/** Source characters as draft Markdown: markup escaped, double quote marks as single ones, one line. */
function escape(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[ \t]*\n\s*/g, ' ')
    .replace(/“/g, '‘').replace(/”/g, '’').replace(/(^|[\s(—–-])"/g, '$1‘').replace(/"/g, '’')
    .replace(/[\\`*_[\]<>&#|~@]/g, '\\$&');
}

const sample = await sampleIndex();
const sources = sample.keys().sort().map((key) => paged(sample.get(key)!));
const index = new CorpusIndex(sources);

function codes(draft: string): string[] {
  const report = checkDraft(index, draft);
  return [...report.verdicts.map((v) => v.kind), ...report.findings.map((f) => f.code)];
}

test('citing a page that holds a verbatim passage is never flagged; a page far from it always is', () => {
  let far = 0;
  let sameWordsThere = 0;
  for (let n = 0; n < PASSAGES; n++) {
    const source = sources[int(0, sources.length - 1)]!;
    const all = words(source.text, source.bodyStart);
    const length = int(6, 14);
    const first = int(0, all.length - length - 1);
    const span = { start: all[first]!.start, end: all[first + length - 1]!.end };
    const quote = escape(source.text.slice(span.start, span.end));
    const pages = source.locators!.filter((l) => l.start < span.end && span.start < l.end);
    const cite = (locator: string) => `He wrote “${quote}” [@${source.key}, ${locator}].`;
    const what = `${source.key} ${span.start}-${span.end} on ${pages.map((p) => p.label).join(',')}`;

    for (const page of pages) assert.deepEqual(codes(cite(`p. ${page.label}`)), ['verbatim'], `${what}: p. ${page.label}`);
    assert.deepEqual(codes(cite(`pp. ${pages[0]!.label}–${pages[pages.length - 1]!.label}`)), ['verbatim'], what);
    assert.deepEqual(codes(cite(`pp. ${Number(pages[0]!.label) - 1}-${Number(pages[0]!.label) + 1}`)), ['verbatim'], what);

    const locators = source.locators!;
    const farPages = locators.filter((l) => Math.abs(l.index - pages[0]!.index) >= 3);
    if (farPages.length === 0) continue;
    const wrong = farPages[int(0, farPages.length - 1)]!;
    const found = codes(cite(`p. ${wrong.label}`));
    const norms = (text: string) => words(text).map((w) => w.norm).join(' ');
    const there = norms(source.text.slice(Math.max(0, wrong.start - 200), wrong.end + 200)).includes(norms(source.text.slice(span.start, span.end)));
    if (there) {
      sameWordsThere++;
      assert.deepEqual(found, ['verbatim'], `${what}: the same words stand on p. ${wrong.label}`);
    } else {
      far++;
      assert.deepEqual(found, ['verbatim', 'locator-mismatch'], `${what}: p. ${wrong.label}`);
    }
  }
  assert.ok(far > PASSAGES / 2, `${far} passages cited far from their page`);
  assert.ok(sameWordsThere < far, `${sameWordsThere} passages repeated on the far page`);
});
