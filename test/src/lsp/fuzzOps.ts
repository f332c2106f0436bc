/**
 * The operations of the language server's differential stress test, and a
 * seeded generator of them. An operation is plain data (it prints as JSON and
 * replays as is); `applyOp` gives its effect on the model of the workspace
 * that the oracle checks against. Nothing here talks to a server.
 */
import { seededRandom } from '../../../server/out/index/quoteSampler.js';
import { HARBOR, LINCOLN, REPORT } from '../fixtures/smallCorpus.js';
import { DRAFT } from './fixtures.js';

/** One change of a draft's text: at a UTF-16 offset, remove some units and insert text. */
export interface Splice { at: number; remove: number; insert: string }

export type RequestMethod = 'hover' | 'codeAction' | 'documentLink' | 'completion' | 'definition';

/** A corpus file (path relative to the workspace) written, or deleted (null); a deleted path without an extension is a folder. */
export interface FileChange { path: string; text: string | null }

export type Op =
  /**
   * First, when present: `filler` more small sources in `corpus/filler/`, and `early`: the
   * operations start before the first index is done (only edits, requests, closes and reopens
   * until then; a corpus or settings change or a check waits for it). `links`: the corpus also
   * holds hostile symbolic links (`HOSTILE_LINKS`) that the server must not follow; the model
   * (and so the oracle) has none of them, so whatever the server read through one shows as a divergence.
   */
  | { kind: 'setup'; filler: number; early: boolean; links?: boolean }
  /** Splices applied in order (each to the result of the one before), sent as ranged changes or as the whole new text. */
  | { kind: 'edit'; draft: number; splices: Splice[]; whole: boolean; why: string }
  /** A request at an offset; `cancel`: its `$/cancelRequest` goes in the same write; `wait`: its answer is awaited. */
  | { kind: 'request'; draft: number; method: RequestMethod; at: number; cancel: boolean; wait: boolean }
  /** Corpus files written or deleted, then announced in one watched-files notification. */
  | { kind: 'corpus'; changes: FileChange[]; why: string }
  /** `verbatim.rebuildIndex` (its answer awaited before the next corpus or settings change) or `verbatim.checkAllDrafts`. */
  | { kind: 'command'; command: 'rebuild' | 'checkAll' }
  | { kind: 'close'; draft: number }
  /** Reopens a closed draft with this text (a new document version 1). */
  | { kind: 'open'; draft: number; text: string }
  /** New settings: the corpus folders (`corpus`, and sometimes `extra`), the minimum quote length, a code switched off. */
  | { kind: 'config'; roots: string[]; minQuoteWords: number; off: string | null }
  /** Wait until the server is quiet, then compare it with the oracle. */
  | { kind: 'check' };

export interface DraftModel { readonly path: string; text: string; open: boolean; readonly history: string[] }

/** What the workspace holds: the oracle checks these texts against this corpus with these settings. */
export interface Model {
  readonly drafts: DraftModel[];
  /** Corpus files by path relative to the workspace, e.g. `corpus/report.txt`. */
  readonly corpus: Map<string, string>;
  /** The corpus folders of the settings, relative to the workspace. */
  roots: string[];
  minQuoteWords: number;
  /** A diagnostic code switched off in the settings, if any. */
  off: string | null;
}

const SPEECH = `---
title: Speech at the Harbor
id: speech
---
We have come to see the boats return. The harbor reopened on Monday, and the town is glad of it.
Nothing of the kind was ever written anywhere before this day.
`;

const LETTER = `A Letter Home

Dear mother, the army moved 300 soldiers to the border and we went with them.
We cannot escape history, the captain said, not even here.
`;

/** Files the generator writes into the corpus (several share a key: `report.txt`/`report.md`, `speech`). */
const CORPUS_FILES: Record<string, string[]> = {
  'corpus/lincoln.md': [LINCOLN, LINCOLN.replace('escape history', 'escape the history'), LINCOLN.replace('fiery trial', 'fiery ordeal')],
  'corpus/report.txt': [REPORT, REPORT.replace('300', '500'), REPORT.replace('not taken', 'taken')],
  'corpus/harbor.txt': [HARBOR, HARBOR.replace('nine', 'ten')],
  'corpus/report.md': [REPORT.replace('300', '400'), `---\nid: harbor\n---\n${HARBOR.replace('Monday', 'Sunday')}`],
  'corpus/notes/speech.md': [SPEECH, SPEECH.replace('boats', 'ships')],
  'corpus/letter.txt': [LETTER, '   \n', LETTER.replace('mother', 'father')],
  // A second corpus folder, when the settings name it: `extra/report.txt` loses @report to `corpus/report.txt`.
  'extra/report.txt': [REPORT.replace('300', '600')],
  'extra/storm.md': ['# Storm Notes\n\nThe storm had closed the harbor for nine days, and the army moved 300 soldiers to the border.\n'],
};

