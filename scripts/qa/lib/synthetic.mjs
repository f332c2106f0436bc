// Cases that need a source the corpus does not have (issue 13): another source
// quoting a passage reordered (the cited source first), a copy of a passage
// with a scanning error, and quotations across the editorial artifacts a
// plain-text source holds ([Illustration: …], [Pg 12], {12}).
import { decodeUtf8 } from '../../../server/out/corpus/utf8Chunks.js';
import { LazySource } from '../../../server/out/corpus/sourceText.js';
import { words } from '../../../server/out/text/tokenize.js';
import { int, pick } from './random.mjs';
import { joinParts, renderParts, tokens } from './render.mjs';
import { samplePassage } from './sample.mjs';

/** Common words a scanning error is made in (each far more frequent than any misreading of it). */
const COMMON = new Set(['their', 'which', 'there', 'would', 'could', 'should', 'people', 'other', 'these', 'those', 'great', 'after',
  'before', 'where', 'about', 'every', 'under', 'being', 'little', 'through', 'between', 'against']);
/** Letter misreadings of a scanner. */
const MISREAD = [['e', 'c'], ['h', 'b'], ['r', 'n'], ['i', 'l'], ['o', 'c'], ['u', 'n'], ['a', 'o'], ['t', 'f']];

function cite(content, key) {
  return `As the record shows, “${content}” [@${key}].\n`;
}

function plainSource(key, text) {
  return { key, path: `qa-synthetic/${key}.txt`, text, bodyStart: 0, title: key, size: text.length, mtimeMs: 0 };
}

/**
 * Synthetic sources and the cases that need them: `{ sources, cases }`, each case
 * `{ category, variant, draft, content, expect, passage }` as `buildCases` makes.
 */
export function syntheticCases(rand, sources, count) {
  const extra = [];
  const cases = [];
  for (let i = 0; i < count; i++) {
    const passage = samplePassage(rand, sources, 100_000 + i);
    if (passage.skip || passage.words.length < 10) continue;
    const { ws, seps } = tokens(passage);
    const len = Math.min(ws.length, int(rand, 10, 20));
    const slice = { ...passage, words: passage.words.slice(0, len) };
    const sw = ws.slice(0, len);
    const ss = seps.slice(0, len - 1);
    // The cited source first: another source quotes the passage with two words swapped.
    const at = int(rand, 1, len - 3);
    if (sw[at].toLowerCase() !== sw[at + 1].toLowerCase() && !/\d/.test(sw[at] + sw[at + 1])) {
      const swapped = sw.slice();
      [swapped[at], swapped[at + 1]] = [swapped[at + 1], swapped[at]];
      const content = renderParts(joinParts(swapped, ss));
      const echo = `qa-echo-${i}`;
      extra.push(plainSource(echo, `A reader once copied this out. ${swapped.join(' ')}. So the copy ends.`));
      cases.push({ category: 'h-cited-first', variant: 'reordered', draft: cite(content, passage.key), content,
        expect: { kind: 'mismatch', key: passage.key, diff: 'swapped', exactKey: echo }, passage: slice, mutated: swapped, at, tags: [] });
    }
    // A scanning error in the source: the writer's correct word is flagged as the source's likely misreading.
    const common = sw.map((w, k) => (k > 0 && k < len - 1 && COMMON.has(w.toLowerCase()) ? k : -1)).filter((k) => k >= 0);
    if (common.length > 0) {
      const k = pick(rand, common);
      const word = sw[k];
      const misreads = MISREAD.filter(([from]) => word.slice(1).includes(from));
      if (misreads.length > 0) {
        const [from, to] = pick(rand, misreads);
        const cut = word.indexOf(from, 1);
        const misread = word.slice(0, cut) + to + word.slice(cut + 1);
        const scanned = sw.slice();
        scanned[k] = misread;
        const ocr = `qa-ocr-${i}`;
        extra.push(plainSource(ocr, `Scanned page. ${renderPlain(scanned, ss)} End of page.`));
        const content = renderParts(joinParts(sw, ss));
        cases.push({ category: 'h-scanning-error', variant: 'misread-letter', note: `${word} scanned as ${misread}`, draft: cite(content, ocr), content,
          expect: { kind: 'mismatch', key: ocr, diff: 'scanning-error' }, passage: slice, mutated: sw, at: k, tags: [] });
      }
    }
  }
  return { sources: extra, cases };
}

function renderPlain(ws, seps) {
  return ws.map((w, i) => w + (i < ws.length - 1 ? seps[i] : '')).join('');
}

const ARTIFACT = /\[(?:Illustration|Footnote|Pg|Page)[^\[\]]{0,300}\]|\{\d{1,4}\}/g;

/**
 * Quotations across an editorial artifact of a plain-text source: the words
 * before and after it, joined (verbatim), and with a word after it changed
 * (a mismatch whose wording holds nothing of the artifact).
 */
export function artifactCases(rand, sources, count) {
  const found = [];
  for (const source of sources) {
    if (!(source instanceof LazySource) || !source.path.endsWith('.txt')) continue;
    const raw = decodeUtf8(source.encoded);
    for (const m of raw.matchAll(ARTIFACT)) {
      if (source.text.slice(m.index, m.index + m[0].length).trim() === '') found.push({ source, start: m.index, end: m.index + m[0].length });
    }
  }
  const cases = [];
  for (let i = 0; i < count && found.length > 0; i++) {
    const { source, start, end } = found.splice(int(rand, 0, found.length - 1), 1)[0];
    const before = words(source.text, Math.max(source.bodyStart, start - 300), start).slice(-4);
    const after = words(source.text, end, Math.min(source.text.length, end + 300)).slice(0, 4);
    if (before.length < 3 || after.length < 3) continue;
    const picked = [...before, ...after];
    const text = source.text;
    if (/[@[\]“”"…]|\.\.\./.test(text.slice(picked[0].start, picked.at(-1).end).replace(text.slice(start, end), ''))) continue;
    const passage = { key: source.key, source, text: text.slice(picked[0].start, picked.at(-1).end), words: picked, flavour: 'artifact', tags: ['artifact'] };
    const ws = picked.map((w) => w.text);
    const seps = picked.slice(1).map((w, k) => (k === before.length - 1 ? ' ' : text.slice(picked[k].end, w.start) || ' '));
    const content = renderParts(joinParts(ws, seps));
    cases.push({ category: 'h-artifact', variant: 'across', draft: cite(content, source.key), content, expect: { kind: 'verbatim', key: source.key }, passage });
    const changed = ws.slice();
    const k = before.length + 1;
    if (/^\p{L}{3,}$/u.test(changed[k])) {
      changed[k] = changed[k] === 'lantern' ? 'meadow' : 'lantern';
      const draft = cite(renderParts(joinParts(changed, seps)), source.key);
      cases.push({ category: 'h-artifact', variant: 'changed-after', draft, content: draft, expect: { kind: 'mismatch', key: source.key, diff: 'substituted', clean: true },
        passage, mutated: changed, at: k, tags: [] });
    }
  }
  return cases;
}
