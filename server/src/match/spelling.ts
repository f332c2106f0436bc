import { isNegation, isNumberWord } from '../text/tokenize.js';

/**
 * Spelling variants: two spellings of the same words, which say nothing
 * different. The rules (each applied to both sides, so only a pair that
 * differs in exactly these ways compares equal):
 * - split, joined and hyphenated compounds: `can not`/`cannot`, `to-day`/`today`
 *   (the tokenizer splits at the hyphen, so the words joined are compared);
 * - British and American endings: `-our`/`-or` (labour), `-re`/`-er` (centre),
 *   `-ise`/`-ize`, `-yse`/`-yze`, a doubled `l` before `-ed`/`-ing`/`-er`/`-or`
 *   (travelled), `-ence`/`-ense` (defence, expence), `-ance`/`-ence` in long
 *   words (dependancies), `-ogue`/`-og`, and a short list of pairs (grey/gray);
 * - archaic inflections: `'d`/`ed` (mov'd), `'st`/`est`, `-pt`/`-pped` (whipt);
 * - `&` for `and` (see `isAmpersandAnd`).
 * Numbers and negations are never variants: `thirty` for `30` and `can` for
 * `cannot` stay changed words.
 * `isSpellingVariant(['labour'], ['labor'])` and `isSpellingVariant(['to', 'day'], ['today'])` are true.
 */
export function isSpellingVariant(quote: readonly string[], source: readonly string[]): boolean {
  if (quote.length === 0 || source.length === 0) return false;
  if (quote.some(isNumberWord) || source.some(isNumberWord)) return false;
  if (quote.filter(isNegation).length !== source.filter(isNegation).length && quote.join('') !== source.join('')) return false;
  const q = quote.map(canonical);
  const s = source.map(canonical);
  if (q.length === s.length) {
    if (q.every((w, i) => w === s[i])) return true;
    if (q.length === 1) return false;
  }
  // A compound written apart, joined or hyphenated: the same letters, and not a join that means something else.
  const joined = q.join('');
  if (joined !== s.join('')) return false;
  const whole = q.length === 1 ? quote[0]! : source.length === 1 ? source[0]! : '';
  return !JOINS_THAT_DIFFER.has(whole);
}

/** Joined words whose parts written apart say something else (`a part`, `may be`). */
const JOINS_THAT_DIFFER = new Set(['apart', 'away', 'maybe', 'ahead', 'aside', 'along', 'alone', 'anyway', 'everyday', 'awhile', 'abroad', 'into', 'onto']);

/** Pairs no ending rule covers, each written as the form it compares as. */
const PAIRS: Readonly<Record<string, string>> = {
  grey: 'gray', greys: 'grays', behove: 'behoove', behoves: 'behooves', behoved: 'behooved', gaol: 'jail', gaols: 'jails',
  plough: 'plow', ploughs: 'plows', ploughed: 'plowed', shew: 'show', shewn: 'shown', shewed: 'showed', shews: 'shows',
  connexion: 'connection', connexions: 'connections', waggon: 'wagon', waggons: 'wagons', programme: 'program',
  programmes: 'programs', judgement: 'judgment', judgements: 'judgments', mould: 'mold', moulds: 'molds', ageing: 'aging',
  acknowledgement: 'acknowledgment', despatch: 'dispatch', despatched: 'dispatched', enquire: 'inquire', enquiry: 'inquiry',
  enquiries: 'inquiries', recognise: 'recognize', oftentimes: 'oftentimes', ax: 'axe', tho: 'though', thro: 'through',
  burthen: 'burden', burthens: 'burdens', chuse: 'choose', compleat: 'complete', publick: 'public', musick: 'music',
  antient: 'ancient', antients: 'ancients', shewing: 'showing', cloathes: 'clothes', cloaths: 'clothes', sate: 'sat',
};

/**
 * The form a word compares as for spelling: archaic and British endings turned
 * to one spelling. Only endings are touched, and only where the stem is long
 * enough that no other common word takes the same form (`four` is not `for`).
 */
export function canonical(word: string): string {
  let w = word.replace(/’/g, "'");
  const pair = PAIRS[w];
  if (pair !== undefined) return pair;
  if (/^\p{L}{3,}'(?:d|st)$/u.test(w)) w = w.replace(/'(d|st)$/, 'e$1').replace(/ee(d|st)$/, 'e$1');
  w = w
    .replace(/^(\p{L}*[aeiou])pt$/u, '$1pped')
    .replace(/^(\p{L}{2,}[^aeou\W])our(s|ed|ing|able|ably|ite|ites|er|ers|ful|less|ist|ists|ism|hood|ly)?$/u, '$1or$2')
    .replace(/^(\p{L}{2,}[bcgt])re$/u, '$1er')
    .replace(/^(\p{L}{2,})is(e|es|ed|ing|ation|ations|er|ers)$/u, '$1iz$2')
    .replace(/^(\p{L}{2,})ys(e|es|ed|ing)$/u, '$1yz$2')
    .replace(/^(\p{L}*[aeiou]\p{L}*[^aeiou]+[aeiou])ll(ed|ing|er|ers|or|ors)$/u, '$1l$2')
    .replace(/^(\p{L}{2,})ogue(s)?$/u, '$1og$2');
  if (w.length >= 8) w = w.replace(/an(ce|ces|cy|cies)$/u, 'en$1');
  if (w.length >= 6) w = w.replace(/ence(s)?$/u, 'ense$1');
  return w;
}

/**
 * An `and` written `&` on the other side, either way (`&` is no word, so the
 * alignment sees the `and` dropped or added): `andNorms` are the one side's
 * words, `between` the other side's text where the word is missing. The `&`
 * must stand alone: `&c.` is "etc.", not "and".
 */
export function isAmpersandAnd(andNorms: readonly string[], between: string): boolean {
  return andNorms.length === 1 && andNorms[0] === 'and' && /(?<![\p{L}\p{N}])&(?![\p{L}\p{N}])/u.test(between);
}
