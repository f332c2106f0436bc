import { test } from 'node:test';
import assert from 'node:assert/strict';
import { words, normalizeWord, isNegation, type Word } from '../../../server/out/text/tokenize.js';
import { sampleIndex } from '../fixtures/sampleCorpus.js';
import { verdictsOf } from '../fixtures/verdicts.js';
import { seededRandom } from '../../../server/out/index/quoteSampler.js';

// A seeded property test over the bundled corpus: passages sampled at word
// boundaries, quoted verbatim, with accepted variants, with one word changed,
// cited to the wrong source, uncited; every verdict must be the expected one.
// The full-size version is scripts/qa/verdicts.mjs.

const index = await sampleIndex();
const keys = index.keys().sort();
const PASSAGES = 120;

const rand = seededRandom(20261122);
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;

interface Passage { key: string; ws: string[]; seps: string[]; text: string }

/** Source characters as draft Markdown: markup escaped, double quote marks as single ones, no blank line. */
function escape(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[ \t]*\n\s*/g, ' ')
    .replace(/“/g, '‘').replace(/”/g, '’').replace(/(^|[\s(—–-])"/g, '$1‘').replace(/"/g, '’')
    .replace(/[\\`*_[\]<>&#|~@]/g, '\\$&');
}

const all: Word[][] = keys.map((key) => {
  const source = index.get(key)!;
  return words(source.text, source.bodyStart);
});

function sample(): Passage {
  const k = int(0, keys.length - 1);
  const ws = all[k]!;
  const text = index.get(keys[k]!)!.text;
  const len = Math.min(ws.length, int(8, 40));
  const first = int(0, ws.length - len);
  const picked = ws.slice(first, first + len);
  return {
    key: keys[k]!,
    ws: picked.map((w) => w.text),
    seps: picked.slice(1).map((w, i) => text.slice(picked[i]!.end, w.start)),
    text: text.slice(picked[0]!.start, picked.at(-1)!.end),
  };
}

function join(ws: readonly string[], seps: readonly string[]): string {
  return ws.map((w, i) => escape(w) + (i < ws.length - 1 ? escape(seps[i] ?? ' ') : '')).join('');
}

const cite = (content: string, key: string) => `As reported, “${content}” [@${key}].`;

/** Whether the source of `key` holds `ws` word for word (case, quotes and dashes aside). */
function holds(key: string, ws: readonly string[]): boolean {
  const norms = ws.map(normalizeWord);
  const source = all[keys.indexOf(key)]!.map((w) => w.norm);
  outer: for (let i = 0; i + norms.length <= source.length; i++) {
    for (let j = 0; j < norms.length; j++) if (source[i + j] !== norms[j]) continue outer;
    return true;
  }
  return false;
}

// Passages that occur word for word in more than one source have no single right "misattributed" source: skipped.
const passages = Array.from({ length: PASSAGES }, sample).filter((p) => keys.filter((k) => holds(k, p.ws)).length === 1);

/**
 * Runs `check` on every passage and collects `draft / expected / actual` for those that fail;
 * at least `minChecked` passages must have a case, so a generator that stops producing them fails too.
 */
function failures(check: (p: Passage) => { draft: string; expected: string } | undefined, minChecked = 20): string[] {
  const out: string[] = [];
  let checked = 0;
  for (const p of passages) {
    const c = check(p);
    if (!c) continue;
    checked++;
    const actual = verdictsOf(index, c.draft);
    if (actual.length !== 1 || actual[0] !== c.expected) out.push(`${c.draft}\n  expected ${c.expected}\n  actual   ${actual.join(' | ')}`);
  }
  if (checked < minChecked) out.push(`only ${checked} passages had a case (at least ${minChecked} wanted)`);
  return out;
}

test('sampled passages are sure to include enough distinct ones', () => {
  assert.ok(passages.length >= PASSAGES * 0.9, `${passages.length} of ${PASSAGES}`);
});

test('accepts every sampled passage quoted verbatim with its citation', () => {
  assert.deepEqual(failures((p) => ({ draft: cite(join(p.ws, p.seps), p.key), expected: `verbatim @${p.key}` })), []);
});

const variants: [string, (p: Passage) => string][] = [
  ['upper case', (p) => join(p.ws.map((w) => w.toUpperCase()), p.seps)],
  ['straight for curly apostrophes and back', (p) => join(p.ws.map((w) => w.replace(/['’]/g, (c) => (c === "'" ? '’' : "'"))), p.seps)],
  ['dashes swapped for other dashes', (p) => join(p.ws, p.seps.map((s) => s.replace(/--|[—–-]/g, () => pick(['—', '–', '-', ' — ']))))],
  ['line breaks and runs of spaces', (p) => join(p.ws, p.seps.map((s, i) => (i % 3 === 1 ? s.replace(/\s+|$/, '\n') : s.replace(/ /g, '   '))))],
  ['punctuation added at the edges', (p) => `…${join(p.ws, p.seps)}.`],
  ['an omission of up to 30 words', (p) => {
    const left = int(3, p.ws.length - 4);
    const size = int(1, Math.min(30, p.ws.length - 3 - left));
    return `${join(p.ws.slice(0, left), p.seps)} ${pick(['...', '…', '[...]', '[…]'])} ${join(p.ws.slice(left + size), p.seps.slice(left + size))}`;
  }],
  ['up to three words replaced in brackets', (p) => {
    const at = int(1, p.ws.length - 4);
    const size = int(1, 3);
    return `${join(p.ws.slice(0, at), p.seps)} [${pick(['the nation', 'he', 'the officials'])}] ${join(p.ws.slice(at + size), p.seps.slice(at + size))}`;
  }],
  ['a bracketed first letter', (p) => {
    const first = p.ws[0]!;
    if (!/^\p{L}\p{L}/u.test(first)) return join(p.ws, p.seps);
    const c = first[0]!;
    return `[${c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()}]${join([first.slice(1), ...p.ws.slice(1)], p.seps)}`;
  }],
];

for (const [what, make] of variants) {
  test(`accepts sampled passages with ${what} as verbatim`, () => {
    assert.deepEqual(failures((p) => ({ draft: cite(make(p), p.key), expected: `verbatim @${p.key}` })), []);
  });
}

/** One mutation of a passage: the changed words, or undefined when the passage has no place for it. */
const mutations: [string, string, (ws: string[]) => string[] | undefined][] = [
  ['a changed number', 'number', (ws) => {
    const i = ws.findIndex((w) => /^\d/.test(w));
    if (i < 0) return undefined;
    const w = ws[i]!;
    const at = w.search(/\d[^\d]*$/);
    return ws.with(i, w.slice(0, at) + String((Number(w[at]) + int(1, 9)) % 10) + w.slice(at + 1));
  }],
  ['an inserted negation', 'negation-added', (ws) => {
    const i = int(2, ws.length - 3);
    if (isNegation(normalizeWord(ws[i]!)) || isNegation(normalizeWord(ws[i - 1]!))) return undefined;
    return [...ws.slice(0, i), 'not', ...ws.slice(i)];
  }],
  ['a substituted word', 'substituted', (ws) => {
    const i = int(2, ws.length - 3);
    if (!/^\p{L}{3,}$/u.test(ws[i]!) || isNegation(normalizeWord(ws[i]!))) return undefined;
    return ws.with(i, pick(['lantern', 'meadow', 'kettle']));
  }],
  ['a dropped word', '', (ws) => {
    const i = int(2, ws.length - 3);
    const n = normalizeWord(ws[i]!);
    if (n === normalizeWord(ws[i - 1]!) || n === normalizeWord(ws[i + 1]!)) return undefined;
    return ws.toSpliced(i, 1);
  }],
  ['two swapped words', '', (ws) => {
    const i = int(2, ws.length - 4);
    if (normalizeWord(ws[i]!) === normalizeWord(ws[i + 1]!)) return undefined;
    return ws.with(i, ws[i + 1]!).with(i + 1, ws[i]!);
  }],
];

for (const [what, diff, mutate] of mutations) {
  test(`reports ${what} in a sampled passage of eight or more words as a mismatch`, () => {
    assert.deepEqual(failures((p) => {
      const changed = mutate(p.ws);
      if (!changed || holds(p.key, changed)) return undefined; // still verbatim somewhere in the source: no mismatch to find
      const draft = cite(escape(changed.join(' ')), p.key);
      const actual = verdictsOf(index, draft)[0] ?? '';
      const wanted = `mismatch @${p.key}`;
      // The verdict must be a mismatch against the cited source; number and negation changes must say so.
      const ok = actual.startsWith(wanted) && (diff === '' || actual.includes(`${diff} `));
      return { draft, expected: ok ? actual : `${wanted}${diff ? ': ' + diff + ' …' : ''}` };
    }, diff === 'number' ? 5 : 20), []);
  });
}

test('reports a sampled passage cited to another source as misattributed to the source that holds it', () => {
  assert.deepEqual(failures((p) => {
    const other = keys[(keys.indexOf(p.key) + int(1, keys.length - 1)) % keys.length]!;
    return { draft: cite(join(p.ws, p.seps), other), expected: `misattributed @${p.key}` };
  }), []);
});

test('reports a sampled passage without a citation as uncited', () => {
  assert.deepEqual(failures((p) => ({ draft: `He once wrote “${join(p.ws, p.seps)}” to a friend.`, expected: `uncited @${p.key}` })), []);
});

test('reports invented sentences as not found', () => {
  const vocabulary = 'quietly purple engine beneath seven ancient lanterns whisper toward marble clocks while hungry violins borrow frozen maps'.split(' ');
  assert.deepEqual(failures(() => {
    const text = Array.from({ length: int(8, 20) }, () => pick(vocabulary)).join(' ');
    return { draft: cite(text, pick(keys)), expected: 'not-found' };
  }), []);
});
