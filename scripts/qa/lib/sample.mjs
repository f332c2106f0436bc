// Picks passages (4-60 words, word-bounded) from a corpus, biased towards the
// hard cases: line breaks, quote marks and apostrophes, dashes, numbers.
import { words } from '../../../server/out/text/tokenize.js';
import { int } from './random.mjs';

/** Which feature the i-th passage must contain, in turn. */
const FLAVOURS = [
  ['plain', null],
  ['line-break', /\S[ \t]*\r?\n[ \t]*\S/g],
  ['quote-marks', /[“”‘’'"]/g],
  ['dash', /[—–]|--|\w-\w/g],
  ['number', /\d/g],
];

let cumulative;

/**
 * One passage: `{ key, text, words, flavour, tags }` where `words` are the source's
 * words (offsets into the source text) and `text` their span, or `{ skip: reason }`.
 */
export function samplePassage(rand, sources, i) {
  cumulative ??= sources.reduce((acc, s) => (acc.push((acc.at(-1) ?? 0) + s.text.length - s.bodyStart), acc), []);
  const [flavour, feature] = FLAVOURS[i % FLAVOURS.length];
  const total = cumulative.at(-1);
  const at = rand() * total;
  let s = cumulative.findIndex((c) => c > at);
  const source = sources[s];
  let offset = source.bodyStart + Math.floor(at - (s > 0 ? cumulative[s - 1] : 0));
  if (feature) {
    feature.lastIndex = offset;
    let m = feature.exec(source.text);
    if (!m) { feature.lastIndex = source.bodyStart; m = feature.exec(source.text); }
    if (!m) return { skip: `no ${flavour} in source` };
    offset = m.index;
  }
  const from = Math.max(source.bodyStart, offset - 1500);
  const to = Math.min(source.text.length, offset + 1500);
  const ws = words(source.text, from, to);
  if (from > source.bodyStart) ws.shift(); // may be cut
  if (to < source.text.length) ws.pop();
  if (ws.length < 4) return { skip: 'source too short' };
  let anchor = ws.findIndex((w) => w.end > offset);
  if (anchor < 0) anchor = ws.length - 1;
  const len = Math.min(ws.length, lengthFor(rand));
  const first = Math.max(0, Math.min(ws.length - len, anchor - int(rand, 0, len - 1)));
  const picked = ws.slice(first, first + len);
  const text = source.text.slice(picked[0].start, picked.at(-1).end);
  const tags = [];
  if (/@/.test(text)) return { skip: 'contains @ (citation syntax)' };
  if (/[“”"]/.test(text)) tags.push('inner-double-quote');
  if (/[[\]]/.test(text)) tags.push('source-brackets');
  if (/[*_`<>&\\#|~]/.test(text)) tags.push('markdown-chars');
  if (/\.\.\.|…/.test(text)) tags.push('source-ellipsis');
  if (/\n/.test(text)) tags.push('line-break');
  if (/\n[ \t]*\n/.test(text)) tags.push('paragraph-break');
  return { key: source.key, source, text, words: picked, flavour, tags };
}

/** Mostly 6-30 words, sometimes as short as 4 or as long as 60. */
function lengthFor(rand) {
  const r = rand();
  if (r < 0.15) return int(rand, 4, 5);
  if (r < 0.8) return int(rand, 6, 30);
  return int(rand, 31, 60);
}