/** Text outside the corpus folders, which a link points to: no diagnostic or hover may ever show it. */
export const OUTSIDE_TEXT = 'Deploy Notes\n\nThe deploy token for the harbor office is kept in the vault and never leaves the build machine.\n';

/** Symbolic links a `links` setup adds (path relative to the workspace -> target): out of the corpus, loops, a second way in. */
export const HOSTILE_LINKS: Record<string, string> = {
  'corpus/leak.txt': '../outside/secret.txt',
  'corpus/outdir': '../outside',
  'corpus/loop/up': '..',
  'corpus/self': '.',
  'corpus/alias.md': 'lincoln.md',
};

export const INITIAL_CORPUS: Record<string, string> = {
  'corpus/lincoln.md': LINCOLN,
  'corpus/report.txt': REPORT,
  'corpus/letter.txt': LETTER,
};

const SECOND_DRAFT = `# Notes

> Fellow-citizens, we cannot escape history. We of this Congress will be remembered in spite of ourselves.
[@lincoln]

As the letter says, “the army moved 300 soldiers to the border and we went with them” [@letter; @report].
“The harbor reopened on Monday” [@harbor], and “Fishing boats returned before dawn” (@harbor).
`;

export const INITIAL_DRAFTS: readonly { path: string; text: string }[] = [
  { path: 'draft.md', text: DRAFT },
  { path: 'notes/second.md', text: SECOND_DRAFT },
  { path: 'third.md', text: 'A short draft that says “we cannot escape history” [@lincoln].\n' },
];

export function initialModel(): Model {
  return {
    drafts: INITIAL_DRAFTS.map((d) => ({ path: d.path, text: d.text, open: true, history: [] })),
    corpus: new Map(Object.entries(INITIAL_CORPUS)),
    roots: ['corpus'],
    minQuoteWords: 4,
    off: null,
  };
}

/** Applies `op` to the model (splices are clamped to the text, so a shortened log still replays). */
export function applyOp(model: Model, op: Op): void {
  if (op.kind === 'setup') {
    for (let i = 0; i < op.filler; i++) model.corpus.set(`corpus/filler/f${String(i).padStart(4, '0')}.txt`, fillerText(i));
  } else if (op.kind === 'edit') {
    const draft = model.drafts[op.draft]!;
    draft.history.push(draft.text);
    for (const s of op.splices) draft.text = splice(draft.text, clampSplice(draft.text, s));
  } else if (op.kind === 'corpus') {
    for (const change of op.changes) applyFileChange(model, change);
  } else if (op.kind === 'close') {
    model.drafts[op.draft]!.open = false;
  } else if (op.kind === 'open') {
    const draft = model.drafts[op.draft]!;
    draft.open = true;
    draft.text = op.text;
  } else if (op.kind === 'config') {
    model.roots = op.roots;
    model.minQuoteWords = op.minQuoteWords;
    model.off = op.off;
  }
}

const FILLER_WORDS = ['harbor', 'storm', 'boats', 'army', 'border', 'history', 'trial', 'the', 'of', 'and', 'town', 'north', 'ships', 'dawn', 'day'];

/** A small source of common words (so the matcher has near misses to reject), the same for the same `i`. */
export function fillerText(i: number): string {
  const rand = seededRandom(1_000_003 * (i + 1));
  const words = Array.from({ length: 40 + Math.floor(rand() * 80) }, () => FILLER_WORDS[Math.floor(rand() * FILLER_WORDS.length)]!);
  return `Filler ${i}\n\n${words.join(' ')}.\n`;
}

export function applyFileChange(model: Model, change: FileChange): void {
  if (change.text !== null) { model.corpus.set(change.path, change.text); return; }
  for (const path of [...model.corpus.keys()]) if (path === change.path || path.startsWith(`${change.path}/`)) model.corpus.delete(path);
}

export function clampSplice(text: string, s: Splice): Splice {
  const at = lspOffset(text, Math.min(s.at, text.length));
  const end = lspOffset(text, Math.max(at, Math.min(s.at + s.remove, text.length)));
  return { at, remove: end - at, insert: s.insert };
}

