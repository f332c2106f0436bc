/** Items sorted by `Array.prototype.sort` at once; then merged in steps of this many. */
const RUN = 1024;
const MERGE_STEP = 4096;

/**
 * A stable sort of `items` (a new array) on the server's thread in slices:
 * runs of 1,024 sorted by `Array.prototype.sort`, then merged bottom-up, with
 * `due()` (`timeSlices`) asked every few thousand items and awaited when the
 * slice is over. The same order as `[...items].sort(compare)`. Why: sorting
 * 100,000 sources for Open Source's list held every request (bench/README.md,
 * "Requests behind hostile scale").
 * `await sortInSlices(['b', 'a'], (x, y) => (x < y ? -1 : 1), timeSlices())` is `['a', 'b']`.
 */
export async function sortInSlices<T>(items: readonly T[], compare: (a: T, b: T) => number, due: () => Promise<void> | undefined): Promise<T[]> {
  let from = items.slice();
  for (let lo = 0; lo < from.length; lo += RUN) {
    const run = from.slice(lo, lo + RUN).sort(compare);
    for (let i = 0; i < run.length; i++) from[lo + i] = run[i]!;
    await due();
  }
  let to = new Array<T>(from.length);
  for (let width = RUN; width < from.length; width *= 2) {
    let done = 0;
    for (let lo = 0; lo < from.length; lo += 2 * width) {
      const mid = Math.min(lo + width, from.length);
      const hi = Math.min(lo + 2 * width, from.length);
      let i = lo;
      let j = mid;
      for (let k = lo; k < hi; k++) {
        // The left one first on a tie: the merge keeps equal items in their order.
        to[k] = j >= hi || (i < mid && compare(from[i]!, from[j]!) <= 0) ? from[i++]! : from[j++]!;
        if (++done % MERGE_STEP === 0) await due();
      }
    }
    [from, to] = [to, from];
  }
  return from;
}

