/**
 * The document's own words, to decide what a line-end hyphen or a glyph
 * without text stands for: how often each word appears whole, and how often
 * each hyphenated compound appears within a line.
 */
export interface Vocabulary {
  /** Lower-cased words as they appear whole (not split at a line end, no missing glyph). */
  readonly words: Map<string, number>;
  /** Lower-cased compounds seen within a line ("well-known"). */
  readonly compounds: Map<string, number>;
}

const WORD = /[\p{L}\p{M}\0]+(?:[-\u2010][\p{L}\p{M}\0]+)*/gu;

/** Counts the words of `lines`, leaving out the halves of a word hyphenated across two lines. */
export function vocabularyOf(lines: Iterable<string>): Vocabulary {
  const words = new Map<string, number>();
  const compounds = new Map<string, number>();
  let skipFirst = false;
  for (const line of lines) {
    const endsHyphen = /[\p{L}][-\u00ad\u2010]$/u.test(line);
    WORD.lastIndex = 0;
    let m: RegExpExecArray | null;
    let first = true;
    while ((m = WORD.exec(line))) {
      const token = m[0];
      const isFirst = first;
      first = false;
      if (isFirst && skipFirst) continue;
      if (endsHyphen && m.index + token.length === line.length - 1) continue;
      if (token.includes('\0')) continue;
      const lower = token.toLowerCase();
      if (/[-\u2010]/.test(lower)) {
        const compound = lower.replace(/\u2010/g, '-');
        compounds.set(compound, (compounds.get(compound) ?? 0) + 1);
      } else words.set(lower, (words.get(lower) ?? 0) + 1);
    }
    skipFirst = endsHyphen;
  }
  return { words, compounds };
}