/**
 * An offset an LSP position can name: never between the \r and \n of a line end
 * (a server reads such a position as the end of the line, before the \r).
 */
export function lspOffset(text: string, offset: number): number {
  return offset > 0 && text.charCodeAt(offset - 1) === 13 && text.charCodeAt(offset) === 10 ? offset - 1 : offset;
}

export function splice(text: string, s: Splice): string {
  return text.slice(0, s.at) + s.insert + text.slice(s.at + s.remove);
}

type Rand = () => number;
const int = (rand: Rand, lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = <T>(rand: Rand, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;

const WORDS = ['not', 'never', 'history', 'army', 'the', 'border', '300', 'soldiers', 'trial', 'harbor', 'storm', 'we', 'cannot', 'Monday', 'dawn', 'très', '—', 'naïve', '🙂'];
const KEYS = ['lincoln', 'report', 'harbor', 'letter', 'speech', 'lincon', 'notes/speech', 'nobody'];
// Line ends as Windows editors send them, and a lone \r (a line end to LSP too).
const MARKDOWN = ['**', '`', '[', '[@', '[@rep', '# ', '> ', '- ', '```\n', '\n\n', '<!-- ', ' -->', '[^1]', '"', '“', '”', '*', '\n> ', '\r\n', '\r'];

/** Phrases to quote: runs of words from every text the corpus may hold, so some quotes are verbatim. */
const PHRASES = [...Object.values(CORPUS_FILES).flat(), OUTSIDE_TEXT].flatMap((text) => text.split(/(?<=[.!?])\s+|\n/))
  .map((s) => s.trim().replace(/[.,]$/, '')).filter((s) => s.split(' ').length >= 3 && !s.startsWith('---') && !/^\w+:/.test(s));

/** The spans of quotations in `text` (curly or straight), found roughly as a writer sees them. */
function quoteSpans(text: string): { start: number; end: number }[] {
  return [...text.matchAll(/“[^”\n]*”|"[^"\n]*"/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
}

/** Offsets worth pointing at: inside quotations and citation keys, else anywhere. */
export function interestingOffset(rand: Rand, text: string): number {
  const spots = [...quoteSpans(text).map((q) => q.start + 1 + Math.floor(rand() * Math.max(1, q.end - q.start - 2))),
    ...[...text.matchAll(/@[\w/]+/g)].map((m) => m.index! + 1)];
  return lspOffset(text, spots.length > 0 && rand() < 0.8 ? pick(rand, spots) : int(rand, 0, text.length));
}

/** A change a writer might make, as splices on `text`. */
function draftEdit(rand: Rand, text: string): { splices: Splice[]; why: string } {
  const quotes = quoteSpans(text);
  const wordsIn = (from: number, to: number) => [...text.slice(from, to).matchAll(/\S+\s?/g)].map((m) => ({ at: from + m.index!, length: m[0].length }));
  const r = rand();
  if (r < 0.15 && quotes.length > 0) {
    const q = pick(rand, quotes);
    const gaps = [...text.slice(q.start, q.end).matchAll(/ /g)].map((m) => q.start + m.index! + 1);
    return { splices: [{ at: gaps.length > 0 ? pick(rand, gaps) : q.start + 1, remove: 0, insert: `${pick(rand, WORDS)} ` }], why: 'insert a word in a quote' };
  }
  if (r < 0.3) {
    const q = quotes.length > 0 && rand() < 0.7 ? pick(rand, quotes) : { start: 0, end: text.length };
    const words = wordsIn(q.start, q.end);
    if (words.length > 0) { const w = pick(rand, words); return { splices: [{ at: w.at, remove: w.length, insert: '' }], why: 'delete a word' }; }
  }
  if (r < 0.4) {
    const numbers = [...text.matchAll(/\d+/g)];
    if (numbers.length > 0) {
      const m = pick(rand, numbers);
      return { splices: [{ at: m.index!, remove: m[0].length, insert: String(pick(rand, [300, 500, 400, 3, 1862])) }], why: 'change a number' };
    }
  }
  if (r < 0.5 && quotes.length > 0) {
    const q = pick(rand, quotes);
    return { splices: [{ at: q.end, remove: 0, insert: ` [@${pick(rand, KEYS)}]` }], why: 'add a citation' };
  }
  if (r < 0.58) {
    const cites = [...text.matchAll(/ ?\[[^\]\n]*@[^\]\n]*\]/g)];
    if (cites.length > 0) { const m = pick(rand, cites); return { splices: [{ at: m.index!, remove: m[0].length, insert: '' }], why: 'remove a citation' }; }
  }
  if (r < 0.68) {
    const marks = [...text.matchAll(/[“”"]/g)];
    if (marks.length > 0 && rand() < 0.5) { const m = pick(rand, marks); return { splices: [{ at: m.index!, remove: 1, insert: '' }], why: 'remove a quote mark' }; }
    return { splices: [{ at: int(rand, 0, text.length), remove: 0, insert: pick(rand, ['“', '”', '"']) }], why: 'add a quote mark' };
  }
  if (r < 0.76) return { splices: [{ at: int(rand, 0, text.length), remove: 0, insert: pick(rand, MARKDOWN) }], why: 'half-typed Markdown' };
  if (r < 0.88) {
    const lineEnds = [...text.matchAll(/\n/g)].map((m) => m.index!);
    const at = lineEnds.length > 0 ? pick(rand, lineEnds) : text.length;
    const phrase = pick(rand, PHRASES);
    const words = phrase.split(' ');
    const from = int(rand, 0, Math.max(0, words.length - 4));
    const quoted = words.slice(from, from + int(rand, 3, 12)).join(' ');
    const cite = rand() < 0.8 ? ` [@${pick(rand, KEYS)}]` : '';
    const sentence = rand() < 0.2 ? `\n\n> ${quoted}\n${cite.trim()}\n` : `\nShe wrote “${quoted}”${cite}.`;
    return { splices: [{ at, remove: 0, insert: sentence }], why: 'add a quoted sentence' };
  }
  if (r < 0.94) {
    const at = int(rand, 0, text.length);
    return { splices: [{ at, remove: int(rand, 1, 40), insert: '' }], why: 'delete a stretch' };
  }
  if (r < 0.965) {
    // Pathological Markdown and quotations (issue 11): each must parse in linear time and cost at most one finding.
    const lineEnds = [...text.matchAll(/\n/g)].map((m) => m.index!);
    const at = lineEnds.length > 0 ? pick(rand, lineEnds) : text.length;
    const phrase = pick(rand, PHRASES);
    const hostile = pick(rand, [
      () => '- '.repeat(int(rand, 100, 3000)),
      () => 'a\n=\n'.repeat(int(rand, 10, 800)),
      () => 'a.'.repeat(int(rand, 100, 5000)),
      () => '> '.repeat(int(rand, 20, 2000)) + phrase,
      () => `> “${phrase}” ${'- '.repeat(int(rand, 10, 2000))}x [@${pick(rand, KEYS)}]\n`,
      () => `> “${phrase}” —${' '.repeat(int(rand, 10, 5000))}[@${pick(rand, KEYS)}]\n`,
      () => `He said “${`${phrase} ... `.repeat(int(rand, 10, 400))}end” [@${pick(rand, KEYS)}].`,
      () => `A long one: “${`${phrase} `.repeat(int(rand, 150, 500))}” [@${pick(rand, KEYS)}].`,
      () => '@lincoln [x '.repeat(int(rand, 10, 1000)),
    ])();
    return { splices: [{ at, remove: 0, insert: `\n\n${hostile}\n\n` }], why: 'paste pathological Markdown' };
  }
  // Two changes in one notification, as multi-cursor editing sends.
  const a = int(rand, 0, text.length);
  return { splices: [{ at: a, remove: 0, insert: pick(rand, WORDS) + ' ' }, { at: int(rand, 0, a), remove: int(rand, 0, 3), insert: pick(rand, MARKDOWN) }], why: 'two changes at once' };
}

function fileChange(rand: Rand, model: Model): { change: FileChange; why: string } {
  const present = [...model.corpus.keys()];
  if (present.some((p) => p.startsWith('corpus/notes/')) && rand() < 0.08) return { change: { path: 'corpus/notes', text: null }, why: 'delete a folder of sources' };
  if (present.length > 1 && rand() < 0.2) return { change: { path: pick(rand, present), text: null }, why: 'delete a source' };
  if (present.length > 0 && rand() < 0.3) {
    const path = pick(rand, present);
    const text = model.corpus.get(path)!;
    const numbers = [...text.matchAll(/\d+/g)];
    if (numbers.length > 0 && rand() < 0.5) {
      const m = pick(rand, numbers);
      return { change: { path, text: splice(text, { at: m.index!, remove: m[0].length, insert: String(int(rand, 1, 999)) }) }, why: 'change a number in a source' };
    }
    return { change: { path, text: `${text}We cannot escape history, and the army moved ${int(rand, 1, 9)}00 soldiers.\n` }, why: 'append to a source' };
  }
  const path = pick(rand, Object.keys(CORPUS_FILES));
  return { change: { path, text: pick(rand, CORPUS_FILES[path]!) }, why: model.corpus.has(path) ? 'rewrite a source' : 'add a source' };
}

/** One corpus change, or a few announced together (as a branch switch or a sync does). */
function corpusOp(rand: Rand, model: Model): Op {
  const count = rand() < 0.2 ? int(rand, 2, 3) : 1;
  const changes: FileChange[] = [];
  const whys: string[] = [];
  // Each change is made on the corpus as the ones before it left it; the model is restored for `applyOp`.
  const before = new Map(model.corpus);
  for (let i = 0; i < count; i++) {
    const { change, why } = fileChange(rand, model);
    applyFileChange(model, change);
    changes.push(change);
    whys.push(why);
  }
  model.corpus.clear();
  for (const [path, text] of before) model.corpus.set(path, text);
  return { kind: 'corpus', changes, why: whys.join('; ') };
}

/**
 * The operations of one seed: edits, requests (some cancelled), corpus and
 * settings changes, closes and reopens, with a `check` every few steps and at the end.
 * `generateOps(7, 40)` is always the same list.
 */
export function generateOps(seed: number, steps: number): Op[] {
  const rand = seededRandom(seed);
  const model = initialModel();
  const ops: Op[] = [];
  const push = (op: Op) => { ops.push(op); applyOp(model, op); };
  // One seed in three: a corpus big enough that the first index takes a while, and work starts before it is done.
  // One in two: hostile symbolic links in the corpus.
  const filler = rand() < 0.34 ? int(rand, 100, 600) : 0;
  const early = filler > 0 && rand() < 0.8;
  const links = rand() < 0.5;
  if (filler > 0 || links) push({ kind: 'setup', filler, early, ...(links ? { links } : {}) });
  let sinceCheck = 0;
  for (let step = 0; step < steps; step++) {
    const d = int(rand, 0, model.drafts.length - 1);
    const draft = model.drafts[d]!;
    const r = rand();
    if (!draft.open) {
      if (r < 0.5) {
        const text = rand() < 0.7 ? draft.text : draft.history[int(rand, 0, Math.max(0, draft.history.length - 1))] ?? draft.text;
        push({ kind: 'open', draft: d, text });
      }
    } else if (r < 0.45) {
      const burst = rand() < 0.15 ? int(rand, 2, 6) : 1;
      for (let i = 0; i < burst; i++) {
        const edit = draftEdit(rand, draft.text);
        push({ kind: 'edit', draft: d, ...edit, whole: rand() < 0.25 });
      }
    } else if (r < 0.5 && draft.history.length > 0) {
      const earlier = draft.history[int(rand, 0, draft.history.length - 1)]!;
      push({ kind: 'edit', draft: d, splices: [{ at: 0, remove: draft.text.length, insert: earlier }], whole: rand() < 0.5, why: 'undo to an earlier text' });
    } else if (r < 0.72) {
      const method = pick(rand, ['hover', 'hover', 'codeAction', 'codeAction', 'documentLink', 'completion', 'definition'] as const);
      push({ kind: 'request', draft: d, method, at: interestingOffset(rand, draft.text), cancel: rand() < 0.5, wait: rand() < 0.4 });
    } else if (r < 0.85) {
      push(corpusOp(rand, model));
    } else if (r < 0.9) {
      push({ kind: 'close', draft: d });
    } else if (r < 0.93) {
      push({ kind: 'command', command: rand() < 0.6 ? 'rebuild' : 'checkAll' });
    } else {
      const roots = rand() < 0.25 ? (model.roots.length === 1 ? ['corpus', 'extra'] : ['corpus']) : model.roots;
      push({ kind: 'config', roots, minQuoteWords: pick(rand, [1, 2, 3, 4, 4, 5, 7]), off: rand() < 0.3 ? pick(rand, ['quote-mismatch', 'uncited-quote', 'unknown-source']) : null });
    }
    if (++sinceCheck >= int(rand, 3, 9)) { push({ kind: 'check' }); sinceCheck = 0; }
  }
  push({ kind: 'check' });
  return ops;
}
