import type { CancellationToken } from './io.js';

/**
 * Work in steps: a generator that pauses (`yield`) between parts of its work
 * and returns its result at the end. Run whole with `finish`, on the server's
 * thread in slices with `finishInSlices`, or a few steps at a time while a
 * turn lasts (`VerdictCache.lookup` with a check turn's token): the result is
 * the same, since no step reads the clock.
 * `finish(retrieveSteps(index, norms, options))` is `retrieve(index, norms, options)`.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs every step of `steps` and returns its result. */
export function finish<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Runs every step of `steps` on the server's thread in slices: `due()`
 * (`timeSlices`) is asked after each step and awaited when the slice is over,
 * so requests are answered meanwhile. With a `token`, undefined once it is
 * cancelled (checked after each wait).
 */
export function finishInSlices<T>(steps: Steps<T>, due: () => Promise<void> | undefined): Promise<T>;
export function finishInSlices<T>(steps: Steps<T>, due: () => Promise<void> | undefined, token: CancellationToken | undefined): Promise<T | undefined>;
export async function finishInSlices<T>(steps: Steps<T>, due: () => Promise<void> | undefined, token?: CancellationToken): Promise<T | undefined> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    const turn = due();
    if (turn) await turn;
    if (token?.isCancellationRequested) return undefined;
  }
}
