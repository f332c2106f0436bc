import type { Quote } from './model.js';

/**
 * A quote whose `textOffsets` are made the first time they are read, then kept:
 * a quotation the check does not compare (over the word limit, under the minimum)
 * never needs them, and 900 K characters of them cost 25-35 ms of CPU here.
 * The property is an ordinary enumerable one to every reader (spread, JSON,
 * `deepStrictEqual`), and stands where it always stood, after `text`. `offsets`
 * should hold no more than it needs (`Prose.laterOffsets`): a parsed draft is kept,
 * and a closure over a block's whole prose would keep that too.
 */
export function quoteWithLazyOffsets(head: Pick<Quote, 'kind' | 'text'>, offsets: () => number[], rest: Omit<Quote, 'kind' | 'text' | 'textOffsets'>): Quote {
  const quote = { kind: head.kind, text: head.text } as Quote;
  Object.defineProperty(quote, 'textOffsets', {
    enumerable: true,
    configurable: true,
    get(this: Quote) {
      const value = offsets();
      Object.defineProperty(this, 'textOffsets', { value, enumerable: true, configurable: true, writable: true });
      return value;
    },
  });
  return Object.assign(quote, rest);
}
