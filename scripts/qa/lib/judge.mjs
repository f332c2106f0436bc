// Decides whether a verdict is right for a case, and whether a wrong one is a
// real failure or a design-level ambiguity.
import { forEachWord, isNegation, normalizeWord } from '../../../server/out/text/tokenize.js';

const normalized = new Map();

/** The source's words, normalized, as ` a b c ` (built once per source, on demand). */
function normText(source) {
  let t = normalized.get(source.key);
  if (t === undefined) {
    const parts = [];
    forEachWord(source.text, (s, e) => { parts.push(normalizeWord(source.text.slice(s, e))); }, source.bodyStart);
    t = ' ' + parts.join(' ') + ' ';
    normalized.set(source.key, t);
  }
  return t;
}

/** Whether `source` holds `words` word for word (case, quotes, dashes ignored). */
export function holds(source, words) {
  const norms = [];
  for (const w of words) forEachWord(w, (s, e) => { norms.push(normalizeWord(w.slice(s, e))); });
  return normText(source).includes(' ' + norms.join(' ') + ' ');
}

/** `mismatch @key: number “42”→“32”`. */
export function describe(v) {
  if (!v) return 'no verdict';
  const where = v.passage ? ` @${v.passage.key}` : '';
  const diffs = v.diffs.map((d) => `${d.kind} “${d.quote}”→“${d.source}”`).join(', ');
  return `${v.kind}${where}${diffs ? ': ' + diffs : ''}`;
}

function expectedText(e) {
  return `${e.kind}${e.kind === 'not-found' ? '' : ' @' + (e.kind === 'misattributed' || e.kind === 'uncited' ? '(a holder, e.g. ' + e.key + ')' : e.key)}${e.diff ? ': ' + e.diff : ''}`;
}

/** `{ status: 'ok'|'ok-alt'|'ambiguous'|'fail'|'wrong-diff', expected, actual, note }` */
export function judge(c, report, passage, sources) {
  const e = c.expect;
  const expected = expectedText(e);
  const res = (status, note = '') => ({ status, expected, actual, note });
  const v = report.verdicts.length === 1 ? report.verdicts[0] : undefined;
  const actual = v ? describe(v) : `${report.verdicts.length} verdicts: ${report.verdicts.map(describe).join(' | ')}`;
  if (!v) return res('fail', 'the draft did not parse as one checked quotation');
  const byKey = (k) => sources.find((s) => s.key === k);
  const words = c.mutated ?? passage.words.map((w) => w.text);
  const quoteWords = v.quote.wordCount;

  const verdict = (() => { switch (e.kind) {
    case 'verbatim':
      if (v.kind === 'verbatim' && v.passage?.key === e.key) return res('ok');
      return res('fail');
    case 'spelling':
      if (v.kind === 'spelling' && v.passage?.key === e.key) return res('ok');
      if (v.kind === 'verbatim' && v.passage?.key === e.key) return res('ok-alt', 'the respelled words are verbatim in the cited source');
      return res('fail');
    case 'mismatch': {
      if (v.kind === 'mismatch' && v.passage?.key === e.key) {
        if (e.exactKey && !(v.exactIn && holds(byKey(v.exactIn.key), words))) return res('fail', `the message must name a source with the exact words, such as @${e.exactKey}`);
        if (e.clean && /[[\]{}]/.test(v.passage.wording.replace(/\s+/g, ' ').replace(/\[|\]/g, (c) => (c))) && !/[[\]{}]/.test(passage.text)) {
          return res('fail', 'the source wording a fix writes holds an editorial artifact');
        }
        if (e.diff !== 'scanning-error' && v.diffs.some((d) => d.kind === 'scanning-error')) return res('fail', "a writer's change was put down to a scanning error");
        if (v.diffs.some((d) => d.kind === e.diff)) return res('ok');
        if ((c.tags ?? []).includes('drops-a-negation') && v.diffs.some((d) => d.kind === 'negation-dropped')) return res('ok', 'a dropped negation is reported as such');
        if ((c.tags ?? []).includes('drops-a-number') && v.diffs.some((d) => d.kind === 'number')) return res('ok', 'a dropped number is reported as a number change');
        const removed = c.dropped ? normalizeWord(c.dropped) : '';
        if (e.diff === 'dropped' && /^\d/.test(removed) && v.diffs.some((d) => d.kind === 'number')) return res('ok', 'a dropped number is reported as a number change');
        if (e.diff === 'dropped' && isNegation(removed) && v.diffs.some((d) => d.kind === 'negation-dropped')) return res('ok', 'a dropped negation is reported as such');
        if ((c.tags ?? []).includes('swaps-a-number') && v.diffs.some((d) => d.kind === 'number')) return res('ok', 'a swap with a number is reported as a number change');
        if ((c.tags ?? []).includes('adjacent-repeat')) return res('ambiguous', 'the dropped words repeat a word beside them');
        const edge = c.at <= 1 || c.at >= c.mutated.length - 2;
        return res('wrong-diff', edge ? 'the change is at the quotation\'s edge' : 'inside the quotation');
      }
      const cited = byKey(e.key);
      if (holds(cited, words)) return v.kind === 'verbatim' ? res('ok-alt', 'the mutated words are verbatim elsewhere in the cited source') : res('fail', 'the mutated words are verbatim in the cited source');
      if (v.kind === 'misattributed' && holds(byKey(v.passage.key), words)) return res('ok-alt', 'the mutated words are verbatim in another source');
      if ((c.tags ?? []).includes('adjacent-repeat') && v.kind === 'verbatim') return res('ambiguous', 'dropped word repeats beside it');
      if (v.kind === 'not-found' && Math.min(quoteWords, passage.words.length) < 5) return res('ambiguous', 'short quote with a mutation reported as not found');
      if (v.kind === 'not-found' && e.diff === 'swapped' && quoteWords <= 7) return res('ambiguous', `a swap costs two edits: ${quoteWords}-word quote below the closeness threshold`);
      if (v.kind === 'misattributed' && v.passage && holds(byKey(v.passage.key), passage.words.map((w) => w.text))) {
        return res('ambiguous', 'the original passage is also in an uncited source; the close match there was preferred');
      }
      return res('fail');
    }
    case 'misattributed': {
      if (v.kind === 'misattributed' && v.passage && (v.passage.key === e.key || holds(byKey(v.passage.key), words))) return res('ok');
      if (v.kind === 'verbatim' && holds(byKey(e.citeKey), words)) return res('ok-alt', 'the wrongly cited source holds the words too');
      return res('fail');
    }
    case 'uncited':
      return v.kind === 'uncited' ? res('ok') : res('fail');
    case 'not-found':
      return v.kind === 'not-found' ? res('ok') : res('fail');
  }
  return res('fail', 'unknown expectation');
  })();
  if (verdict.status === 'fail' && passage.tags.includes('source-brackets')) {
    return { ...verdict, status: 'ambiguous', note: 'the source has [brackets]: in a draft they read as editorial marks' };
  }
  if (verdict.status === 'fail' && passage.tags.includes('source-ellipsis')) {
    return { ...verdict, status: 'ambiguous', note: 'the source has an ellipsis: in a draft it reads as an omission mark' };
  }
  return verdict;
}
