/**
 * Which items a "did you mean" search of `pattern` need look at: a filter in
 * front of Fuse.js, made once per list of items (a part of the corpus's
 * sources, `keyFinder.ts`), so that a search of a corpus of 100,000 sources
 * costs a few milliseconds, not a second.
 *
 * Fuse's bitap finds `pattern` (lowercased, length m) with up to `e` edits
 * inside a field (at most Fuse's threshold, 45% of m); the field scores `e/m`
 * (0.001 at best, 0 for an equal field), an item `Π score^(weight × norm)`
 * over the fields that matched (norm: 1/√(words in the field); a field that
 * did not match counts 1). A pattern found with `e` edits leaves at least
 * `m − 1 − 2e` of its character pairs in the field (an edit breaks at most
 * two), so the pairs a field holds bound its edits from below, and the two
 * fields' bounds the item's score: an item is a candidate when that lower
 * bound is within the search's `maxScore` (0.4 for "did you mean").
 *
 * Only items holding at least one of the pattern's pairs in their key, or in
 * a title of at most five words (past five, a title alone scores over 0.4
 * even holding the pattern exactly), are looked at. So what this can miss is
 * an item whose key holds none of the pattern's pairs and is still found
 * through a long title: a key with about every other character of an odd,
 * short pattern changed, never a slip a writer makes
 * (`test/src/engine/keyCandidates.test.ts` compares the suggestions with Fuse
 * over every key on generated keys and slips).
 *
 * Why written here: Fuse has no index of its own (it scans every item), and
 * this is a few lines over it.
 */

/** Past this many words a title alone scores over 0.4 even holding the pattern exactly (`0.001^(0.3/√6)` is 0.43). */
const MAX_TITLE_WORDS = 5;
/** Room for floating-point rounding in the bounds (they are compared with Fuse's own products). */
const EPSILON = 1e-12;
/** Fuse's bitap cuts a longer pattern into pieces and averages them: the pair bound does not hold, so every item is searched. */
export const MAX_FILTERED_LENGTH = 32;

/** How the search scores: the fields' weights (normalized, as Fuse normalizes them) and Fuse's threshold. */
export interface CandidateScoring {
  readonly keyWeight: number;
  readonly titleWeight: number;
  readonly threshold: number;
}

interface Keyed {
  readonly key: string;
  readonly title?: string;
}

/** A pair of UTF-16 units as one number. */
function pairAt(text: string, i: number): number {
  return text.charCodeAt(i) * 65536 + text.charCodeAt(i + 1);
}

/** Words as Fuse's field norm counts them (runs between its separators: \t to \r, space, no-break space), at least 1. A loop, as Fuse's: a split made a quarter of the filter's cost. */
function fuseWords(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const separator = (c >= 9 && c <= 13) || c === 32 || c === 160;
    if (!separator && !inWord) words++;
    inWord = !separator;
  }
  return Math.max(1, words);
}

/** Fuse's field norm for a field of `words` words (1/√words, rounded to 3 decimals as Fuse rounds it). */
function fuseNorm(words: number): number {
  return Math.round(1000 / Math.sqrt(words)) / 1000;
}

/** The items of a list whose key and title hold enough of a pattern's character pairs to score within a bound. */
export class KeyCandidates<T extends Keyed> {
  /** Pair → the items (ascending, each once) whose lowercased key holds it. */
  private readonly keyPairs: Map<number, Int32Array>;
  /** The same for titles of at most five words that differ from the key. */
  private readonly titlePairs: Map<number, Int32Array>;
  /** Per item, the exponent of its key's and its title's score (weight × norm; 0: no title). */
  private readonly keyPower: Float64Array;
  private readonly titlePower: Float64Array;
  private readonly keyCounts: Int32Array;
  private readonly titleCounts: Int32Array;
  /** Whether an item's title pairs are in `titlePairs` (so its count there is exact). */
  private readonly titleIndexed: Uint8Array;
  private readonly lowerTitles: (string | undefined)[] = [];

  constructor(private readonly items: readonly T[], private readonly scoring: CandidateScoring) {
    const n = items.length;
    this.keyPower = new Float64Array(n);
    this.titlePower = new Float64Array(n);
    this.keyCounts = new Int32Array(n);
    this.titleCounts = new Int32Array(n);
    this.titleIndexed = new Uint8Array(n);
    const keyPairs = new Map<number, number[]>();
    const titlePairs = new Map<number, number[]>();
    items.forEach((item, id) => {
      const key = item.key.toLowerCase();
      addPairs(keyPairs, key, id);
      this.keyPower[id] = scoring.keyWeight * fuseNorm(fuseWords(key));
      const title = (item.title ?? '').toLowerCase();
      if (title === '') return;
      const words = fuseWords(title);
      this.titlePower[id] = scoring.titleWeight * fuseNorm(words);
      if (title !== key && words <= MAX_TITLE_WORDS) {
        addPairs(titlePairs, title, id);
        this.titleIndexed[id] = 1;
      }
    });
    this.keyPairs = packed(keyPairs);
    this.titlePairs = packed(titlePairs);
  }

  /**
   * The items (in the list's order) whose score for `pattern` may be within
   * `maxScore`; undefined when the bound does not apply (a pattern shorter
   * than 2 or longer than 32 characters): search them all.
   */
  candidates(pattern: string, maxScore: number): T[] | undefined {
    const typed = pattern.toLowerCase();
    const m = typed.length;
    if (m < 2 || m > MAX_FILTERED_LENGTH) return undefined;
    // The pattern's pairs, each with how many times it stands in the pattern.
    const times = new Map<number, number>();
    for (let i = 0; i + 1 < m; i++) times.set(pairAt(typed, i), (times.get(pairAt(typed, i)) ?? 0) + 1);
    const touched: number[] = [];
    const { keyCounts, titleCounts } = this;
    for (const [pair, n] of times) {
      for (const id of this.keyPairs.get(pair) ?? []) {
        if (keyCounts[id] === 0 && titleCounts[id] === 0) touched.push(id);
        keyCounts[id] = keyCounts[id]! + n;
      }
      for (const id of this.titlePairs.get(pair) ?? []) {
        if (keyCounts[id] === 0 && titleCounts[id] === 0) touched.push(id);
        titleCounts[id] = titleCounts[id]! + n;
      }
    }
    const pairs = [...times].map(([pair, n]) => ({ text: String.fromCharCode(Math.floor(pair / 65536), pair % 65536), n }));
    const found: number[] = [];
    for (const id of touched) {
      if (this.mayScoreWithin(id, typed, pairs, maxScore)) found.push(id);
      keyCounts[id] = 0;
      titleCounts[id] = 0;
    }
    return found.sort((a, b) => a - b).map((id) => this.items[id]!);
  }

  /** Whether item `id`, its counts made, may score within `maxScore`. */
  private mayScoreWithin(id: number, typed: string, pairs: readonly { text: string; n: number }[], maxScore: number): boolean {
    const m = typed.length;
    const keyBound = this.fieldBound(m, this.keyCounts[id]!, this.keyPower[id]!);
    if (keyBound <= maxScore + EPSILON) return true; // a title can only lower it
    const power = this.titlePower[id]!;
    if (power === 0) return false;
    if (this.titleIndexed[id]) return keyBound * this.fieldBound(m, this.titleCounts[id]!, power) <= maxScore + EPSILON;
    // A long title (or one equal to the key): its pairs are not kept. What the key leaves it to do
    // bounds its edits, so the pairs it must hold; most titles are out at their first missing pair.
    const room = maxScore / keyBound;
    const title = this.lowerTitle(id);
    if (title === typed) return true;
    if (Math.pow(0.001, power) > room + EPSILON) return false; // even an exact occurrence scores too high
    const edits = Math.floor(m * Math.min(this.scoring.threshold, Math.pow(room, 1 / power)) + 1e-9);
    const need = m - 1 - 2 * edits;
    let held = 0;
    let missed = 0;
    for (const p of pairs) {
      if (held >= need) return true;
      if (title.includes(p.text)) held += p.n;
      else if ((missed += p.n) > m - 1 - need) return false;
    }
    return held >= need;
  }

  /** Item `id`'s title, lowercased (kept: a title is read at most once per search, and again by the next). */
  private lowerTitle(id: number): string {
    return this.lowerTitles[id] ??= (this.items[id]!.title ?? '').toLowerCase();
  }

  /** The lowest score a field holding `count` of the pattern's pair positions can give: 1 when it cannot match. */
  private fieldBound(m: number, count: number, power: number): number {
    const edits = Math.max(0, Math.ceil((m - 1 - count) / 2));
    if (edits > this.scoring.threshold * m + 1e-9) return 1;
    return edits === 0 ? 0 : Math.pow(edits / m, power);
  }
}

function addPairs(map: Map<number, number[]>, text: string, id: number): void {
  for (let i = 0; i + 1 < text.length; i++) {
    const pair = pairAt(text, i);
    const list = map.get(pair);
    if (!list) map.set(pair, [id]);
    else if (list[list.length - 1] !== id) list.push(id);
  }
}

/** The lists as typed arrays: a part's lists are kept as long as its corpus version. */
function packed(map: Map<number, number[]>): Map<number, Int32Array> {
  const out = new Map<number, Int32Array>();
  for (const [pair, list] of map) out.set(pair, Int32Array.from(list));
  return out;
}
